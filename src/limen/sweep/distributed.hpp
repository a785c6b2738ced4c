#pragma once
// One `limen simulate` run whose Langevin ensemble is split across the MPI ranks (issue 5):
// rank r runs the particles [r N / K, (r + 1) N / K) and rank 0 gathers them in id order, so its
// document is the one a single process prints, bit for bit (timing aside). A Fokker-Planck run
// is not split: rank 0 computes it while the others wait.
#include "limen/io/config.hpp"
#include "limen/io/output.hpp"
#include "limen/physics/api.hpp"
#include "limen/sweep/ranks.hpp"

namespace limen::sweep {

// Every rank calls it with the same config; rank 0 returns the document, the others an empty
// object. threads = 0 with [run] threads = 0 means this rank's share of the machine's cores.
Json simulate_distributed(const Config& config, physics::SimulateOptions options, const Ranks& ranks);

// All cores for threads = 0, divided among the ranks that share this machine.
int threads_per_rank(int requested);

}  // namespace limen::sweep
