// The physical-memory optimizer: simulation against the exact moment ODEs in linear response
// (THEORY §5.5), the static write's honest cost (§5.7), first law per run, bit-identical results
// for any thread count, diverging runs, exact time rescaling of tradeoff points.
#include <gtest/gtest.h>

#include <cmath>

#include "limen/learn/checks.hpp"
#include "limen/learn/setup.hpp"
#include "limen/learn/tradeoff.hpp"
#include "limen/learn/training.hpp"
#include "limen/units/error.hpp"

using namespace limen::learn;

namespace {
constexpr double kPi = 3.14159265358979323846;

// THEORY §5.5's linear-response variant (levels of 1/512 model unit, mu_0 = 1000 model units^2 /
// (kT time)) with two curvatures; static at E_b = 6 kT, switched holding at 20 kT.
TrainSetup linear_setup(ScheduleKind kind, long long n = 200) {
  TrainSetup s = linear_reference_setup(n, kind, 512);
  s.model = make_quadratic(n, {1.0, 0.5}, {0.0});
  s.run.time = 12;
  s.run.steps = 6000;
  s.schedule.period = 0.6;
  return s;
}
}  // namespace

TEST(Training, LinearResponseHeatMatchesExactForEverySchedule) {
  for (auto kind : {ScheduleKind::fixed, ScheduleKind::switched, ScheduleKind::matched}) {
    const TrainSetup s = linear_setup(kind);
    const TrainResult r = run_training(s, {1, false, false});
    EXPECT_TRUE(r.linear_response) << s.schedule.name() << ": max beta F l " << r.max_beta_F_l;
    ASSERT_TRUE(r.exact.has_value()) << r.exact_reason;
    EXPECT_NEAR(r.heat_kT / r.exact->heat_kT, 1.0, 0.03) << s.schedule.name();
    if (kind != ScheduleKind::switched) {
      EXPECT_GT(r.heat_kT, r.bound.total_kT()) << s.schedule.name();
    }
    // First law per run: W = Q + dU (Sekimoto bookkeeping).
    const auto& rep = r.replicas[0];
    EXPECT_NEAR(rep.work_kT, rep.heat_kT + rep.delta_u_kT, 1e-9 * std::abs(rep.work_kT));
    // Per parameter, exact for a separable quadratic: the drive heats add up to the drive's total.
    EXPECT_NEAR(rep.heat_param_kT.sum(), rep.heat_drive_kT + rep.heat_noise_kT, 1e-9 * std::abs(rep.heat_kT));
  }
}

// THEORY §5.7, 5.10: on the reference setup (l = 1, mu_0 = 1000) a static 20 kT barrier leaves
// linear response, learns near the threshold force and pays 2 to pi times eps_w(E_b, tau_level) per
// level moved (eps_w = E_b - kT ln(nu_0 tau_level), nu_0 = mu_0 pi E_b / l^2, §3.4), tens of times
// the matched heat: not the e^{E_b} of linear response (the first version's 6.5e10 kT for N = 1000).
TEST(Training, StaticWriteCostsAFewEpsWPerLevel) {
  TrainSetup st = theory_reference_setup(100, ScheduleKind::fixed);
  st.schedule.barrier = 20;
  const TrainResult s = run_training(st, {1, false, false});
  const TrainResult m = run_training(theory_reference_setup(100, ScheduleKind::matched), {1, false, false});
  EXPECT_TRUE(m.replicas[0].reached_target);
  EXPECT_FALSE(s.linear_response);
  EXPECT_FALSE(s.exact.has_value());
  EXPECT_NE(s.exact_reason.find("linear response"), std::string::npos) << s.exact_reason;
  EXPECT_GT(s.max_beta_F_l, 10.0);
  EXPECT_LT(s.max_beta_F_l, 3 * kPi * 20);
  // Levels moved and the static write of §3.4, from the positions.
  const auto& rep = s.replicas[0];
  const double levels = (rep.w - rep.w0).cwiseAbs().mean();
  EXPECT_GT(levels, 100.0);
  const double tau_level = rep.time / levels, nu0 = 1000 * kPi * 20;
  const double eps_w = 20 - std::log(nu0 * tau_level);
  const double per_level = rep.heat_kT / (100 * levels);
  EXPECT_GT(per_level / eps_w, 1.5) << per_level << " kT per level, eps_w " << eps_w;
  EXPECT_LT(per_level / eps_w, 3.5) << per_level << " kT per level, eps_w " << eps_w;
  EXPECT_GT(s.heat_kT, 10 * m.heat_kT);
  EXPECT_LT(s.heat_kT, 300 * m.heat_kT);
}

