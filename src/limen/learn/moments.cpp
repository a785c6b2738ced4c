#include "limen/learn/moments.hpp"

#include <algorithm>
#include <cmath>

#include "limen/learn/ode.hpp"
#include "limen/physics/mobility.hpp"

namespace limen::learn {

MomentResult integrate_moments(const std::vector<QuadraticGroup>& groups, double init_mean, double init_sd,
                               const Schedule& schedule, const MemorySpec& memory, const RunSpec& run,
                               double loss_floor) {
  const size_t g = groups.size();
  long long n_params = 0;
  for (const auto& q : groups) n_params += q.count;
  // State: d_i = m_i - w_i* and v_i per group, then the heat, then the running average (matched).
  State y(2 * g + 2);
  for (size_t i = 0; i < g; ++i) {
    y[2 * i] = init_mean * groups[i].mean_scale - groups[i].optimum;
    y[2 * i + 1] = init_sd * init_sd;
  }
  const auto expected_loss = [&](const State& s) {
    double l = loss_floor;
    for (size_t i = 0; i < g; ++i) l += groups[i].count * groups[i].curvature * (s[2 * i] * s[2 * i] + s[2 * i + 1]) / 2;
    return l;
  };
  const auto mean_sq_error = [&](const State& s) {
    double e = 0;
    for (size_t i = 0; i < g; ++i) e += groups[i].count * (s[2 * i] * s[2 * i] + s[2 * i + 1]);
    return e / static_cast<double>(n_params);
  };
  y[2 * g] = 0;
  y[2 * g + 1] = expected_loss(y);
  // The simulation's running average A_n = A_{n-1} + (L_n - A_{n-1}) / k is, in continuous time,
  // dA/dt = (L - A) / tau with tau = -dt / ln(1 - 1/k); k = 1 means no averaging (A = L).
  const int k = schedule.spec().average_steps;
  const bool averaged = schedule.uses_average() && k > 1;
  const double tau = averaged ? -run.dt() / std::log(1 - 1.0 / k) : 0;
  const double kT = 1;

  double segment_mid = 0;  // switched: the window is decided once per segment between jumps
  const Rhs rhs = [&](double t, const State& s, State& ds) {
    const double avg = averaged ? s[2 * g + 1] : expected_loss(s);
    const double tc = schedule.spec().kind == ScheduleKind::switched ? segment_mid : t;
    const Setting c = schedule.at(tc, avg, run.loss_min);
    // Linear response (THEORY §5.5): mu = mu_eff(E_b), and Lyapunov matching gives kappa = rate / mu.
    const double mu = memory.mobility0_model() * physics::mobility_ratio(c.barrier_kT), kap = c.rate / mu;
    double heat_rate = 0;
    for (size_t i = 0; i < g; ++i) {
      const double lam = groups[i].curvature, d = s[2 * i], v = s[2 * i + 1];
      ds[2 * i] = -mu * kap * lam * d;
      ds[2 * i + 1] = -2 * mu * kap * lam * v + 2 * mu * kT;
      heat_rate += groups[i].count * (mu * kap * kap * lam * lam * (d * d + v) - mu * kT * kap * lam);
    }
    ds[2 * g] = heat_rate;
    ds[2 * g + 1] = averaged ? (expected_loss(s) - s[2 * g + 1]) / tau : 0;
  };

  // Stop when every target given is met (mean-square error to the optimum, loss).
  const bool use_stop = run.stop_at_target && (run.target_error >= 0 || run.target_loss >= 0);
  const auto stop = [&](double, const State& s) {
    double g = -1e300;
    if (run.target_error >= 0) g = std::max(g, mean_sq_error(s) - run.target_error);
    if (run.target_loss >= 0) g = std::max(g, expected_loss(s) - run.target_loss);
    return g;
  };
  OdeOptions opt;
  opt.atol = 1e-12 * std::max(1.0, init_sd * init_sd);

  // The barrier's work in linear response (THEORY §5.3 at F = 0, the well in equilibrium): along a
  // continuous stretch of E_b(t) it is quasi-static, int <(1 - cos)/2> dE_b = ln Z(E_start) - ln Z(E_end)
  // per parameter, Z = <e^{-U_mem}>; a jump costs (E' - E) <(1 - cos)/2>_E (the pre-jump density).
  // The run starts and ends held at the retention barrier (§5.1, §5.10), so the barrier's heat is
  // all of its work.
  const auto barrier_now = [&](double tc, const State& s) {
    return schedule.at(tc, averaged ? s[2 * g + 1] : expected_loss(s), run.loss_min).barrier_kT;
  };
  const bool switched = schedule.spec().kind == ScheduleKind::switched;
  double barrier_prev = memory.retention_barrier, barrier_work = 0;
  const auto jump = [&](double to) {
    barrier_work += (to - barrier_prev) * physics::cosine_barrier_share(barrier_prev);
    barrier_prev = to;
  };

  MomentResult r;
  std::vector<double> edges = schedule.jumps(run.time);
  edges.push_back(run.time);
  double t = 0;
  for (double e : edges) {
    if (e <= t) continue;
    segment_mid = 0.5 * (t + e);
    jump(barrier_now(switched ? segment_mid : t, y));
    const double start_barrier = barrier_prev;
    const double end = integrate_dopri5(rhs, t, e, y, opt, use_stop ? std::function<double(double, const State&)>(stop) : nullptr);
    barrier_prev = barrier_now(switched ? segment_mid : end, y);
    barrier_work += physics::cosine_log_partition(start_barrier) - physics::cosine_log_partition(barrier_prev);
    t = end;
    if (end < e) {
      r.reached_target = true;
      break;
    }
  }
  jump(memory.retention_barrier);
  r.time = t;
  r.heat_drive_kT = y[2 * g];
  r.heat_barrier_kT = barrier_work * static_cast<double>(n_params);
  r.heat_kT = r.heat_drive_kT + r.heat_barrier_kT;
  r.mean_sq_error = mean_sq_error(y);
  r.final_loss = expected_loss(y);
  if (!use_stop && (run.target_error >= 0 || run.target_loss >= 0))
    r.reached_target = stop(t, y) <= 0;
  for (size_t i = 0; i < g; ++i)
    add_gaussian_bound(r.bound, {init_mean * groups[i].mean_scale, init_sd}, {groups[i].optimum + y[2 * i], std::sqrt(y[2 * i + 1])},
                       memory.mobility0_model(), r.time, static_cast<double>(groups[i].count));
  (void)kT;
  return r;
}

}  // namespace limen::learn
