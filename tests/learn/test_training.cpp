// The physical-memory optimizer: simulation against the exact moment ODEs (lim-quadratic),
// first law per run, bit-identical results for any thread count, diverging runs.
#include <gtest/gtest.h>

#include <cmath>

#include "limen/learn/api.hpp"
#include "limen/learn/tradeoff.hpp"
#include "limen/learn/setup.hpp"
#include "limen/learn/training.hpp"
#include "limen/units/error.hpp"

using namespace limen::learn;

namespace {
TrainSetup quadratic_setup(ScheduleKind kind, long long n = 200) {
  TrainSetup s = theory_reference_setup(n, kind);
  s.model = make_quadratic(n, {1.0, 0.5}, {0.0});  // two curvatures
  s.run.time = 12;
  s.run.steps = 6000;
  s.schedule.barrier = 20;
  s.schedule.period = 0.6;
  return s;
}
}  // namespace

TEST(Training, SimulatedHeatMatchesExactForEverySchedule) {
  for (auto kind : {ScheduleKind::fixed, ScheduleKind::switched, ScheduleKind::matched}) {
    const TrainSetup s = quadratic_setup(kind);
    const TrainResult r = run_training(s, {1, false, false});
    ASSERT_TRUE(r.exact.has_value());
    EXPECT_NEAR(r.heat_kT / r.exact->heat_kT, 1.0, 0.03) << s.schedule.name();
    if (kind != ScheduleKind::switched) {
      EXPECT_GT(r.heat_kT, r.bound.total_kT()) << s.schedule.name();
    }
    // First law per run: W = Q + dU (Sekimoto bookkeeping).
    const auto& rep = r.replicas[0];
    EXPECT_NEAR(rep.work_kT, rep.heat_kT + rep.delta_u_kT, 1e-9 * std::abs(rep.work_kT));
    // Per parameter, exact for a separable quadratic: the heats add up to the total.
    EXPECT_NEAR(rep.heat_param_kT.sum(), rep.heat_kT, 1e-9 * std::abs(rep.heat_kT));
  }
}

TEST(Training, StaticCostsFarMoreThanMatched) {
  const TrainResult m = run_training(quadratic_setup(ScheduleKind::matched), {1, false, false});
  const TrainResult s = run_training(quadratic_setup(ScheduleKind::fixed), {1, false, false});
  EXPECT_TRUE(m.replicas[0].reached_target);
  EXPECT_GT(s.heat_kT, 1e3 * m.heat_kT);
}

TEST(Training, BitIdenticalForAnyThreadCount) {
  TrainSetup s;
  const Split d = split_dataset(synthetic_classification(250, 5, 3, 2.0, 4), 0.2, 1);
  s.model = make_softmax(d);
  s.init_sd = 0.3;
  s.memory.level = 1.0 / 64;
  s.run.eta = 1;
  s.run.time = 20;
  s.run.steps = 400;
  s.run.batch = 16;
  s.run.replicas = 3;
  const TrainResult a = run_training(s, {1, false, false}), b = run_training(s, {3, false, false});
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(a.replicas[i].heat_kT, b.replicas[i].heat_kT);
    EXPECT_EQ(a.replicas[i].w, b.replicas[i].w);
  }
  EXPECT_GT(a.replicas[0].final_metric, 0.6);
  // Minibatch noise heats the memory beyond the gradient drive.
  EXPECT_NE(a.replicas[0].heat_noise_kT, 0.0);
  // The per-parameter heats (trapezoid Stratonovich) add up to the total to O(dt^2).
  EXPECT_NEAR(a.replicas[0].heat_param_kT.sum() / a.replicas[0].heat_kT, 1.0, 5e-3);  // dt = 0.05 here
}

TEST(Training, DivergingRunSaysWhichStep) {
  TrainSetup s = quadratic_setup(ScheduleKind::matched, 20);
  s.run.eta = 3000;  // eta lambda dt = 6: explodes
  try {
    run_training(s, {1, false, false});
    FAIL() << "expected a RunError";
  } catch (const limen::RunError& e) {
    EXPECT_NE(std::string(e.what()).find("diverged at step"), std::string::npos) << e.what();
  }
}

TEST(Training, LimQuadraticCheckPasses) {
  const auto checks = run_checks(limen::physics::Level::quick);
  ASSERT_EQ(checks.size(), 4u);
  for (const auto& c : checks) EXPECT_TRUE(c.pass) << c.id << ": " << c.detail;
}

// Linear regression is a quadratic loss: full-batch runs have an exact moment-ODE heat too
// (in the eigenbasis of its Hessian); with minibatches there is none.
TEST(Training, LinearRegressionFullBatchHasExactHeat) {
  TrainSetup s;
  Split d = split_dataset(synthetic_regression(300, 6, 0.1, 3), 0.2, 1);
  normalize(d, "standard");
  s.model = make_linear_regression(d);
  s.init_mean = 1.0;  // a deterministic initial mean: the run-to-run spread of the heat stays small
  s.init_sd = 0.05;
  s.memory.level = 1.0 / 64;
  s.run.eta = 0.5;
  s.run.time = 30;
  s.run.steps = 3000;
  s.run.replicas = 16;
  s.run.target_loss = 0.01;
  s.run.stop_at_target = false;  // a fixed time: the stop time would add its own spread
  s.schedule.kind = ScheduleKind::matched;
  s.schedule.barrier = 20;
  // Open-loop schedules: the ODE is exact for any N. (The matched controller feeds back on the
  // observed loss of a 7-parameter model, whose fluctuations the mean-field ODE does not hold.)
  s.schedule.curve = {{0, 8}, {30, 16}};
  for (auto kind : {ScheduleKind::fixed, ScheduleKind::curve}) {
    s.schedule.kind = kind;
    const TrainResult r = run_training(s, {1, false, false});
    ASSERT_TRUE(r.exact.has_value());
    EXPECT_TRUE(r.exact->reached_target);
    EXPECT_NEAR(r.heat_kT / r.exact->heat_kT, 1.0, 0.03) << s.schedule.name();
    EXPECT_GT(r.heat_kT, r.bound.total_kT());
  }
  s.run.batch = 16;
  EXPECT_FALSE(run_training(s, {1, false, false}).exact.has_value());
}

// The tradeoff computes a point at total time T as the config's run with mu_0 scaled by T/time
// (exact time rescaling): the same numbers as the direct run with eta scaled by time/T.
TEST(Training, TimeRescalingOfTradeoffPointsIsExact) {
  for (auto kind : {ScheduleKind::fixed, ScheduleKind::matched, ScheduleKind::switched}) {
    TrainSetup base = quadratic_setup(kind, 50);
    base.schedule.period = 0.6;
    const double f = 3.0;
    const TrainResult scaled = run_training(scaled_setup(base, f * base.run.time, kind), {1, false, false});
    TrainSetup direct = base;
    direct.run.eta /= f;
    direct.run.time *= f;
    direct.schedule.period *= f;
    const TrainResult r = run_training(direct, {1, false, false});
    EXPECT_NEAR(scaled.heat_kT / r.heat_kT, 1.0, 1e-9) << base.schedule.name();
    EXPECT_NEAR(scaled.exact->heat_kT / r.exact->heat_kT, 1.0, 1e-7) << base.schedule.name();
    EXPECT_NEAR(scaled.bound.total_kT() / r.bound.total_kT(), 1.0, 1e-7) << base.schedule.name();
    EXPECT_NEAR(scaled.replicas[0].time * f, r.replicas[0].time, 1e-9 * r.replicas[0].time);
  }
}
