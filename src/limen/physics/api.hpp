#pragma once
// The physics engine's library API (issue 3): `limen simulate` and `limen validate` are thin
// shells over these, and the Python module and sweeps call the same functions.
#include <string>
#include <vector>

#include "limen/io/config.hpp"
#include "limen/io/output.hpp"

namespace limen::physics {

struct SimulateOptions {
  int threads = 0;  // 0 = all cores (or [run] threads)
  std::string trajectories_csv;  // per-particle results to this file when non-empty
};
// Runs the ensemble (or the Fokker-Planck solver) a config describes; the JSON document that
// `limen simulate --format json` prints. Throws InputError on bad input, RunError on divergence.
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
