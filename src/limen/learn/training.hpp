#pragma once
// One training run of a TrainSetup: its replicas in parallel (each bit-identical whatever the
// thread count), the exact moment-ODE heat for quadratic losses that stayed in linear response
// (THEORY §5.5), the §5.6 bound from the measured initial and final parameter densities, and the
// figures of §5.7-5.8 (alpha, rho achieved, the static write ratio).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "limen/io/output.hpp"
#include "limen/learn/memory_optimizer.hpp"
#include "limen/learn/moments.hpp"
#include "limen/learn/setup.hpp"

namespace limen::learn {

struct TrainResult {
  std::vector<ReplicaResult> replicas;
  std::vector<int> finished;           // replicas that ran to the end (an interrupted run reports only these)
  std::optional<MomentResult> exact;   // quadratic, full batch, stayed in linear response
  std::string exact_reason;            // why exact is absent
  Bound bound;                         // from the measured final densities
  double heat_kT = 0, heat_se_kT = -1; // mean over finished replicas; SE < 0 when unknown
  std::string heat_se_method;
  double max_beta_F_l = 0;
  long long max_beta_F_l_step = 0;
  bool linear_response = true;         // beta |F| l <= 0.5 for every parameter at every step
  double levels_moved = 0;             // mean |w_T - w_0| / l
  double time = 0;                     // mean training time of the finished replicas
};

struct RunControl {
  int threads = 0;          // 0 = all cores
  bool record = false;      // per-step records of replica 0
  bool progress = false;    // progress bar on stderr
};

// THEORY §5.5: linear response holds while beta |F| l <= this.
inline constexpr double kLinearResponseLimit = 0.5;

TrainResult run_training(const TrainSetup& setup, const RunControl& control);

// The `limen train --format json` document for a run.
Json train_summary(const TrainSetup& setup, const TrainResult& result);

// Per-step CSV of replica 0: step,time,loss,test_metric,barrier_kT,drive,heat_kT.
std::string steps_csv(const TrainResult& result, const std::string& metric_name);

}  // namespace limen::learn
