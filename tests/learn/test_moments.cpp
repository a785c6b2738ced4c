// The exact moment ODEs (THEORY §5) against closed forms, and the Dormand-Prince integrator.
#include <gtest/gtest.h>

#include <cmath>

#include "limen/learn/moments.hpp"
#include "limen/learn/ode.hpp"
#include "limen/physics/mobility.hpp"
#include "../support/boltzmann_share.hpp"

using namespace limen::learn;

TEST(Dopri5, ExponentialDecayAndStopEvent) {
  State y{1.0};
  const Rhs f = [](double, const State& s, State& d) { d[0] = -s[0]; };
  integrate_dopri5(f, 0, 3, y, {});
  EXPECT_NEAR(y[0], std::exp(-3.0), 1e-9);
  State z{1.0};
  const double t = integrate_dopri5(f, 0, 10, z, {}, [](double, const State& s) { return s[0] - 0.5; });
  EXPECT_NEAR(t, std::log(2.0), 1e-9);
}

namespace {
using limen::test::boltzmann_share;  // the reference share (tests/support)
}  // namespace

// Static barrier: constant mu and kappa = eta/mu. With a = eta lambda,
// d = d0 e^{-at}, v = v0 e^{-2at} + (mu kT / a)(1 - e^{-2at}), and the heat rate
// N [eta^2 lambda^2 (d^2 + v)/mu - eta lambda kT] integrates in closed form. The barrier's part:
// two jumps at fixed state (THEORY §5.3, 5.10), retention -> E_b at the start and back at the end,
// each costing (E' - E) times the share of the pre-jump Boltzmann density, all of it dissipated.
TEST(Moments, StaticBarrierMatchesClosedForm) {
  MemorySpec mem;
  mem.mobility0 = 1000;
  ScheduleSpec sc;
  sc.kind = ScheduleKind::fixed;
  sc.barrier = 5;
  RunSpec run;
  run.eta = 0.7;
  run.time = 3;
  run.stop_at_target = false;
  const double lam = 2, n = 50, d0 = 4, v0 = 9;
  const Schedule s(sc, mem, run.eta, run.time, 50);
  const MomentResult r = integrate_moments({{lam, 1.0, 50}}, 1.0 + d0, 3.0, s, mem, run);
  const double mu = 1000 * limen::physics::mobility_ratio(5), a = run.eta * lam, T = run.time;
  const double e2 = (1 - std::exp(-2 * a * T)) / (2 * a);
  const double int_d2 = d0 * d0 * e2;
  const double int_v = v0 * e2 + (mu / a) * (T - e2);
  const double heat = n * (run.eta * run.eta * lam * lam * (int_d2 + int_v) / mu - a * T);
  EXPECT_NEAR(r.heat_drive_kT / heat, 1.0, 1e-7);
  const double e = 5, ret = mem.retention_barrier;
  const double barrier = n * ((e - ret) * boltzmann_share(ret) + (ret - e) * boltzmann_share(e));
  EXPECT_NEAR(r.heat_barrier_kT / barrier, 1.0, 1e-9);
  EXPECT_NEAR(r.heat_kT, r.heat_drive_kT + r.heat_barrier_kT, 1e-9 * std::abs(r.heat_kT));
  const double v_end = v0 * std::exp(-2 * a * T) + mu / a * (1 - std::exp(-2 * a * T));
  EXPECT_NEAR(r.mean_sq_error, d0 * d0 * std::exp(-2 * a * T) + v_end, 1e-7 * v_end);
}

// The matched drive heat is on a plateau once mu_0 no longer limits: the same path in eta t, the same heat.
TEST(Moments, MatchedHeatPlateauAndFastCost) {
  MemorySpec mem;
  mem.mobility0 = 1000;
  ScheduleSpec sc;
  sc.kind = ScheduleKind::matched;
  const auto heat_at = [&](double eta) {
    RunSpec run;
    run.eta = eta;
    run.time = 10 / eta;
    run.steps = 10000;
    run.target_error = 0.25;
    const Schedule s(sc, mem, eta, run.time, 1000);
    return integrate_moments({{1.0, 0.0, 1000}}, 128, 10, s, mem, run);
  };
  const auto slow = heat_at(0.01), slower = heat_at(0.001), fast = heat_at(100);
  EXPECT_TRUE(slow.reached_target);
  // The drive's heat is on the plateau; the barrier's path E_b(t) is not the same in eta t (mu_eff
  // scales with eta), so its (small) heat is not.
  EXPECT_NEAR(slow.heat_drive_kT / slower.heat_drive_kT, 1.0, 1e-3);
  EXPECT_LT(std::abs(slow.heat_barrier_kT), 0.05 * slow.heat_kT);
  EXPECT_GT(fast.heat_kT, 1.5 * slow.heat_kT);
  EXPECT_GT(slow.heat_kT, slow.bound.total_kT());
  // The bound's time-independent part: N ln(sigma_0 / sigma_T) > 0 (bits gained).
  EXPECT_GT(slow.bound.entropy_kT, 1000 * std::log(2.0));
}
