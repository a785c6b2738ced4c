#pragma once
// Memory estimates of a run, checked before anything is allocated (io/resources.hpp): a run that
// cannot fit is refused with one line naming the key that sizes it, instead of std::bad_alloc or
// the OOM killer after minutes of work. Read from the config's raw values (no key is marked read).
#include "limen/io/config.hpp"

namespace limen::sweep {

// simulate (THEORY §6): the Langevin ensemble holds, per particle, its id, x0, u0, x, u, work and
// heat, and simulate adds the dU of each particle and its sampling and histogram temporaries:
// 80 bytes at the peak (measured: max RSS 39.3 MB at 4e5 and 327 MB at 4e6 particles). `ranks`
// share it.
inline constexpr double kSimulateBytesPerParticle = 80;
double simulate_bytes(const Config& config, int ranks = 1);
void check_simulate_memory(const Config& config, int ranks = 1);

// train/tradeoff (THEORY §5), quadratic model: every replica keeps its final parameters and
// per-parameter heat (2 doubles each); a replica being trained also holds its gradient, next
// gradient, next parameters, force and noise ids (5 x 8 bytes) and a 4-normal noise block (32).
// Measured: 304 bytes per parameter for 8 replicas on 2 threads (max RSS 68.3 MB at 2e5 and
// 615 MB at 2e6 parameters), as 8 x 16 + 2 x 88.
inline constexpr double kTrainBytesPerParameterKept = 2 * 8;
inline constexpr double kTrainBytesPerParameterRunning = 6 * 8 + 8 + 4 * 8;
// `concurrent`: replicas trained at once; `runs`: whole runs at once (tradeoff points, each
// training its replicas one after another).
double train_bytes(const Config& config, int concurrent, int runs = 1);
void check_train_memory(const Config& config, int concurrent, int runs = 1);

}  // namespace limen::sweep
