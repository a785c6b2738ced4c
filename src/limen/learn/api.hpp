#pragma once
// The learning part's library API (issue 4): `limen train`, `limen tradeoff` and the
// lim-quadratic check of `limen validate` are thin shells over these.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "limen/io/config.hpp"
#include "limen/io/output.hpp"
#include "limen/physics/api.hpp"

namespace limen::learn {

struct TrainOptions {
  std::string steps_csv;  // per-step CSV of replica 0 to this file when non-empty
  int threads = 0;        // 0 = all cores
};
// Trains the model a config describes in simulated memories; the `limen train --format json` document.
Json train(const Config& config, const TrainOptions& options);

struct TradeoffOptions {
  std::string train_time_range;      // "START:STOP:POINTS" (log-spaced); "" = the default range
  std::vector<std::string> schedules;  // empty = all (curve only when the config has one)
  int threads = 0;                     // points trained at once; 0 = every core (results do not depend on it)
  // Resuming (apps/cmd_tradeoff.cpp journals): points finished by an earlier run, by index in
  // schedule-major order, as {"point": ..., "entropy_kT": ...}; they are not trained again. Each
  // point finished now is handed to on_point in the same form (from a worker thread).
  std::map<std::size_t, Json> finished;
  std::function<void(std::size_t index, const Json& record)> on_point;
};
// Trains at each total time (eta scaled as 1/time) for every schedule (after SIGINT/SIGTERM only
// the points that finished, with "partial": true):
// {"points":[{"train_time","schedule","heat_J","bound_J","reached_target",...}],"floor_J",...}
Json tradeoff(const Config& config, const TradeoffOptions& options);

// The learning checks of THEORY §7: tilted-transport, learn-coarse-vs-resolved,
// static-write-consistency and lim-quadratic (learn/checks.hpp).
std::vector<physics::CheckResult> run_checks(physics::Level level, int threads);

// The whole validation suite of THEORY §7 (`limen validate`, `limen.validate()`): the physics
// engine's checks, then lim-quadratic.
std::vector<physics::CheckResult> validation_suite(physics::Level level, int threads);

}  // namespace limen::learn
