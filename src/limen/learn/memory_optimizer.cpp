#include "limen/learn/memory_optimizer.hpp"
#include "limen/learn/split_estimate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "limen/io/interrupt.hpp"
#include "limen/memory/memory.hpp"
#include "limen/physics/langevin.hpp"
#include "limen/physics/philox.hpp"
#include "limen/units/error.hpp"

namespace limen::learn {
namespace {

constexpr double kPi = 3.14159265358979323846;

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
  const double dt = run.dt(), level = in.memory.level;
  const uint64_t seed = run.seed;
  const bool minibatch = run.batch > 0 && run.batch < model.train_size();
  const int avg_k = in.schedule->spec().average_steps;
  // The per-step record keeps at most ~2 million rows (every k-th step beyond that).
  const long long record_every = std::max<long long>(1, (run.steps + 1999999) / 2000000);
  const long long eval_every = run.eval_every > 0 ? run.eval_every : std::max<long long>(1, run.steps / 200);
  const bool cheap_metric = model.train_size() == 0;  // the synthetic quadratic: no data

  ReplicaResult r;
  // Initial density (THEORY §5.10): N(init_mean, init_sd^2) per parameter, Philox stream 1.
  Vec w(n);
  for (long long b = 0; b < n; b += 4) {
    const auto z = physics::normals4(seed, particle_id(in.replica, b / 4), 0, 1);
    for (long long i = b; i < std::min(n, b + 4); ++i) w[i] = in.init_mean + in.init_sd * z[i - b];
  }
  const size_t np = static_cast<size_t>(n);
  std::vector<uint64_t> ids(np);
  for (size_t i = 0; i < np; ++i) ids[i] = particle_id(in.replica, static_cast<long long>(i));
  const auto mem = memory::make_memory(in.memory, ids, seed);
  memory::Ledger ml;
  mem->hold(std::span<double>(w.data(), np), ml);  // held at retention (the resolved memory places w in its wells)
  const double u_mem0 = ml.u_kT;
  r.w0 = w;

  Vec grad(n), grad_next(n), w_next(n), curvature;
  r.heat_param_kT = Vec::Zero(n);
  std::vector<int> batch;
  const std::vector<int> all;
  // The minibatch landscape for the resolved memory's sub-steps.
  Vec scratch_w(n), scratch_g(n);
  const std::vector<int>* landscape_batch = &all;
  const memory::Landscape landscape = [&](std::span<const double> x, std::span<double> g) {
    std::copy(x.begin(), x.end(), scratch_w.data());
    const double l = model.loss(scratch_w, *landscape_batch, &scratch_g);
    std::copy(scratch_g.data(), scratch_g.data() + n, g.begin());
    return l;
  };
  // The coarse condition (THEORY §5.3) and the resolved sub-step (§5.2) need d2L/dw2: every step
  // for a model without data (constant), else on the evaluation steps.
  const bool resolved = in.memory.model == memory::Model::resolved;

