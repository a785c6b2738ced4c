// The `limen train --format json` document (README.md, "What a run reports"): heat and its parts
// with standard errors, the THEORY §5.6 bound, alpha (§5.8), the regime (§5.5), and for static and
// matched schedules the figures §5.7 defines.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "limen/bounds/elementary.hpp"
#include "limen/learn/training.hpp"
#include "limen/memory/memory.hpp"
#include "limen/units/constants.hpp"

namespace limen::learn {
namespace {

constexpr double kPi = 3.14159265358979323846;

struct Stat {
  double mean = 0, se = -1;
};
Stat over(const TrainResult& res, double ReplicaResult::*field) {
  Stat s;
  const double k = static_cast<double>(res.finished.size());
  for (int r : res.finished) s.mean += res.replicas[static_cast<size_t>(r)].*field / k;
  if (res.finished.size() >= 2) {
    double ss = 0;
    for (int r : res.finished) ss += std::pow(res.replicas[static_cast<size_t>(r)].*field - s.mean, 2);
    s.se = std::sqrt(ss / (k - 1) / k);
  }
  return s;
}
Json se_json(double se, double scale = 1) { return se >= 0 ? Json(se * scale) : Json(nullptr); }

// THEORY §5.7: rho_achieved = (<L> - L(<w>)) / (L(<w>) - L*), <.> over replicas (and over identical
// parameters when there is one replica).
Json rho_achieved(const TrainSetup& s, const TrainResult& res, double mean_loss) {
  const long long n = s.model->size();
  Vec mean_w = Vec::Zero(n);
  const double k = static_cast<double>(res.finished.size());
  for (int r : res.finished) mean_w += res.replicas[static_cast<size_t>(r)].w / k;
  if (res.finished.size() < 2) {
    std::map<long long, std::pair<double, long long>> cls;
    for (long long i = 0; i < n; ++i) {
      auto& c = cls[s.model->identical_class(i)];
      c.first += mean_w[i];
      ++c.second;
    }
    bool pooled = false;
    for (const auto& [id, c] : cls) pooled = pooled || c.second > 1;
    if (!pooled) return nullptr;
    for (long long i = 0; i < n; ++i) {
      const auto& c = cls[s.model->identical_class(i)];
      mean_w[i] = c.first / static_cast<double>(c.second);
    }
  }
  const double l_mean = s.model->loss(mean_w, {}, nullptr);
  const double excess = l_mean - s.run.loss_min;
  if (!(excess > 0)) return nullptr;
  return (mean_loss - l_mean) / excess;
}

// A device memory (README "Device memories"): the device's own energy from the catalog beside the
// THEORY 5.6 bound of the same initial and final densities. The heat_* fields above are the
// ledger of the abstract drive kappa L (kT units), not the device's.
Json device_summary(const TrainSetup& s, const TrainResult& res, double bound_J, double metric) {
  const Stat e = over(res, &ReplicaResult::device_J), w = over(res, &ReplicaResult::device_write_J);
  const Stat rd = over(res, &ReplicaResult::device_read_J), p = over(res, &ReplicaResult::device_pulses);
  const Stat reads = over(res, &ReplicaResult::device_reads);
  const double n = static_cast<double>(s.model->size());
  Json j{{"name", s.memory.device.name},
         {s.model->metric_name(), metric},
         {"energy_J", e.mean},
         {"energy_se_J", se_json(e.se)},
         {"write_J", w.mean},
         {"read_J", rd.mean},
         {"pulses", p.mean},
         {"pulses_per_parameter", p.mean / n},
         {"reads_per_parameter", reads.mean / n},
         {"bound_J", bound_J},
         {"energy_over_bound", bound_J > 0 && !s.memory.device.ideal ? Json(e.mean / bound_J) : Json(nullptr)}};
  if (s.memory.device.one_sided_pair) {
    // The refreshes of a one-sided pair: RESET pulses and the rewrites' SET pulses, already in
    // energy_J, write_J (SET) and pulses.
    const Stat rf = over(res, &ReplicaResult::device_refreshes), rs = over(res, &ReplicaResult::device_resets);
    const Stat rp = over(res, &ReplicaResult::device_refresh_pulses), rj = over(res, &ReplicaResult::device_reset_J);
    j["refreshes"] = rf.mean;
    j["refreshes_per_parameter"] = rf.mean / n;
    j["resets"] = rs.mean;
    j["refresh_pulses"] = rp.mean;
    j["reset_J"] = rj.mean;
    j["reads_note"] = "reads count cell reads: a parameter read reads both devices of its pair, plus the refresh checks "
                      "and verify reads";
  }
  if (!(bound_J > 0))
    j["bound_note"] = "the final densities are no narrower than the initial ones: the THEORY 5.6 bound is <= 0 here (no "
                      "precision gained across replicas), so energy over bound is undefined";
  j["note"] = "energy_J: every pulse and read at the catalog's figures; bound_J: THEORY 5.6 for the measured initial and "
              "final densities; heat_J above is the abstract drive's ledger, not the device's";
  return j;
}

}  // namespace

Json train_summary(const TrainSetup& s, const TrainResult& res) {
  const double kT = kT_J(s.memory.temperature_K);
  const long long n = s.model->size();
  Json j;
  j["model"] = s.model->kind();
  j["data"] = s.data_source;
  j["parameters"] = n;
  j["schedule"] = s.schedule.name();
  j["memory_model"] = memory::model_name(s.memory.model);
  j["memory"] = memory::memory_assumptions(s.memory);
  j["replicas"] = res.replicas.size();
  j["replicas_finished"] = res.finished.size();
  j["eta"] = s.run.eta;
  j["time_limit"] = s.run.time;
  j["temperature_K"] = s.memory.temperature_K;
  j["kT_J"] = kT;
  if (res.finished.size() < res.replicas.size()) {
    j["partial"] = true;
    // Each replica's own state, finished or not: an interrupted replica is never averaged in.
    Json states = Json::array();
    for (size_t r = 0; r < res.replicas.size(); ++r) {
      const auto& rep = res.replicas[r];
      states.push_back({{"replica", r}, {"finished", !rep.interrupted}, {"steps", rep.steps}, {"train_time", rep.time},
                        {"heat_J", rep.heat_kT * kT}, {"final_loss", rep.final_loss}});
    }
    j["replica_states"] = states;
  }
  if (res.finished.empty()) {
    j["heat_J"] = nullptr;
    j["note"] = "interrupted before any replica finished: no totals";
    return j;
  }
  const Stat loss = over(res, &ReplicaResult::final_loss), metric = over(res, &ReplicaResult::final_metric);
  const Stat drive = over(res, &ReplicaResult::heat_drive_kT), noise = over(res, &ReplicaResult::heat_noise_kT);
  const Stat barrier_heat = over(res, &ReplicaResult::heat_barrier_kT), work = over(res, &ReplicaResult::work_kT);
  const Stat du = over(res, &ReplicaResult::delta_u_kT), barrier = over(res, &ReplicaResult::final_barrier_kT);
  bool reached = true;
  long long steps = 0, touched = 0;
  for (int r : res.finished) {
    const auto& rep = res.replicas[static_cast<size_t>(r)];
    reached = reached && rep.reached_target;
    steps = std::max(steps, rep.steps);
    touched += rep.wall_touches;
  }
  j["train_time"] = res.time;
  j["steps"] = steps;
  j["final_loss"] = loss.mean;
  j["final_loss_se"] = se_json(loss.se);
  j[s.model->metric_name()] = metric.mean;
  j[s.model->metric_name() + "_se"] = se_json(metric.se);
  j["reached_target"] = s.run.has_target() ? Json(reached) : Json(nullptr);
  j["heat_J"] = finite(res.heat_kT * kT, "heat_J");
  j["heat_se_J"] = se_json(res.heat_se_kT, kT);
  j["heat_se_method"] = res.heat_se_kT >= 0 ? Json(res.heat_se_method) : Json("unknown: one replica of distinct parameters");
  j["heat_kT"] = res.heat_kT;
  j["heat_kT_per_param"] = res.heat_kT / static_cast<double>(n);
  j["heat_drive_J"] = drive.mean * kT;
  j["heat_minibatch_J"] = noise.mean * kT;
  // The split is sampled on every split_every-th step of a minibatch run: its standard error.
  double split_var = 0;
  for (int r : res.finished) split_var += std::pow(res.replicas[static_cast<size_t>(r)].heat_split_se_kT, 2);
  j["heat_split_se_J"] = std::sqrt(split_var) / static_cast<double>(res.finished.size()) * kT;
  j["split_every"] = s.run.batch > 0 && s.run.batch < s.model->train_size() ? s.run.split_every : 1;
  j["heat_barrier_J"] = barrier_heat.mean * kT;
  j["work_J"] = work.mean * kT;
  j["energy_change_J"] = du.mean * kT;
  // Per parameter: the drive heat's spread across the parameters, and the check that the
  // per-parameter (trapezoid Stratonovich) heats add up to the drive + minibatch heat.
  Vec per = Vec::Zero(n);
  for (int r : res.finished) per += res.replicas[static_cast<size_t>(r)].heat_param_kT / static_cast<double>(res.finished.size());
  std::vector<double> sorted(per.data(), per.data() + n);
  std::sort(sorted.begin(), sorted.end());
  const double drive_total = drive.mean + noise.mean;
  j["heat_per_param_kT"] = {{"min", sorted.front()}, {"median", sorted[sorted.size() / 2]}, {"max", sorted.back()},
                            {"sum_vs_drive", drive_total != 0 ? per.sum() / drive_total - 1 : 0.0}};
  // THEORY §5.6 and §5.8.
  const double bound_kT = res.bound.total_kT();
  j["bound_J"] = bound_kT * kT;
  j["bound_entropy_J"] = res.bound.entropy_kT * kT;
  j["bound_transport_J"] = res.bound.transport_kT * kT;
  j["heat_over_bound"] = bound_kT > 0 ? Json(res.heat_kT / bound_kT) : Json(nullptr);
  const double bits = res.bound.bits_gained / static_cast<double>(n);
  j["bits_gained"] = bits;
  if (bits >= 0.5) {
    j["alpha"] = (res.heat_kT - res.bound.transport_kT) / (res.bound.bits_gained * kLn2);
  } else {
    j["alpha"] = nullptr;
    j["alpha_reason"] = fmt::format("bits gained per parameter {:.3g} < 0.5 (THEORY 5.8)", bits);
  }
  j["rho_achieved"] = s.schedule.kind == ScheduleKind::matched ? rho_achieved(s, res, loss.mean) : Json(nullptr);
  // THEORY §5.5: the regime.
  j["linear_response"] = res.linear_response;
  j["max_beta_F_l"] = res.max_beta_F_l;
  j["max_beta_F_l_step"] = res.max_beta_F_l_step;
  if (res.exact) {
    j["exact_J"] = res.exact->heat_kT * kT;
    j["exact_drive_J"] = res.exact->heat_drive_kT * kT;
    j["exact_barrier_J"] = res.exact->heat_barrier_kT * kT;
    j["exact_train_time"] = res.exact->time;
    j["exact_reached_target"] = res.exact->reached_target;
    j["heat_vs_exact"] = res.exact->heat_kT != 0 ? Json(res.heat_kT / res.exact->heat_kT - 1) : Json(nullptr);
  } else {
    j["exact_J"] = nullptr;
    j["exact_reason"] = res.exact_reason;
  }
  // THEORY §5.7: levels moved and the heat per level, against the static write of §3.4.
  j["levels_moved"] = res.levels_moved;
  const double per_level = res.levels_moved > 0 ? res.heat_kT / (static_cast<double>(n) * res.levels_moved) : 0;
  j["heat_per_level_kT"] = res.levels_moved > 0 ? Json(per_level) : Json(nullptr);
  if (s.schedule.kind == ScheduleKind::fixed && res.levels_moved > 0 && res.time > 0) {
    const double e = s.schedule.barrier, nu0 = s.memory.mobility0 * kPi * e;  // Kramers prefactor of the cosine, 1/time
    const double tau_level = res.time / res.levels_moved;
    const double eps_w = bounds::static_write_kT(e, 1 / nu0, tau_level);
    j["static_write"] = {{"nu0_per_time", nu0}, {"tau_level", tau_level}, {"eps_w_kT", eps_w}};
    j["static_write_ratio"] = per_level / eps_w;
  } else {
    j["static_write_ratio"] = nullptr;
  }
  j["wall_fraction"] = static_cast<double>(touched) / static_cast<double>(n * static_cast<long long>(res.finished.size()));
  // THEORY §5.3's condition: the force changes by less than kT/l across a level.
  const auto& r0 = res.replicas[static_cast<size_t>(res.finished[0])];
  Json warnings = Json::array();
  if (s.memory.model != memory::Model::linear_response && s.memory.model != memory::Model::device) {
    if (r0.curvature_checked) {
      long long ps = 0, st = 0, checked = 0;
      for (int r : res.finished) {
        ps += res.replicas[static_cast<size_t>(r)].curvature_param_steps;
        st += res.replicas[static_cast<size_t>(r)].curvature_steps;
        checked += res.replicas[static_cast<size_t>(r)].curvature_checked_steps;
      }
      j["coarse_validity"] = {{"checked_steps", checked}, {"steps_affected", st}, {"parameter_steps_affected", ps}};
      if (st > 0 && s.memory.model == memory::Model::coarse)
        warnings.push_back(fmt::format("coarse memory outside THEORY 5.3 (beta kappa |d2L/dw2| l^2 > 1: the force changes by more "
                                       "than kT/l across a level) in {} of {} checked steps, {} parameter-steps; the "
                                       "resolved memory is the reference there",
                                       st, checked, ps));
    } else {
      j["coarse_validity"] = {{"checked_steps", 0}, {"reason", "the model gives no diagonal curvature"}};
    }
  }
  double overshoot = 0;
  for (int r : res.finished) overshoot = std::max(overshoot, res.replicas[static_cast<size_t>(r)].max_rate_curvature_dt);
  if (overshoot > 2)
    warnings.push_back(fmt::format("the training step overshoots: eta * max d2L/dw2 * dt reached {:.3g} > 2, so gradient flow at "
                                   "this dt is unstable (between the memory's walls it bounces; wall_fraction {:.3g}); raise "
                                   "[train] steps or lower eta", overshoot, static_cast<double>(touched) / static_cast<double>(n * static_cast<long long>(res.finished.size()))));
  if (!res.linear_response && s.memory.model == memory::Model::linear_response)
    warnings.push_back(fmt::format("the linear-response memory was driven beyond its domain (max beta |F| l = {:.3g} > {}); "
                                   "use [memory] model = \"coarse\"", res.max_beta_F_l, kLinearResponseLimit));
  j["warnings"] = warnings;
  j["precision_floor_J"] = static_cast<double>(n) * s.memory.bits * kLn2 * kT;
  if (s.memory.model == memory::Model::device) j["device"] = device_summary(s, res, bound_kT * kT, metric.mean);
  j["final_barrier_kT"] = barrier.mean;
  check_finite(j);
  return j;
}

}  // namespace limen::learn
