#include "limen/learn/training.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <mutex>

#include "limen/io/parallel.hpp"
#include "limen/io/progress.hpp"
#include "limen/units/constants.hpp"
#include "limen/units/error.hpp"

namespace limen::learn {

TrainResult run_training(const TrainSetup& s, const RunControl& control) {
  const Schedule schedule(s.schedule, s.memory, s.run.eta, s.run.time, s.model->size());
  TrainResult out;
  const int reps = s.run.replicas;
  out.replicas.resize(static_cast<size_t>(reps));
  const int threads = std::clamp(resolve_threads(control.threads), 1, reps);
  Progress bar("train", static_cast<double>(s.run.steps), control.progress);
  std::mutex bar_mutex;
  parallel_for(static_cast<size_t>(reps), threads, [&](size_t r) {
    const int i = static_cast<int>(r);
    ReplicaInput in{s.model.get(), &schedule, s.memory, s.run, s.init_mean, s.init_sd, i, control.record && i == 0, {}};
    if (i == 0 && control.progress)
      in.progress = [&](long long step, double loss, double metric, double heat) {
        if (step % 16) return;
        std::lock_guard lock(bar_mutex);
        bar.update(static_cast<double>(step), fmt::format("loss {:.4g}  metric {:.4g}  heat {:.3g} kT", loss, metric, heat));
      };
    out.replicas[r] = train_replica(in);
  });
  bar.finish();

  for (const auto& r : out.replicas) out.heat_kT += r.heat_kT / reps;
  // The moment ODEs hold thermal noise only: exact for full-batch runs of quadratic losses.
  const bool minibatch = s.run.batch > 0 && s.run.batch < s.model->train_size();
  const auto* groups = s.model->quadratic_groups();
  if (groups && !minibatch) {
    out.exact = integrate_moments(*groups, s.init_mean, s.init_sd, schedule, s.memory, s.run, s.model->quadratic_floor());
    out.bound = out.exact->bound;
  } else {
    // Final density of every parameter from the replicas (Gaussian, unbiased ln sigma), THEORY §5.
    const long long n = s.model->size();
    double time = 0;
    for (const auto& r : out.replicas) time += r.time / reps;
    for (long long i = 0; i < n; ++i) {
      double mean = 0, s2 = 0;
      for (const auto& r : out.replicas) mean += r.w[i] / reps;
      for (const auto& r : out.replicas) s2 += (r.w[i] - mean) * (r.w[i] - mean) / (reps - 1);
      const double sd = s2 > 0 ? std::exp(log_sd_unbiased(s2, reps)) : s.init_sd * 1e-12;
      add_gaussian_bound(out.bound, {s.init_mean, s.init_sd}, {mean, sd}, s.memory.mobility0_model(), std::max(time, 1e-300));
    }
  }
  return out;
}

Json train_summary(const TrainSetup& s, const TrainResult& res) {
  const double kT = kT_J(s.memory.temperature_K);
  const double reps = static_cast<double>(res.replicas.size());
  double time = 0, loss = 0, metric = 0, drive = 0, noise = 0, work = 0, du = 0, barrier = 0;
  bool reached = true, interrupted = false;
  long long steps = 0;
  for (const auto& r : res.replicas) {
    time += r.time / reps;
    loss += r.final_loss / reps;
    metric += r.final_metric / reps;
    drive += r.heat_drive_kT / reps;
    noise += r.heat_noise_kT / reps;
    work += r.work_kT / reps;
    du += r.delta_u_kT / reps;
    barrier += r.final_barrier_kT / reps;
    reached = reached && r.reached_target;
    interrupted = interrupted || r.interrupted;
    steps = std::max(steps, r.steps);
  }
  const long long n = s.model->size();
  const double bound_kT = res.bound.total_kT();
  Json j;
  j["model"] = s.model->kind();
  j["data"] = s.data_source;
  j["parameters"] = n;
  j["schedule"] = s.schedule.name();
  j["replicas"] = res.replicas.size();
  j["eta"] = s.run.eta;
  j["time_limit"] = s.run.time;
  j["train_time"] = time;
  j["steps"] = steps;
  j["final_loss"] = loss;
  j[s.model->metric_name()] = metric;
  j["reached_target"] = s.run.has_target() ? Json(reached) : Json(nullptr);
  j["heat_J"] = finite(res.heat_kT * kT, "heat_J");
  j["heat_kT"] = res.heat_kT;
  j["heat_kT_per_param"] = res.heat_kT / static_cast<double>(n);
  // Heat per parameter (mean over replicas): its spread across the parameters, and the check that
  // the per-parameter (trapezoid Stratonovich) heats add up to the total.
  Vec per(n);
  per.setZero();
  for (const auto& r : res.replicas) per += r.heat_param_kT / reps;
  std::vector<double> sorted(per.data(), per.data() + n);
  std::sort(sorted.begin(), sorted.end());
  j["heat_per_param_kT"] = {{"min", sorted.front()}, {"median", sorted[sorted.size() / 2]}, {"max", sorted.back()},
                            {"sum_vs_total", res.heat_kT != 0 ? per.sum() / res.heat_kT - 1 : 0.0}};
  j["heat_drive_J"] = drive * kT;
  j["heat_minibatch_J"] = noise * kT;
  j["work_J"] = work * kT;
  j["energy_change_J"] = du * kT;
  j["bound_J"] = bound_kT * kT;
  j["bound_entropy_J"] = res.bound.entropy_kT * kT;
  j["bound_transport_J"] = res.bound.transport_kT * kT;
  j["bits_gained_per_param"] = res.bound.bits_gained / static_cast<double>(n);
  j["alpha"] = bound_kT > 0 ? Json(res.heat_kT / bound_kT) : Json(nullptr);
  if (res.exact) {
    j["exact_J"] = res.exact->heat_kT * kT;
    j["exact_train_time"] = res.exact->time;
    j["exact_reached_target"] = res.exact->reached_target;
    j["heat_vs_exact"] = res.exact->heat_kT != 0 ? Json(res.heat_kT / res.exact->heat_kT - 1) : Json(nullptr);
  } else {
    j["exact_J"] = nullptr;
  }
  j["precision_floor_J"] = static_cast<double>(n) * s.memory.bits * kLn2 * kT;
  j["final_barrier_kT"] = barrier;
  j["temperature_K"] = s.memory.temperature_K;
  j["kT_J"] = kT;
  if (interrupted) j["partial"] = true;
  check_finite(j);
  return j;
}

std::string steps_csv(const TrainResult& res, const std::string& metric_name) {
  std::string out = fmt::format("step,time,loss,{},barrier_kT,mobility,heat_kT\n", metric_name);
  if (res.replicas.empty()) return out;
  for (const auto& r : res.replicas[0].records)
    out += fmt::format("{},{:.9g},{:.9g},{},{:.9g},{:.9g},{:.9g}\n", r.step, r.time, r.loss,
                       std::isnan(r.metric) ? std::string() : fmt::format("{:.9g}", r.metric), r.barrier_kT, r.mobility,
                       r.heat_kT);
  return out;
}

}  // namespace limen::learn
