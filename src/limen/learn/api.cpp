#include "limen/learn/api.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>

#include "limen/io/interrupt.hpp"
#include "limen/io/parallel.hpp"
#include "limen/io/progress.hpp"
#include "limen/learn/checks.hpp"
#include "limen/learn/tradeoff.hpp"
#include "limen/learn/training.hpp"
#include "limen/memory/memory.hpp"
#include "limen/units/constants.hpp"
#include "limen/units/parse.hpp"

namespace limen::learn {

Json train(const Config& config, const TrainOptions& options) {
  const TrainSetup setup = read_train_setup(config);
  RunControl control;
  control.threads = options.threads;
  control.record = !options.steps_csv.empty();
  control.progress = true;
  const TrainResult result = run_training(setup, control);
  if (control.record) write_text(steps_csv(result, setup.model->metric_name()), options.steps_csv, "--steps-csv");
  return train_summary(setup, result);
}

Json tradeoff(const Config& config, const TradeoffOptions& options) {
  const TrainSetup base = read_train_setup(config);
  LogRange range;
  if (options.train_time_range.empty()) {
    default_time_range(base, range.start, range.stop);
    range.points = 9;
  } else {
    range = parse_log_range(options.train_time_range, "--train-time");
  }
  std::vector<std::string> names = options.schedules;
  if (names.empty()) {
    names = {"static", "switched", "matched"};
    if (!base.schedule.curve.empty()) names.push_back("curve");
  }
  std::vector<ScheduleKind> kinds;
  for (const auto& nm : names) {
    kinds.push_back(schedule_kind(nm, "--schedules"));
    if (kinds.back() == ScheduleKind::curve && base.schedule.curve.empty())
      throw InputError("--schedules: 'curve' needs [schedule] curve = \"FILE.csv\" in the config");
  }
  struct Job {
    double time;
    ScheduleKind kind;
    Json point;
    double entropy_kT = 0;
  };
  std::vector<Job> jobs;
  for (auto kind : kinds)
    for (int i = 0; i < range.points; ++i) jobs.push_back({range.at(i), kind, {}});

  const double kT = kT_J(base.memory.temperature_K);
  std::atomic<int> done{0};
  std::mutex mutex;
  Progress bar("tradeoff", static_cast<double>(jobs.size()));
  std::vector<char> finished(jobs.size(), 0);  // not vector<bool>: threads write neighbours
  for (const auto& [i, rec] : options.finished)
    if (i < jobs.size()) {
      jobs[i].point = rec.at("point");
      jobs[i].entropy_kT = rec.at("entropy_kT").get<double>();
      finished[i] = 1;
      ++done;
    }
  parallel_for(jobs.size(), options.threads, [&](size_t i) {
    Job& job = jobs[i];
    if (finished[i] || interrupted()) return;
    const TrainSetup s = scaled_setup(base, job.time, job.kind);
    RunControl control;
    control.threads = 1;
    const TrainResult r = run_training(s, control);
    if (interrupted()) return;  // cut short: never reported as a point
    const Json summary = train_summary(s, r);
    Json p;
    p["train_time"] = job.time;
    p["schedule"] = s.schedule.name();
    p["heat_J"] = summary["heat_J"];
    p["bound_J"] = summary["bound_J"];
    p["reached_target"] = summary["reached_target"];
    const double f = time_scale(base, job.time);
    p["eta"] = base.run.eta / f;
    p["elapsed_time"] = summary["train_time"].get<double>() * f;
    p["heat_se_J"] = summary["heat_se_J"];
    p["heat_barrier_J"] = summary["heat_barrier_J"];
    p["exact_J"] = summary["exact_J"];
    p["linear_response"] = summary["linear_response"];
    p["max_beta_F_l"] = summary["max_beta_F_l"];
    p["alpha"] = summary["alpha"];
    p["heat_over_bound"] = summary["heat_over_bound"];
    p["bound_entropy_J"] = summary["bound_entropy_J"];
    p["heat_minibatch_J"] = summary["heat_minibatch_J"];
    job.point = std::move(p);
    job.entropy_kT = r.bound.entropy_kT;
    finished[i] = 1;
    if (options.on_point) options.on_point(i, Json{{"point", job.point}, {"entropy_kT", job.entropy_kT}});
    std::lock_guard lock(mutex);
    bar.update(++done, fmt::format("{} / {}", done.load(), jobs.size()));
  });
  bar.finish();

  Json out;
  out["model"] = base.model->kind();
  out["parameters"] = base.model->size();
  out["memory_model"] = memory::model_name(base.memory.model);
  out["points"] = Json::array();
  for (size_t i = 0; i < jobs.size(); ++i)
    if (finished[i]) out["points"].push_back(jobs[i].point);
  // floor_J: the time-independent part of the bound, kT (S_0 - S_T) (N b kT ln 2 for b bits
  // gained), taken at the slowest point of the matched schedule (else of the last schedule).
  const Job* slowest = nullptr;
  for (size_t i = 0; i < jobs.size(); ++i)
    if (finished[i] && jobs[i].kind == ScheduleKind::matched && (!slowest || jobs[i].time > slowest->time)) slowest = &jobs[i];
  for (size_t i = jobs.size(); !slowest && i-- > 0;)
    if (finished[i]) slowest = &jobs[i];
  if (out["points"].size() < jobs.size()) out["partial"] = true;  // interrupted: only the finished points
  out["floor_J"] = slowest ? Json(slowest->entropy_kT * kT) : Json();
  out["floor_bits_per_param"] = slowest ? Json(slowest->entropy_kT / kLn2 / static_cast<double>(base.model->size())) : Json();
  out["precision_floor_J"] = static_cast<double>(base.model->size()) * base.memory.bits * kLn2 * kT;
  out["time_range"] = {range.start, range.stop, range.points};
  check_finite(out);
  return out;
}

std::vector<physics::CheckResult> run_checks(physics::Level level, int threads) {
  std::vector<physics::CheckResult> out;
  for (auto* f : {&tilted_transport_checks, &coarse_vs_resolved_checks, &static_write_checks})
    for (auto& c : f(level, threads)) out.push_back(std::move(c));
  for (auto& c : lim_quadratic_checks(level)) out.push_back(std::move(c));
  return out;
}

std::vector<physics::CheckResult> validation_suite(physics::Level level, int threads) {
  auto checks = physics::run_checks(level, threads);
  for (auto& c : learn::run_checks(level, threads)) checks.push_back(std::move(c));
  return checks;
}

}  // namespace limen::learn
