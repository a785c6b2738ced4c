// The barrier schedules of THEORY §5.7 as rules, independent of any simulation: what each sets is
// the barrier E_b(t) and the rate the loss must fall at (the drive kappa is the memory's answer,
// §5.4, tested in tests/memory). The matched rule mu_eff(E_b) = min(mu_0, 2 rho eta (L_d - L*) / (N kT)),
// the static barrier and the switched windows. (Simulation and moment ODEs share this class, so
// lim-quadratic cannot catch an error here; this test can.)
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
  // mu_eff = 2 * 0.1 * 2 * 50 / 1000 = 0.02, i.e. mu_eff / mu_0 = 2e-5, at the gradient-flow rate eta.
  const Setting c = sch.at(0.3, loss_min + 1.1 * 50.0, loss_min);
  EXPECT_NEAR(limen::physics::mobility_ratio(c.barrier_kT), 0.02 / 1000, 1e-12);  // E_b from Lifson-Jackson
  EXPECT_GT(c.barrier_kT, 8.0);  // 1/I_0(E/2)^2 = 2e-5 lies between E = 8 (7.8e-3) and E = 20 (1.26e-7)
  EXPECT_LT(c.barrier_kT, 20.0);
  EXPECT_EQ(c.rate, eta);
  // Far from the optimum the rule asks for more than mu_0: the barrier is simply down.
  const Setting free = sch.at(0.3, loss_min + 1e9, loss_min);
  EXPECT_EQ(free.barrier_kT, 0.0);
  EXPECT_EQ(free.rate, eta);
  // At the optimum it may raise the barrier only up to max_barrier (the retention barrier).
  const Setting held = sch.at(0.3, loss_min, loss_min);
  EXPECT_NEAR(held.barrier_kT, s.max_barrier, 1e-6);
}

TEST(Schedule, StaticBarrierAtTheGradientFlowRate) {
  ScheduleSpec s;
  s.kind = ScheduleKind::fixed;
  s.barrier = 20;
  const Schedule sch(s, memory(), 1.5, 10, 10);
  for (double t : {0.0, 5.0, 9.9}) {
    const Setting c = sch.at(t, 1e6, 0);
    EXPECT_EQ(c.barrier_kT, 20.0);
    EXPECT_EQ(c.rate, 1.5);
  }
  EXPECT_EQ(sch.max_barrier(), 20.0);
}

TEST(Schedule, SwitchedWindows) {
  ScheduleSpec s;
  s.kind = ScheduleKind::switched;
  s.duty = 0.25;
  s.barrier = 30;
  s.period = 2.0;
  const Schedule sch(s, memory(), 1.0, 10, 10);
  const Setting open = sch.at(2.3, 0, 0);  // phase 0.15 < 0.25: barrier down, rate eta / duty
  EXPECT_EQ(open.barrier_kT, 0.0);
  EXPECT_NEAR(open.rate, 4.0, 1e-12);
  const Setting hold = sch.at(3.0, 0, 0);  // phase 0.5: the memory holds, drive off
  EXPECT_EQ(hold.barrier_kT, 30.0);
  EXPECT_EQ(hold.rate, 0.0);
  const auto j = sch.jumps(4.0);
  EXPECT_EQ(j, (std::vector<double>{0.5, 2.0, 2.5}));
}
