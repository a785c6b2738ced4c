#include "limen/learn/schedule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "limen/physics/mobility.hpp"
#include "limen/units/error.hpp"

namespace limen::learn {

std::string ScheduleSpec::name() const {
  switch (kind) {
    case ScheduleKind::fixed: return "static";
    case ScheduleKind::switched: return "switched";
    case ScheduleKind::matched: return "matched";
    case ScheduleKind::curve: return "curve";
  }
  return "?";
}

Schedule::Schedule(ScheduleSpec spec, MemorySpec memory, double eta, double run_time, long long n_params)
    : spec_(std::move(spec)), memory_(memory), eta_(eta), n_(n_params) {
  period_ = spec_.period > 0 ? spec_.period : run_time / 50;
}

double Schedule::barrier_for_mobility(double mobility) const {
  const double mu0 = memory_.mobility0_model();
  const double mu_min = mu0 * physics::mobility_ratio(spec_.max_barrier);
  const double mu = std::clamp(mobility, mu_min, mu0);
  return mu >= mu0 ? 0.0 : std::min(spec_.max_barrier, physics::barrier_for_mobility_ratio(mu / mu0));
}

double Schedule::max_barrier() const {
  switch (spec_.kind) {
    case ScheduleKind::fixed: case ScheduleKind::switched: return spec_.barrier;
    case ScheduleKind::matched: return spec_.max_barrier;
    case ScheduleKind::curve: {
      double m = 0;
      for (const auto& p : spec_.curve) m = std::max(m, p.second);
      return m;
    }
  }
  return spec_.barrier;
}

Setting Schedule::at(double t, double average_loss, double loss_min) const {
  switch (spec_.kind) {
    case ScheduleKind::fixed: return {spec_.barrier, eta_};
    case ScheduleKind::switched: {
      // Barrier down (E_b = 0) with the rate eta/duty during the first `duty` of every period, so
      // the mean progress per unit time equals the other schedules'; barrier at retention, drive
      // off (the memory holds) otherwise.
      const double phase = std::fmod(t, period_) / period_;
      if (phase < spec_.duty) return {0.0, eta_ / spec_.duty};
      return {spec_.barrier, 0.0};
    }
    case ScheduleKind::matched: {
      // THEORY §5: mu = min(mu_0, 2 rho eta (L_d - L*) / (N kT)). The controller sees only the
      // observed loss, whose excess holds the thermal part too (a fraction rho of the noiseless
      // one when matched), so it estimates L_d - L* = (<L> - L*) / (1 + rho).
      const double excess = std::max(average_loss - loss_min, 0.0) / (1 + spec_.rho);
      return {barrier_for_mobility(2 * spec_.rho * eta_ * excess / static_cast<double>(n_)), eta_};
    }
    case ScheduleKind::curve: {
      const auto& c = spec_.curve;
      double eb;
      if (t <= c.front().first) {
        eb = c.front().second;
      } else if (t >= c.back().first) {
        eb = c.back().second;
      } else {
        auto it = std::upper_bound(c.begin(), c.end(), t, [](double x, const auto& p) { return x < p.first; });
        const auto& [t1, e1] = *it;
        const auto& [t0, e0] = *(it - 1);
        eb = t1 > t0 ? e0 + (e1 - e0) * (t - t0) / (t1 - t0) : e1;
      }
      return {eb, eta_};
    }
  }
  return {spec_.barrier, eta_};
}

std::vector<double> Schedule::jumps(double end) const {
  std::vector<double> out;
  if (spec_.kind == ScheduleKind::switched) {
    for (long long k = 0;; ++k) {
      const double a = k * period_, b = (k + spec_.duty) * period_;
      if (a > 0 && a < end) out.push_back(a);
      if (b < end) out.push_back(b);
      if (a >= end) break;
    }
  } else if (spec_.kind == ScheduleKind::curve) {
    for (const auto& [t, e] : spec_.curve)
      if (t > 0 && t < end) out.push_back(t);  // kinks (and repeated times: jumps)
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::pair<double, double>> read_barrier_curve(const std::string& path, const std::string& where) {
  std::ifstream f(path);
  if (!f) throw InputError(fmt::format("{}: cannot open the barrier curve '{}'", where, path));
  std::vector<std::pair<double, double>> out;
  std::string line;
  int lineno = 0;
  while (std::getline(f, line)) {
    ++lineno;
    if (auto h = line.find('#'); h != std::string::npos) line.resize(h);
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::replace(line.begin(), line.end(), ',', ' ');
    std::istringstream s(line);
    double t, e;
    if (!(s >> t >> e)) {
      if (out.empty() && lineno == 1) continue;  // header
      throw InputError(fmt::format("{}:{}: expected 't,E_b' (two numbers)", path, lineno));
    }
    if (!std::isfinite(t) || !std::isfinite(e) || e < 0 || e > 700)
      throw InputError(fmt::format("{}:{}: E_b must be in [0, 700] kT and t finite", path, lineno));
    if (!out.empty() && t < out.back().first)
      throw InputError(fmt::format("{}:{}: times must not decrease", path, lineno));
    out.emplace_back(t, e);
  }
  if (out.empty()) throw InputError(fmt::format("{}: the barrier curve '{}' holds no points", where, path));
  return out;
}

}  // namespace limen::learn
