#pragma once
// The physics engine's library API (issue 3): `limen simulate` and `limen validate` are thin
// shells over these, and the Python module and sweeps call the same functions.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "limen/io/config.hpp"
#include "limen/io/output.hpp"
#include "limen/physics/ensemble.hpp"

namespace limen::physics {

// One process's share of a Langevin ensemble split across processes (MPI ranks; this library
// knows nothing of MPI). Every particle keeps its global id, which keys its initial sample and
// its noise (THEORY §6, counter-based streams), so the slices together are exactly the whole run.
struct Partition {
  std::size_t begin = 0, end = 0;             // this process's particle ids [begin, end)
  std::function<bool(bool)> any;              // collective: true when any process passes true
  std::function<bool(Ensemble&)> gather;      // collective: the root gets the whole ensemble in
                                              // id order and returns true; the others false
};

struct SimulateOptions {
  int threads = 0;  // 0 = all cores (or [run] threads)
  std::string trajectories_csv;  // per-particle results to this file when non-empty
  std::optional<Partition> partition;  // Langevin only: this process runs a slice of the ensemble
};
// Runs the ensemble (or the Fokker-Planck solver) a config describes; the JSON document that
// `limen simulate --format json` prints. Throws InputError on bad input, RunError on divergence.
// With a partition, every process calls it; the root returns the document of the unsplit run
// (timing aside), the others a document without results that callers ignore.
Json simulate(const Config& config, const SimulateOptions& options);

enum class Level { quick, full };
struct CheckResult {
  std::string id;
  double expected, measured, tolerance;
  bool pass;
  std::string detail;
};
// Every check of THEORY §7 except lim-quadratic.
std::vector<CheckResult> run_checks(Level level, int threads);
// {"checks":[{"id","expected","measured","tolerance","pass","detail"}],"passed","failed"}
Json checks_json(const std::vector<CheckResult>& checks);

}  // namespace limen::physics