TEST(Training, BitIdenticalForAnyThreadCount) {
  TrainSetup s;
  const Split d = split_dataset(synthetic_classification(250, 5, 3, 2.0, 4), 0.2, 1);
  s.model = make_softmax(d);
  s.init_sd = 0.3;
  s.memory.level = 1.0 / 64;
  s.memory.offset = -2;  // walls at -2 and 2
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
  // The per-parameter heats (trapezoid Stratonovich) add up to the drive's total to O(dt^2).
  const auto& r0 = a.replicas[0];
  EXPECT_NEAR(r0.heat_param_kT.sum() / (r0.heat_drive_kT + r0.heat_noise_kT), 1.0, 5e-3);  // dt = 0.05 here
}

TEST(Training, DivergingRunSaysWhichStep) {
  TrainSetup s = linear_setup(ScheduleKind::matched, 20);
  s.run.eta = 3000;  // eta lambda dt = 6: explodes
  // The walls bound every parameter (THEORY §5.1), so the loss can explode only as far as they
  // are: put them far out (2^47 levels each side).
  s.memory.bits = 48;
  s.memory.offset = -std::ldexp(s.memory.level, 47);
  try {
    run_training(s, {1, false, false});
    FAIL() << "expected a RunError";
  } catch (const limen::RunError& e) {
    EXPECT_NE(std::string(e.what()).find("diverged at step"), std::string::npos) << e.what();
  }
}

// Linear regression is a quadratic loss: full-batch runs in linear response have an exact
// moment-ODE heat too (in the eigenbasis of its Hessian); with minibatches there is none.
TEST(Training, LinearRegressionFullBatchHasExactHeat) {
  TrainSetup s;
  Split d = split_dataset(synthetic_regression(300, 6, 0.1, 3), 0.2, 1);
  normalize(d, "standard");
  s.model = make_linear_regression(d);
  s.init_mean = 1.0;  // a deterministic initial mean: the run-to-run spread of the heat stays small
  s.init_sd = 0.05;
  // mu_0 = 1000/4096 model units^2/(kT time) in levels of 1/16384 model unit, fine enough for
  // linear response (THEORY §5.5) at barriers high enough for the loss target (the thermal excess
  // loss N mu_eff kT / (2 eta) below 0.01); walls at -8 and 8.
  s.memory.level = 1.0 / 16384;
  s.memory.mobility0 = 1000.0 / 4096 * 16384 * 16384;
  s.memory.bits = 18;
  s.memory.offset = -8;
  s.run.eta = 0.5;
  s.run.time = 30;
  s.run.steps = 3000;
  s.run.replicas = 16;
  s.run.target_loss = 0.01;
  s.run.stop_at_target = false;  // a fixed time: the stop time would add its own spread
  s.schedule.barrier = 10;
  // Open-loop schedules: the ODE is exact for any N. (The matched controller feeds back on the
  // observed loss of a 7-parameter model, whose fluctuations the mean-field ODE does not hold.)
  s.schedule.curve = {{0, 8}, {30, 12}};
  for (auto kind : {ScheduleKind::fixed, ScheduleKind::curve}) {
    s.schedule.kind = kind;
    const TrainResult r = run_training(s, {1, false, false});
    EXPECT_LE(r.max_beta_F_l, 0.2) << s.schedule.name();
    ASSERT_TRUE(r.exact.has_value()) << r.exact_reason;
    EXPECT_TRUE(r.exact->reached_target);
    EXPECT_NEAR(r.heat_kT / r.exact->heat_kT, 1.0, 0.03) << s.schedule.name();
    EXPECT_GT(r.heat_kT, r.bound.total_kT());
  }
  s.run.batch = 16;
  const TrainResult mb = run_training(s, {1, false, false});
  EXPECT_FALSE(mb.exact.has_value());
  EXPECT_NE(mb.exact_reason.find("minibatch"), std::string::npos) << mb.exact_reason;
}

