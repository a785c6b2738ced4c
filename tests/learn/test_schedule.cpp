// The barrier schedules of THEORY §5 as rules, independent of any simulation: the matched rule
// mu = min(mu_0, 2 rho eta (L_d - L*) / (N kT)) with kappa = eta / mu, the static barrier's
// Lifson-Jackson mobility, and the switched windows. (Simulation and moment ODEs share this class,
// so lim-quadratic cannot catch an error here; this test can.)
#include <gtest/gtest.h>

#include <cmath>

#include "limen/learn/schedule.hpp"
#include "limen/physics/mobility.hpp"

using namespace limen::learn;

namespace {
MemorySpec memory() {
  MemorySpec m;
  m.mobility0 = 1000;
  return m;
}
}  // namespace

TEST(Schedule, MatchedRule) {
  ScheduleSpec s;
  s.kind = ScheduleKind::matched;
  s.rho = 0.1;
  const double eta = 2.0, loss_min = 3.0;
  const long long n = 1000;
  const Schedule sch(s, memory(), eta, 10, n);
  // The controller sees <L> = L* + (1 + rho)(L_d - L*); with L_d - L* = 50 (kT = 1 in model units):
  // mu = 2 * 0.1 * 2 * 50 / 1000 = 0.02, kappa = eta / mu = 100.
  const Control c = sch.at(0.3, loss_min + 1.1 * 50.0, loss_min);
  EXPECT_NEAR(c.mobility, 0.02, 1e-15);
  EXPECT_NEAR(c.drive, 100.0, 1e-10);
  EXPECT_NEAR(limen::physics::mobility_ratio(c.barrier_kT), 0.02 / 1000, 1e-12);  // E_b from Lifson-Jackson
  // Far from the optimum the rule asks for more than mu_0: the barrier is simply down.
  const Control free = sch.at(0.3, loss_min + 1e9, loss_min);
  EXPECT_EQ(free.mobility, 1000.0);
  EXPECT_EQ(free.barrier_kT, 0.0);
  EXPECT_NEAR(free.drive, eta / 1000.0, 1e-18);
  // At the optimum it may raise the barrier only up to max_barrier (the retention barrier).
  const Control held = sch.at(0.3, loss_min, loss_min);
  EXPECT_NEAR(held.barrier_kT, s.max_barrier, 1e-6);
}

TEST(Schedule, StaticBarrierUsesLifsonJackson) {
  ScheduleSpec s;
  s.kind = ScheduleKind::fixed;
  s.barrier = 20;
  const Schedule sch(s, memory(), 1.0, 10, 10);
  const Control c = sch.at(5.0, 0, 0);
  // mu = mu_0 / I_0(E_b / 2)^2 = 1000 / I_0(10)^2 (I_0(10) = 2815.716628466254).
  EXPECT_NEAR(c.mobility / (1000.0 / (2815.716628466254 * 2815.716628466254)), 1.0, 1e-12);
  EXPECT_NEAR(c.mobility * c.drive, 1.0, 1e-12);  // eta = mu kappa
}

TEST(Schedule, SwitchedWindows) {
  ScheduleSpec s;
  s.kind = ScheduleKind::switched;
  s.duty = 0.25;
  s.barrier = 30;
  s.period = 2.0;
  const Schedule sch(s, memory(), 1.0, 10, 10);
  const Control open = sch.at(2.3, 0, 0);  // phase 0.15 < 0.25: barrier down, drive eta / duty
  EXPECT_EQ(open.barrier_kT, 0.0);
  EXPECT_NEAR(open.mobility * open.drive, 4.0, 1e-12);
  const Control hold = sch.at(3.0, 0, 0);  // phase 0.5: the memory holds
  EXPECT_EQ(hold.barrier_kT, 30.0);
  EXPECT_EQ(hold.drive, 0.0);
  const auto j = sch.jumps(4.0);
  EXPECT_EQ(j, (std::vector<double>{0.5, 2.0, 2.5}));
}
