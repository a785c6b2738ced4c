#include "limen/learn/training.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

#include "limen/io/parallel.hpp"
#include "limen/io/progress.hpp"

namespace limen::learn {
namespace {

// Final density per class of identical parameters (THEORY §5.8: sigma_T across replicas for each
// parameter, across parameters only where they are identical), pooled; Gaussian, unbiased ln sigma.
void measured_bound(const TrainSetup& s, TrainResult& out) {
  const long long n = s.model->size();
  struct Pool {
    double sum = 0, sum_sq = 0;
    long long count = 0, params = 0;
    double shift = 0;  // first value, for a stable variance
    bool started = false;
  };
  std::map<long long, Pool> pools;
  for (long long i = 0; i < n; ++i) {
    Pool& p = pools[s.model->identical_class(i)];
    ++p.params;
    for (int r : out.finished) {
      const double x = out.replicas[static_cast<size_t>(r)].w[i];
      if (!p.started) {
        p.shift = x;
        p.started = true;
      }
      p.sum += x - p.shift;
      p.sum_sq += (x - p.shift) * (x - p.shift);
      ++p.count;
    }
  }
  for (const auto& [cls, p] : pools) {
    if (p.count < 2) continue;
    const double mean = p.sum / p.count;
    const double s2 = std::max(0.0, (p.sum_sq - p.count * mean * mean) / (p.count - 1));
    const double sd = s2 > 0 ? std::exp(log_sd_unbiased(s2, static_cast<int>(std::min<long long>(p.count, 1 << 30)))) : s.init_sd * 1e-12;
    add_gaussian_bound(out.bound, {s.init_mean, s.init_sd}, {p.shift + mean, sd}, s.memory.mobility0_model(),
                       std::max(out.time, 1e-300), static_cast<double>(p.params));
  }
}

}  // namespace

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

  const long long n = s.model->size();
  for (int r = 0; r < reps; ++r)
    if (!out.replicas[static_cast<size_t>(r)].interrupted) out.finished.push_back(r);
  const double k = static_cast<double>(out.finished.size());
  if (out.finished.empty()) return out;
  double sum_sq = 0, moved = 0;
  for (int r : out.finished) {
    const auto& rep = out.replicas[static_cast<size_t>(r)];
    out.heat_kT += rep.heat_kT / k;
    out.time += rep.time / k;
    moved += (rep.w - rep.w0).cwiseAbs().sum() / (static_cast<double>(n) * s.memory.level * k);
    if (rep.max_beta_F_l > out.max_beta_F_l) {
      out.max_beta_F_l = rep.max_beta_F_l;
      out.max_beta_F_l_step = rep.max_beta_F_l_step;
    }
  }
  out.levels_moved = moved;
  out.linear_response = out.max_beta_F_l <= kLinearResponseLimit;
  // The standard error of the heat: over replicas; with one replica of identical parameters, from
  // the spread of the per-parameter heats (independent copies of one parameter).
  if (out.finished.size() >= 2) {
    for (int r : out.finished) sum_sq += std::pow(out.replicas[static_cast<size_t>(r)].heat_kT - out.heat_kT, 2);
    out.heat_se_kT = std::sqrt(sum_sq / (k - 1) / k);
    out.heat_se_method = "replicas";
  } else {
    bool identical = true;
    for (long long i = 1; i < n && identical; ++i) identical = s.model->identical_class(i) == s.model->identical_class(0);
    if (identical && n >= 2) {
      const Vec& h = out.replicas[static_cast<size_t>(out.finished[0])].heat_param_kT;
      const double mean = h.mean();
      const double var = (h.array() - mean).square().sum() / static_cast<double>(n - 1);
      out.heat_se_kT = std::sqrt(var * static_cast<double>(n));
      out.heat_se_method = "identical parameters (drive heat per parameter)";
    }
  }
  measured_bound(s, out);
  // The moment ODEs are the ground truth of a full-batch quadratic run that stayed in linear
  // response (THEORY §5.5); otherwise the reference is the resolved memory.
  const bool minibatch = s.run.batch > 0 && s.run.batch < s.model->train_size();
  const auto* groups = s.model->quadratic_groups();
  if (s.memory.model == memory::Model::device) out.exact_reason = "a device memory: the moment ODEs are for the barrier memory";
  else if (!groups) out.exact_reason = "the loss is not quadratic";
  else if (minibatch) out.exact_reason = "minibatch noise is not in the moment ODEs";
  else if (!out.linear_response)
    out.exact_reason = fmt::format("the run left linear response (max beta |F| l = {:.3g} > {} at step {})", out.max_beta_F_l,
                                   kLinearResponseLimit, out.max_beta_F_l_step);
  else
    out.exact = integrate_moments(*groups, s.init_mean, s.init_sd, schedule, s.memory, s.run, s.model->quadratic_floor());
  return out;
}

std::string steps_csv(const TrainResult& res, const std::string& metric_name) {
  std::string out = fmt::format("step,time,loss,{},barrier_kT,drive,heat_kT\n", metric_name);
  if (res.replicas.empty()) return out;
  for (const auto& r : res.replicas[0].records)
    out += fmt::format("{},{:.9g},{:.9g},{},{:.9g},{:.9g},{:.9g}\n", r.step, r.time, r.loss,
                       std::isnan(r.metric) ? std::string() : fmt::format("{:.9g}", r.metric), r.barrier_kT, r.drive,
                       r.heat_kT);
  return out;
}

}  // namespace limen::learn
