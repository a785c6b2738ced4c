#pragma once
// One training run of a TrainSetup: its replicas in parallel (each bit-identical whatever the
// thread count), the exact moment-ODE heat for quadratic losses, the THEORY §5 bound from the
// initial and final parameter densities, and alpha = heat / bound.
#include <functional>
#include <optional>
#include <vector>

#include "limen/io/output.hpp"
#include "limen/learn/memory_optimizer.hpp"
#include "limen/learn/moments.hpp"
#include "limen/learn/setup.hpp"

namespace limen::learn {

struct TrainResult {
  std::vector<ReplicaResult> replicas;
  std::optional<MomentResult> exact;  // quadratic losses
  Bound bound;
  double heat_kT = 0;  // mean over replicas
};

struct RunControl {
  int threads = 0;          // 0 = all cores
  bool record = false;      // per-step records of replica 0
  bool progress = false;    // progress bar on stderr
};

TrainResult run_training(const TrainSetup& setup, const RunControl& control);

// The `limen train --format json` document for a finished run.
Json train_summary(const TrainSetup& setup, const TrainResult& result);

// Per-step CSV of replica 0: step,time,loss,test_metric,barrier_kT,mobility,heat_kT.
std::string steps_csv(const TrainResult& result, const std::string& metric_name);

}  // namespace limen::learn
