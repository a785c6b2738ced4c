#include "limen/learn/memory_optimizer.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "limen/io/interrupt.hpp"
#include "limen/physics/langevin.hpp"
#include "limen/physics/philox.hpp"
#include "limen/units/error.hpp"

namespace limen::learn {
namespace {

uint64_t particle_id(int replica, long long block) { return (static_cast<uint64_t>(replica) << 40) + static_cast<uint64_t>(block); }

// Minibatch indices for a step: B draws with replacement, from Philox stream 2.
void draw_batch(std::vector<int>& batch, long long size, long long n, uint64_t seed, int replica, long long step) {
  batch.resize(static_cast<size_t>(size));
  for (long long j = 0; j < size; j += 4) {
    const auto u = physics::uniforms4(seed, particle_id(replica, j / 4), static_cast<uint64_t>(step), 2);
    for (long long k = j; k < std::min(size, j + 4); ++k)
      batch[static_cast<size_t>(k)] = static_cast<int>(std::min<long long>(n - 1, static_cast<long long>(u[k - j] * n)));
  }
}

}  // namespace

ReplicaResult train_replica(const ReplicaInput& in) {
  const Model& model = *in.model;
  const RunSpec& run = in.run;
  const long long n = model.size();
  const double dt = run.dt(), kT = 1;
  const uint64_t seed = run.seed;
  const bool minibatch = run.batch > 0 && run.batch < model.train_size();
  const int avg_k = in.schedule->spec().average_steps;
  // The per-step record keeps at most ~2 million rows (every k-th step beyond that).
  const long long record_every = std::max<long long>(1, (run.steps + 1999999) / 2000000);
  const long long eval_every = run.eval_every > 0 ? run.eval_every : std::max<long long>(1, run.steps / 200);

  ReplicaResult r;
  // Initial density (THEORY §5): N(init_mean, init_sd^2) per parameter, Philox stream 1.
  Vec w(n);
  for (long long b = 0; b < n; b += 4) {
    const auto z = physics::normals4(seed, particle_id(in.replica, b / 4), 0, 1);
    for (long long i = b; i < std::min(n, b + 4); ++i) w[i] = in.init_mean + in.init_sd * z[i - b];
  }
  Vec grad(n), grad_next(n), w_next(n), force(n);
  r.heat_param_kT = Vec::Zero(n);
  // The thermal noise of the engine (physics/langevin.hpp): parameter i of this replica is the
  // particle id (replica << 40) + i, xi(id, step) from Philox stream 0.
  const size_t np = static_cast<size_t>(n);
  std::vector<uint64_t> ids(np);
  for (size_t i = 0; i < np; ++i) ids[i] = particle_id(in.replica, static_cast<long long>(i));
  std::vector<double> noise_block(4 * np);
  physics::ThermalNoise noise(seed, ids.data(), np, noise_block.data());
  bool have_next = false;  // full batch: the last step's gradient at w_{n+1} is this step's
  std::vector<int> batch;
  const std::vector<int> all;
  double full_now = model.loss(w, all, nullptr);
  const double loss0 = full_now;
  double lb_next_kept = 0;
  // The Sekimoto ledger (physics/langevin.hpp): u = U of the state under the control in force,
  // zero before the drive is switched on at t = 0.
  double u = 0;
  double average = 0, metric = model.test_metric(w);
  bool evaluated = true;
  Control c{};

  const auto reached = [&](double full_loss, bool metric_fresh) {
    if (!run.has_target()) return false;
    if (run.target_loss >= 0 && !(full_loss <= run.target_loss)) return false;
    if (run.target_error >= 0 && !(metric_fresh && metric <= run.target_error)) return false;
    if (run.target_accuracy >= 0 && !(metric_fresh && metric >= run.target_accuracy)) return false;
    return true;
  };

  long long step = 0;
  for (; step < run.steps; ++step) {
    if (interrupted()) {
      r.interrupted = true;
      break;
    }
    const double t = step * dt;
    if (minibatch) draw_batch(batch, run.batch, model.train_size(), seed, in.replica, step);
    const std::vector<int>& b = minibatch ? batch : all;
    double lb_now;
    if (have_next) {
      lb_now = lb_next_kept;
      grad.swap(grad_next);
    } else {
      lb_now = model.loss(w, b, &grad);
    }
    // The controller's running average of the observed (minibatch) loss.
    average = step == 0 ? lb_now : average + (lb_now - average) / avg_k;
    c = in.schedule->at(t + 0.5 * dt, average, run.loss_min);
    // Work: the control (kappa, minibatch) changes at fixed w, U = kappa L_B.
    physics::sekimoto_work(r.work_kT, u, c.drive * lb_now);
    // Euler-Maruyama (THEORY §6) with the model's force F = -kappa grad L_B and the engine's noise.
    force.noalias() = -c.drive * grad;
    w_next = w;
    physics::euler_maruyama_move(w_next.data(), force.data(), noise.at(static_cast<uint64_t>(step)), np, c.mobility, dt,
                                 physics::thermal_amplitude(c.mobility, kT, dt));
    const double lb_next = model.loss(w_next, b, &grad_next);
    const double full_next = minibatch ? model.loss(w_next, all, nullptr) : lb_next;
    if (!std::isfinite(lb_next) || !std::isfinite(full_next))
      throw RunError(fmt::format("training diverged at step {} (t = {:g}): the loss is not finite; lower the learning rate "
                                 "eta = {:g} or raise the steps", step + 1, t + dt, run.eta));
    if (full_next > 1e8 * std::max(loss0, 1.0))
      throw RunError(fmt::format("training diverged at step {} (t = {:g}): the loss {:.3g} exploded from {:.3g}; lower the "
                                 "learning rate eta = {:g} or raise the steps", step + 1, t + dt, full_next, loss0, run.eta));
    // Heat: -(dU at fixed control); its gradient-drive part is the same ledger on U = kappa L with
    // L the full training loss, the minibatch-noise part the rest.
    double q = 0, q_drive = 0, u_full = c.drive * full_now;
    physics::sekimoto_heat(q, u, c.drive * lb_next);
    physics::sekimoto_heat(q_drive, u_full, c.drive * full_next);
    // Per parameter: the Stratonovich heat -kappa dL/dw_i o dw_i by the trapezoid rule on the
    // step's own potential (exact for quadratic losses; sums to q up to O(dt^2) otherwise).
    physics::stratonovich_heat(r.heat_param_kT.data(), grad.data(), grad_next.data(), w.data(), w_next.data(), np, c.drive);
    r.heat_kT += q;
    r.heat_drive_kT += q_drive;
    r.heat_noise_kT += q - q_drive;
    lb_next_kept = lb_next;
    have_next = !minibatch;
    w.swap(w_next);
    full_now = full_next;
    const bool cheap_metric = model.train_size() == 0;  // the synthetic quadratic: no data
    evaluated = cheap_metric || (step + 1) % eval_every == 0 || step + 1 == run.steps;
    if (evaluated) metric = model.test_metric(w);
    if (in.record && ((step + 1) % record_every == 0 || step + 1 == run.steps))
      r.records.push_back({step + 1, (step + 1) * dt, full_now, evaluated ? metric : std::numeric_limits<double>::quiet_NaN(),
                           c.barrier_kT, c.mobility, r.heat_kT});
    if (in.progress) in.progress(step + 1, full_now, metric, r.heat_kT);
    if (run.stop_at_target && reached(full_now, evaluated)) {
      r.reached_target = true;
      ++step;
      break;
    }
  }
  if (!evaluated) metric = model.test_metric(w);
  r.steps = step;
  r.time = step * dt;
  r.delta_u_kT = u;
  r.final_loss = full_now;
  r.final_metric = metric;
  r.final_barrier_kT = c.barrier_kT;
  if (!r.reached_target) r.reached_target = reached(full_now, true);
  r.w = std::move(w);
  return r;
}

}  // namespace limen::learn
