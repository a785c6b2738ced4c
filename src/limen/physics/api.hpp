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
#include "limen/physics/mutation.hpp"

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
// How a check compares (THEORY §7): equality, |measured - expected| <= tolerance; inequality,
// measured >= expected - tolerance (expected the bound, tolerance the statistical slack, e.g.
// 3 SE; it reports margin = measured - expected, not a band); absolute, expected 0 and
// |measured| <= tolerance (it reports the absolute error).
enum class CheckKind { equality, inequality, absolute };
std::string kind_name(CheckKind kind);  // "equality" | "inequality" | "absolute"
struct CheckResult {
  std::string id;  // name@case (THEORY §7: `lifson-jackson@E_b=4`); tools match on the name before '@'
  double expected = 0, measured = 0, tolerance = 0;
  bool pass = false;
  std::string detail;
  CheckKind kind = CheckKind::equality;
  std::string name() const { return id.substr(0, id.find('@')); }
};
// The engine checks of THEORY §7 (the learning checks live in learn::run_checks).
std::vector<CheckResult> run_checks(Level level, int threads);
// The same with a test's choices: `only` one check by name (empty: all), `units` one unit set
// ("reduced" or "gamma=2.5,kT=0.5"; empty: both), under a deliberate defect of the engine
// (mutation.hpp; the mutation tests assert that the check then fails).
struct CheckOptions {
  Level level = Level::quick;
  int threads = 0;
  std::string only, units;
  Mutation mutation;
};
std::vector<CheckResult> run_checks(const CheckOptions& options);
// Every check name run_checks reports, in its order.
const std::vector<std::string>& check_names();
// {"checks":[{"id","name","kind","expected","measured","tolerance","pass","detail", and by kind
// "relative_error" (equality), "margin" (inequality), "absolute_error" (absolute)}],"passed","failed"}
Json checks_json(const std::vector<CheckResult>& checks);

}  // namespace limen::physics
