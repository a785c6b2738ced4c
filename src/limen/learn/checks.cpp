// The learning checks of THEORY §7: lim-quadratic (the linear-response variant of §5.5 against the
// moment ODEs, integrated here under a schedule written here), learn-coarse-vs-resolved (§5.3
// against §5.2) and static-write-consistency (§5.7 against §3.4). tilted-transport (§5.3 against
// Langevin ensembles of the engine) is in checks_transport.cpp.
#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "limen/bounds/elementary.hpp"
#include "limen/learn/checks.hpp"
#include "limen/learn/training.hpp"
#include "limen/physics/mobility.hpp"

namespace limen::learn {
namespace {

using physics::CheckResult;
using physics::Level;

CheckResult make(std::string id, double expected, double measured, double tolerance, std::string detail) {
  const bool pass = std::isfinite(measured) && std::fabs(measured - expected) <= tolerance;
  return {std::move(id), expected, measured, tolerance, pass, std::move(detail)};
}

// --- lim-quadratic -------------------------------------------------------------------------------
// The check's own schedule (THEORY §5.7), written without the simulator's Schedule: the barrier
// and the rate at time t given the controller's loss average.
struct OwnSchedule {
  ScheduleKind kind;
  double eta, mu0, rho, n, static_barrier, hold_barrier, period, duty, max_barrier;
  std::vector<std::pair<double, double>> curve;
  std::pair<double, double> at(double t, double average) const {  // (E_b, rate)
    switch (kind) {
      case ScheduleKind::fixed: return {static_barrier, eta};
      case ScheduleKind::switched: {
        const double phase = t / period - std::floor(t / period);
        return phase < duty ? std::pair{0.0, eta / duty} : std::pair{hold_barrier, 0.0};
      }
      case ScheduleKind::matched: {
        // mu_eff(E_b) = min(mu_0, 2 rho eta (L_d - L*) / N), L_d estimated as <L> / (1 + rho); E_b by bisection.
        const double mu = std::min(mu0, 2 * rho * eta * std::max(average, 0.0) / (1 + rho) / n);
        double lo = 0, hi = max_barrier;
        if (mu >= mu0) return {0.0, eta};
        if (mu0 * physics::mobility_ratio(hi) <= mu) {  // a barrier in [0, max_barrier] gives mu
          for (int i = 0; i < 100; ++i) {
            const double mid = 0.5 * (lo + hi);
            (mu0 * physics::mobility_ratio(mid) > mu ? lo : hi) = mid;
          }
          return {0.5 * (lo + hi), eta};
        }
        return {max_barrier, eta};  // clamped at the highest barrier
      }
      case ScheduleKind::curve: {
        if (t <= curve.front().first) return {curve.front().second, eta};
        for (size_t i = 1; i < curve.size(); ++i)
          if (t < curve[i].first)
            return {curve[i - 1].second + (curve[i].second - curve[i - 1].second) * (t - curve[i - 1].first) /
                                              (curve[i].first - curve[i - 1].first), eta};
        return {curve.back().second, eta};
      }
    }
    return {static_barrier, eta};
  }
};

struct OdeHeat {
  double heat = 0, barrier = 0, time = 0;
};

// Moment ODEs of THEORY §5.5 for N parameters of L = lambda (w - w*)^2 / 2 (one group), solved
// exactly over each step with the controls held (mu = mu_eff(E_b), kappa = rate / mu), on the
// simulation's step grid; barrier work at each step's change with the Boltzmann share of the well.
OdeHeat moment_heat(const OwnSchedule& sch, double lambda, double d0, double v0, double dt, long long steps, int avg_steps,
                    double target_msq, double retention) {
  OdeHeat out;
  double d = d0, v = v0, avg = 0, e_prev = retention;
  const auto loss = [&] { return sch.n * lambda * (d * d + v) / 2; };
  for (long long k = 0; k < steps; ++k) {
    const double l = loss();
    avg = k == 0 ? l : avg + (l - avg) / avg_steps;
    const auto [e, rate] = sch.at((k + 0.5) * dt, avg);
    out.barrier += sch.n * (e - e_prev) * physics::cosine_barrier_share(e_prev);
    e_prev = e;
    const double mu = sch.mu0 * physics::mobility_ratio(e), kap = rate / mu, a = mu * kap * lambda;
    if (a > 0) {
      // d(t) = d e^{-a t}; v(t) = v_inf + (v - v_inf) e^{-2 a t}, v_inf = kT / (kappa lambda);
      // heat rate N [mu kappa^2 lambda^2 (d^2 + v) - mu kT kappa lambda] integrated exactly.
      const double v_inf = 1 / (kap * lambda), c = mu * kap * kap * lambda * lambda;
      const double i2 = (1 - std::exp(-2 * a * dt)) / (2 * a);
      out.heat += sch.n * (c * (d * d * i2 + v_inf * dt + (v - v_inf) * i2) - mu * kap * lambda * dt);
      d *= std::exp(-a * dt);
      v = v_inf + (v - v_inf) * std::exp(-2 * a * dt);
    } else {
      v += 2 * mu * dt;  // free diffusion while the drive is off
    }
    out.time = (k + 1) * dt;
    if (d * d + v <= target_msq) break;
  }
  out.barrier += sch.n * (retention - e_prev) * physics::cosine_barrier_share(e_prev);
  return out;
}

}  // namespace

TrainSetup linear_reference_setup(long long n, ScheduleKind kind, int level_divisions) {
  TrainSetup s = theory_reference_setup(n, kind);
  // THEORY §5.5: finer levels keep beta F l small (max over the parameters: about 1.1 at 1/64, 0.29
  // at 1/256, 0.14 at 1/512, the largest at the end of a matched run); mu_0 in model units stays
  // 1000; 2^b levels cover -64 to 192 model units.
  const double l = 1.0 / level_divisions;
  s.memory.level = l;
  s.memory.mobility0 = 1000 / (l * l);
  s.memory.bits = static_cast<int>(std::lround(std::log2(256.0 * level_divisions)));
  s.memory.offset = -64;
  s.schedule.barrier = kind == ScheduleKind::fixed ? 6 : 20;
  return s;
}

CheckResult lim_quadratic_case(ScheduleKind kind, Level level, const SetupChange& change) {
  const long long n = level == Level::quick ? 1000 : 4000;
  TrainSetup s = linear_reference_setup(n, kind, 512);
  s.run.steps = level == Level::quick ? 5000 : 20000;
  s.run.seed = 11;
  s.schedule.period = 0.5;
  s.schedule.curve = {{0, 4}, {3, 8}, {6, 12}, {10, 14}};
  const OwnSchedule own{kind, s.run.eta, s.memory.mobility0_model(), s.schedule.rho, static_cast<double>(n), s.schedule.barrier,
                        s.schedule.barrier, s.schedule.period, s.schedule.duty, s.schedule.max_barrier, s.schedule.curve};
  const OdeHeat ode = moment_heat(own, 1.0, s.init_mean, s.init_sd * s.init_sd, s.run.dt(), s.run.steps,
                                  s.schedule.average_steps, s.run.target_error, s.memory.retention_barrier);
  if (change) change(s);
  const TrainResult r = run_training(s, {1, false, false});
  const double exact = ode.heat + ode.barrier, sim = r.heat_kT, bound = r.bound.total_kT();
  CheckResult c = make("lim-quadratic@" + s.schedule.name(), exact, sim, 0.03 * std::abs(exact),
                       fmt::format("N = {}, l = 1/512: heat {:.4g} kT vs moment ODEs {:.4g} kT (drive {:.4g}, barrier {:.4g}; "
                                   "{:+.2f}%), bound {:.4g} kT, max beta F l {:.3g}",
                                   n, sim, exact, ode.heat, ode.barrier, 100 * (sim / exact - 1), bound, r.max_beta_F_l));
  c.pass = c.pass && sim > bound && r.max_beta_F_l <= 0.2;
  return c;
}

std::vector<CheckResult> lim_quadratic_checks(Level level) {
  std::vector<CheckResult> out;
  for (ScheduleKind kind : {ScheduleKind::fixed, ScheduleKind::switched, ScheduleKind::matched, ScheduleKind::curve})
    out.push_back(lim_quadratic_case(kind, level));
  return out;
}

// --- learn-coarse-vs-resolved and static-write-consistency ----------------------------------------
// The check's scaled-down setup (THEORY §7): N = 32 parameters of L = lambda w^2 / 2 at 200 levels
// from the optimum (l = 1, mu_0 = 1), trained for a fixed time T = 5 at eta lambda = 0.05, so that
// they move about 45 levels and stop well before the sub-level phase: beta kappa lambda l^2 =
// beta F l / (distance in levels) stays below 0.3, where §5.3 holds.
TrainSetup coarse_vs_resolved_setup(ScheduleKind kind, memory::Model model, int replicas) {
  TrainSetup s;
  s.model = make_quadratic(32, {1.0}, {0.0});
  s.data_source = "synthetic quadratic";
  s.init_mean = 200;
  s.init_sd = 2;
  s.memory.model = model;
  s.memory.mobility0 = 1;
  s.memory.level = 1;
  s.memory.bits = 9;
  s.memory.offset = -100;
  s.run.eta = 0.05;
  s.run.time = 5;
  s.run.steps = 500;
  s.run.replicas = replicas;
  s.run.stop_at_target = false;
  s.run.seed = 5;
  s.schedule.kind = kind;
  s.schedule.barrier = 20;
  s.schedule.period = 0.5;  // windows of 0.25: ten relaxation times of a barrier-free period
  if (model == memory::Model::resolved) {
    // The default sub-step, dt mu_0 U'' = 0.005 at E_b = 20 kT. Euler-Maruyama overstates the
    // barrier's heat near the threshold force by O(dt): measured over 32 replicas, 409.5 kT at 0.01
    // and 389.7 kT at 0.0025 against 387.9 kT coarse, so about 2.5% here, inside the 5% tolerance.
    constexpr double kPi = 3.14159265358979323846;
    s.memory.substep = 0.25 * memory::kSubstepStability / (2 * kPi * kPi * 20);
  }
  return s;
}

std::vector<CheckResult> coarse_vs_resolved_case(ScheduleKind kind, Level level, int threads, const SetupChange& change) {
  const int replicas = level == Level::quick ? 8 : 32;
  std::vector<CheckResult> out;
  {
    TrainResult res[2];
    double seconds[2];
    for (int m = 0; m < 2; ++m) {
      TrainSetup s = coarse_vs_resolved_setup(kind, m == 0 ? memory::Model::coarse : memory::Model::resolved, replicas);
      if (m == 1 && change) change(s);
      const auto t0 = std::chrono::steady_clock::now();
      res[m] = run_training(s, {threads, false, false});
      seconds[m] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    const std::string name = coarse_vs_resolved_setup(kind, memory::Model::coarse, 1).schedule.name();
    // Each part: the mean over replicas and its standard error, coarse against resolved.
    const auto part = [&](const std::string& what, const std::function<double(const ReplicaResult&)>& f) {
      double mean[2] = {0, 0}, se2 = 0;
      for (int m = 0; m < 2; ++m) {
        const double k = static_cast<double>(res[m].replicas.size());
        for (const auto& r : res[m].replicas) mean[m] += f(r) / k;
        double ss = 0;
        for (const auto& r : res[m].replicas) ss += std::pow(f(r) - mean[m], 2);
        se2 += ss / (k - 1) / k;
      }
      const double tol = std::max(3 * std::sqrt(se2), 0.05 * std::abs(mean[1]));
      out.push_back(make(fmt::format("learn-coarse-vs-resolved@{}:{}", name, what), mean[1], mean[0], tol,
                         fmt::format("coarse {:.5g} vs resolved {:.5g} (SE of the difference {:.3g}); {} replicas of N = 32; "
                                     "wall time coarse {:.3g} s, resolved {:.3g} s",
                                     mean[0], mean[1], std::sqrt(se2), replicas, seconds[0], seconds[1])));
    };
    part("heat", [](const ReplicaResult& r) { return r.heat_kT; });
    part("drive-heat", [](const ReplicaResult& r) { return r.heat_drive_kT + r.heat_noise_kT; });
    part("barrier-heat", [](const ReplicaResult& r) { return r.heat_barrier_kT; });
    part("mean-sq-error", [](const ReplicaResult& r) { return r.final_metric; });
  }
  return out;
}

std::vector<CheckResult> coarse_vs_resolved_checks(Level level, int threads) {
  std::vector<CheckResult> out;
  for (ScheduleKind kind : {ScheduleKind::fixed, ScheduleKind::matched, ScheduleKind::switched})
    for (auto& c : coarse_vs_resolved_case(kind, level, threads)) out.push_back(std::move(c));
  return out;
}

CheckResult static_write_case(double barrier, Level level, int threads, const SetupChange& change) {
  // THEORY §5.7 in the activated regime: 200 parameters at 400 levels from the optimum, eta
  // lambda = 0.005, T = 100: about 160 levels at 1-2 levels per time, below the threshold force.
  TrainSetup s = coarse_vs_resolved_setup(ScheduleKind::fixed, memory::Model::coarse, level == Level::quick ? 2 : 8);
  s.model = make_quadratic(200, {1.0}, {0.0});
  s.init_mean = 400;
  s.init_sd = 4;
  s.memory.bits = 11;
  s.memory.offset = -800;
  s.run.eta = 0.005;
  s.run.time = 100;
  s.run.steps = 5000;
  s.schedule.barrier = barrier;
  if (change) change(s);
  const TrainResult r = run_training(s, {threads, false, false});
  const Json j = train_summary(s, r);
  const double ratio = j["static_write_ratio"].get<double>();
  return make(fmt::format("static-write-consistency@E_b={:g}", barrier), 2.5, ratio, 1.0,
              fmt::format("heat per level moved {:.4g} kT over eps_w {:.4g} kT (nu_0 = mu_0 pi E_b / l^2, tau_level "
                          "{:.3g}); {:.3g} levels moved; accepted [1.5, 3.5] (THEORY 5.7)",
                          j["heat_per_level_kT"].get<double>(), j["static_write"]["eps_w_kT"].get<double>(),
                          j["static_write"]["tau_level"].get<double>(), r.levels_moved));
}

std::vector<CheckResult> static_write_checks(Level level, int threads) {
  std::vector<CheckResult> out;
  for (double barrier : {20.0, 30.0, 40.0}) out.push_back(static_write_case(barrier, level, threads));
  return out;
}

}  // namespace limen::learn