  const long long split_every = std::max<long long>(1, run.split_every);
  SplitSample split_sample;  // the sampled steps' (drive heat, minibatch heat) pairs
  bool full_fresh = true;  // full_now is the full training loss at the current w
  bool have_next = false;  // full batch: the last step's gradient at w_{n+1} is this step's
  double lb_next_kept = 0;
  double full_now = model.loss(w, all, nullptr);
  const double loss0 = full_now;
  double u_drive = 0;  // kappa L_B of the state under the control in force (0 before the drive is on)
  double average = 0, metric = model.test_metric(w);
  bool evaluated = true;
  double barrier = in.memory.retention_barrier, kappa = 0;

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
    landscape_batch = &b;
    double lb_now;
    if (have_next) {
      lb_now = lb_next_kept;
      grad.swap(grad_next);
    } else {
      lb_now = model.loss(w, b, &grad);
    }
    // The controller's running average of the observed (minibatch) loss.
    average = step == 0 ? lb_now : average + (lb_now - average) / avg_k;
    const Setting set = in.schedule->at(t + 0.5 * dt, average, run.loss_min);
    barrier = set.barrier_kT;
    mem->set_barrier(std::span<const double>(w.data(), np), barrier, ml);
    kappa = mem->match_drive(std::span<const double>(grad.data(), np), barrier, set.rate);
    // Work: the drive (kappa, minibatch) changes at fixed w, U_drive = kappa L_B.
    physics::sekimoto_work(r.work_kT, u_drive, kappa * lb_now);
    // The regime: beta |F| l = kappa |g_i| l (kT = 1).
    const double bfl = kappa * grad.cwiseAbs().maxCoeff() * level;
    if (bfl > r.max_beta_F_l) {
      r.max_beta_F_l = bfl;
      r.max_beta_F_l_step = step + 1;
    }
    if (kappa > 0 && (cheap_metric || step % eval_every == 0) && model.diag_curvature(w, b, curvature)) {
      r.curvature_checked = true;
      ++r.curvature_checked_steps;
      const double limit = 1 / (kappa * level * level);
      long long over = 0;
      for (long long i = 0; i < n; ++i) over += std::abs(curvature[i]) > limit;
      r.curvature_param_steps += over;
      r.curvature_steps += over > 0;
      // The gradient-flow step itself: rate lambda_max dt > 2 overshoots (the loss would diverge;
      // between walls it only bounces), whatever the memory.
      r.max_rate_curvature_dt = std::max(r.max_rate_curvature_dt, set.rate * curvature.cwiseAbs().maxCoeff() * dt);
      if (resolved) {
        // THEORY §5.2: dt mu_0 max U'' <= 0.02 with max U'' = 2 pi^2 E_b / l^2 + kappa max d2L/dw2.
        const double max_u2 = 2 * kPi * kPi * barrier / (level * level) + kappa * curvature.cwiseAbs().maxCoeff();
        const double h = mem->substep(dt);
        if (h * in.memory.mobility0_model() * max_u2 > memory::kSubstepStability * (1 + 1e-9))
          throw RunError(fmt::format("[memory] dt: at step {} the drive's curvature needs a sub-step <= {:.3g} "
                                     "(dt mu_0 max U'' <= {}), the run uses {:.3g}; lower [memory] dt",
                                     step + 1, memory::kSubstepStability / (in.memory.mobility0_model() * max_u2),
                                     memory::kSubstepStability, h));
      }
    }
    w_next = w;
    mem->move(std::span<double>(w_next.data(), np), std::span<const double>(grad.data(), np), kappa, landscape,
              static_cast<uint64_t>(step), dt, ml);
    const double lb_next = model.loss(w_next, b, &grad_next);
    if (!std::isfinite(lb_next))
      throw RunError(fmt::format("training diverged at step {} (t = {:g}): the loss is not finite; lower the learning rate "
                                 "eta = {:g} or raise the steps", step + 1, t + dt, run.eta));
    if (lb_next > 1e8 * std::max(loss0, 1.0))
      throw RunError(fmt::format("training diverged at step {} (t = {:g}): the loss {:.3g} exploded from {:.3g}; lower the "
                                 "learning rate eta = {:g} or raise the steps", step + 1, t + dt, lb_next, loss0, run.eta));
    // Heat: -(dU_drive at fixed control), every step. Its gradient-drive part is the same ledger on
    // kappa L with L the full training loss; with minibatches it is evaluated on every k-th step
    // (`split_every`) and scaled by k (systematic sampling, README "the heat split"), the
    // minibatch-noise part is the rest.
    double q = 0;
    physics::sekimoto_heat(q, u_drive, kappa * lb_next);
    const bool split_step = !minibatch || step % split_every == 0;
    const bool record_step = in.record && ((step + 1) % record_every == 0 || step + 1 == run.steps);
    const bool eval_step = cheap_metric || (step + 1) % eval_every == 0 || step + 1 == run.steps;
    double full_next = lb_next;
    if (minibatch && (split_step || record_step || (eval_step && run.target_loss >= 0))) {
      if (split_step && !full_fresh) full_now = model.loss(w, all, nullptr);
      full_next = model.loss(w_next, all, nullptr);
    }
    if (split_step) {
      double q_drive = 0, u_full = kappa * full_now;
      physics::sekimoto_heat(q_drive, u_full, kappa * full_next);
      split_sample.add(q_drive, q);
    }
    r.heat_noise_kT += q;  // the total for now; the drive part is taken out at the end
    // Per parameter: the Stratonovich heat -kappa dL/dw_i o dw_i by the trapezoid rule on the
    // step's own potential (exact for quadratic losses; sums to q up to O(dt^2) otherwise).
    physics::stratonovich_heat(r.heat_param_kT.data(), grad.data(), grad_next.data(), w.data(), w_next.data(), np, kappa);
    full_fresh = !minibatch || split_step || record_step || (eval_step && run.target_loss >= 0);
    lb_next_kept = lb_next;
    have_next = !minibatch;
    w.swap(w_next);
    if (full_fresh) full_now = full_next;
    evaluated = eval_step;
    if (evaluated) metric = model.test_metric(w);
    const double heat_so_far = r.heat_noise_kT + ml.heat_kT;
    if (record_step)
      r.records.push_back({step + 1, (step + 1) * dt, full_now, evaluated ? metric : std::numeric_limits<double>::quiet_NaN(),
                           barrier, kappa, heat_so_far});
    if (in.progress) in.progress(step + 1, full_now, metric, heat_so_far);
    if (run.stop_at_target && (full_fresh || run.target_loss < 0) && reached(full_now, evaluated)) {
      r.reached_target = true;
      ++step;
      break;
    }
  }
  if (!evaluated) metric = model.test_metric(w);
  // The drive/noise split: exact when every step was sampled, else estimated (split_estimate).
  const SplitEstimate split = split_estimate(split_sample, step, r.heat_noise_kT);
  r.heat_drive_kT = split.drive_kT;
  r.heat_split_se_kT = split.se_kT;
  r.heat_noise_kT -= r.heat_drive_kT;
  r.split_samples = split_sample.m;
  r.steps = step;
  r.time = step * dt;
  r.final_barrier_kT = barrier;
  if (!r.interrupted) {
    // The end (THEORY §5.1): the barrier raised to retention at fixed state, the drive switched
    // off at fixed state, the wells relax.
    mem->set_barrier(std::span<const double>(w.data(), np), in.memory.retention_barrier, ml);
    physics::sekimoto_work(r.work_kT, u_drive, 0.0);
    mem->retain(std::span<double>(w.data(), np), static_cast<uint64_t>(run.steps) + 1, ml);
    full_now = model.loss(w, all, nullptr);
    metric = model.test_metric(w);
  }
  r.work_kT += ml.work_kT;
  r.heat_barrier_kT = ml.heat_kT;
  r.heat_kT = r.heat_drive_kT + r.heat_noise_kT + r.heat_barrier_kT;
  r.delta_u_kT = u_drive + ml.u_kT - u_mem0;
  r.final_loss = full_now;
  r.final_metric = metric;
  r.wall_touches = mem->wall_touches();
  r.device_J = ml.device_J;
  r.device_write_J = ml.device_write_J;
  r.device_read_J = ml.device_read_J;
  r.device_pulses = ml.pulses;
  r.device_reads = ml.reads;
  r.device_refreshes = ml.refreshes;
  r.device_resets = ml.resets;
  r.device_refresh_pulses = ml.refresh_pulses;
  r.device_reset_J = ml.device_reset_J;
  if (!r.reached_target) r.reached_target = reached(full_now, true);
  r.w = std::move(w);
  return r;
}

}  // namespace limen::learn
