#pragma once
// The physical-memory optimizer (THEORY §5): every parameter w_i is an overdamped particle in a
// barrier-controlled memory, moved by one Euler-Maruyama step per update (THEORY §6) of the physics
// engine's shared step (physics/langevin.hpp: its noise, move and Sekimoto ledger),
//   w_{n+1} = w_n + mu F dt + sqrt(2 mu kT dt) xi_n,   F = -kappa grad L_B(w_n),
// with (E_b, mu, kappa) from the Schedule and L_B the minibatch loss. Energetics (Sekimoto, THEORY
// §6): with the control (kappa_n, B_n) fixed during a step and U = kappa L_B, the heat released is
// Q_n = U_n(w_n) - U_n(w_{n+1}) and the work W_n = U_n(w_n) - U_{n-1}(w_n) (control changes at fixed
// state), so W = Q + dU per trajectory. The heat splits into the gradient-drive part
// kappa_n [L(w_n) - L(w_{n+1})] (L the full training loss) and the minibatch-noise part (the rest).
// Noise is the engine's thermal_normal(seed, id, step), id = (replica << 40) + parameter (Philox
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
  double barrier_kT, mobility, heat_kT;  // heat so far
};

struct ReplicaResult {
  double heat_kT = 0, heat_drive_kT = 0, heat_noise_kT = 0, work_kT = 0, delta_u_kT = 0;
  double time = 0;
  long long steps = 0;
  bool reached_target = false, interrupted = false;
  double final_loss = 0, final_metric = 0, final_barrier_kT = 0;
  Vec w;  // final parameters
  Vec heat_param_kT;  // heat per parameter (trapezoid Stratonovich), sums to heat_kT up to O(dt^2)
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

// Trains one replica; throws RunError when the loss diverges (naming the step and why).
ReplicaResult train_replica(const ReplicaInput& in);

}  // namespace limen::learn
