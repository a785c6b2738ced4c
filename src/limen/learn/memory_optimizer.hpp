#pragma once
// The physical-memory optimizer (THEORY §5): every parameter w_i lives in a memory (memory/), the
// schedule sets the barrier E_b and the rate the loss must fall at, the memory's Lyapunov matching
// (§5.4) sets the drive kappa, and the memory moves the parameters one step in
// U_mem(w; E_b) + kappa L_B(w), L_B the minibatch loss. Energetics (Sekimoto, §6): the drive's part
// is booked here, with the controls (E_b, kappa, B_n) fixed over a step and U_drive = kappa L_B:
// work W_n = U_n(w_n) - U_{n-1}(w_n) when a control changes at fixed state, heat
// Q_n = U_n(w_n) - U_n(w_{n+1}); it splits into the gradient-drive part kappa_n [L(w_n) - L(w_{n+1})]
// (L the full training loss) and the minibatch-noise part (the rest). The memory books the
// barrier's work and its potential's heat. The run starts held at the retention barrier (§5.10)
// and ends raised to it (§5.1), so that W = Q + dU per replica.
// Noise: the engine's thermal_normal(seed, id, step), id = (replica << 40) + parameter (Philox
// stream 0; initial density stream 1, minibatches stream 2): bit-identical for any thread count.
#include <functional>
#include <vector>

#include "limen/learn/model.hpp"
#include "limen/learn/schedule.hpp"
#include "limen/learn/spec.hpp"

namespace limen::learn {

struct StepRecord {
  long long step;
  double time, loss, metric;  // metric NaN when not evaluated at this step
  double barrier_kT, drive, heat_kT;  // heat so far
};

struct ReplicaResult {
  double heat_kT = 0;          // total: drive + minibatch noise + barrier
  double heat_drive_kT = 0, heat_noise_kT = 0, heat_barrier_kT = 0;
  double heat_split_se_kT = 0;   // standard error of the sampled drive/noise split (0: every step)
  long long split_samples = 0;
  double work_kT = 0, delta_u_kT = 0;
  double time = 0;
  long long steps = 0;
  bool reached_target = false, interrupted = false;
  double final_loss = 0, final_metric = 0, final_barrier_kT = 0;
  Vec w0, w;  // initial (as held by the memory) and final parameters
  Vec heat_param_kT;  // drive heat per parameter (trapezoid Stratonovich), sums to the drive + noise heat up to O(dt^2)
  // The regime the run was in (THEORY §5.3, 5.5): the largest beta |F| l of any parameter, at which
  // step; parameter-steps and steps where beta kappa |d2L/dw2| l^2 > 1, of the steps checked.
  double max_beta_F_l = 0;
  long long max_beta_F_l_step = 0;
  long long curvature_param_steps = 0, curvature_steps = 0, curvature_checked_steps = 0;
  bool curvature_checked = false;
  double max_rate_curvature_dt = 0;  // rate * max d2L/dw2 * dt over the checked steps (> 2: the step overshoots)
  long long wall_touches = 0;
  // A device memory's energy from the catalog (memory/device.cpp), J, and its pulses and reads.
  double device_J = 0, device_write_J = 0, device_read_J = 0, device_pulses = 0, device_reads = 0;
  // A one-sided pair's refreshes (memory/device_pair.cpp): events, RESET pulses, rewrite SET pulses, RESET J.
  double device_refreshes = 0, device_resets = 0, device_refresh_pulses = 0, device_reset_J = 0;
  std::vector<StepRecord> records;
};

struct ReplicaInput {
  const Model* model;
  const Schedule* schedule;
  MemorySpec memory;
  RunSpec run;
  double init_mean = 0, init_sd = 0;
  int replica = 0;
  bool record = false;
  // Called after every step with (step, loss, last metric, heat so far); may be empty.
  std::function<void(long long, double, double, double)> progress;
};

// Trains one replica; throws RunError when the loss diverges (naming the step and why) or when
// the resolved memory's sub-step no longer resolves the drive's curvature.
ReplicaResult train_replica(const ReplicaInput& in);

}  // namespace limen::learn