// The tradeoff computes a point at total time T as the config's run with mu_0 scaled by T/time
// (exact time rescaling, also of the coarse memory's v(F) and D(F), which scale with mu_0): the
// same numbers as the direct run with eta scaled by time/T.
TEST(Training, TimeRescalingOfTradeoffPointsIsExact) {
  for (auto kind : {ScheduleKind::fixed, ScheduleKind::matched, ScheduleKind::switched}) {
    TrainSetup base = linear_setup(kind, 50);
    const double f = 3.0;
    const TrainResult scaled = run_training(scaled_setup(base, f * base.run.time, kind), {1, false, false});
    TrainSetup direct = base;
    direct.run.eta /= f;
    direct.run.time *= f;
    direct.schedule.period *= f;
    const TrainResult r = run_training(direct, {1, false, false});
    EXPECT_NEAR(scaled.heat_kT / r.heat_kT, 1.0, 1e-9) << base.schedule.name();
    ASSERT_TRUE(scaled.exact && r.exact) << base.schedule.name();
    EXPECT_NEAR(scaled.exact->heat_kT / r.exact->heat_kT, 1.0, 1e-7) << base.schedule.name();
    EXPECT_NEAR(scaled.bound.total_kT() / r.bound.total_kT(), 1.0, 1e-7) << base.schedule.name();
    EXPECT_NEAR(scaled.replicas[0].time * f, r.replicas[0].time, 1e-9 * r.replicas[0].time);
  }
}

// The sampled heat split (split_estimate.hpp, README "the heat split"): the total heat is the
// same as with the split taken on every step, and the sampled drive part is within 3 of its
// standard errors of the exact one.
TEST(Training, SampledHeatSplitAgreesWithTheExactSplit) {
  TrainSetup s;
  const Split d = split_dataset(synthetic_classification(400, 6, 3, 1.5, 5), 0.2, 1);
  s.model = make_softmax(d);
  s.init_sd = 0.3;
  s.memory.level = 1.0 / 64;
  s.memory.offset = -2;
  s.run.eta = 1;
  s.run.time = 40;
  s.run.steps = 1200;
  s.run.batch = 16;
  s.run.replicas = 2;
  s.run.split_every = 1;
  const TrainResult exact = run_training(s, {1, false, false});
  s.run.split_every = 8;
  const TrainResult sampled = run_training(s, {1, false, false});
  for (int i = 0; i < 2; ++i) {
    const auto &e = exact.replicas[i], &p = sampled.replicas[i];
    EXPECT_NEAR(p.heat_kT, e.heat_kT, 1e-12 * std::abs(e.heat_kT));
    EXPECT_EQ(e.heat_split_se_kT, 0.0);
    EXPECT_EQ(p.split_samples, 150);
    ASSERT_GT(p.heat_split_se_kT, 0.0);
    EXPECT_LT(std::abs(p.heat_drive_kT - e.heat_drive_kT), 3 * p.heat_split_se_kT)
        << "replica " << i << ": sampled " << p.heat_drive_kT << " exact " << e.heat_drive_kT << " SE " << p.heat_split_se_kT;
    EXPECT_LT(p.heat_split_se_kT, 0.5 * std::abs(e.heat_drive_kT));  // the estimate says something
  }
}
