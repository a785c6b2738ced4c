// The three memories of THEORY §5 (coarse 5.3, resolved 5.2, linear response 5.5) in training runs:
// the first law per replica with dU recomputed from the positions, reflecting walls, the coarse
// memory's weak-drive limit, and bit-identical results for any thread count.
#include <gtest/gtest.h>

#include <cmath>

#include "limen/learn/checks.hpp"
#include "limen/learn/training.hpp"

using namespace limen;
using learn::ScheduleKind;
using memory::Model;

namespace {
constexpr double kPi = 3.14159265358979323846;

const char* name(Model m) { return m == Model::coarse ? "coarse" : m == Model::resolved ? "resolved" : "linear-response"; }

// learn-coarse-vs-resolved's N = 32 setup (checks.cpp), shortened.
learn::TrainSetup short_setup(ScheduleKind kind, Model model, int replicas, double time = 1.0) {
  learn::TrainSetup s = learn::coarse_vs_resolved_setup(kind, model, replicas);
  s.run.time = time;
  s.run.steps = static_cast<long long>(std::lround(100 * time));
  s.schedule.period = 0.25;
  return s;
}

// U_mem at the retention barrier, summed over the parameters, from the positions (THEORY §5.1).
double memory_energy(const learn::TrainSetup& s, const learn::Vec& w) {
  double u = 0;
  for (long long i = 0; i < w.size(); ++i)
    u += 0.5 * s.memory.retention_barrier * (1 - std::cos(2 * kPi * (w[i] - s.memory.offset) / s.memory.level));
  return u;
}
}  // namespace

// W = Q + dU per replica, to 1e-9 relative (THEORY §6, first-law row of §7). The run starts and
// ends at the retention barrier with the drive off, so dU is the memory energy's change: from the
// positions for the resolved memory, zero for the coarse and linear-response memories (their
// U_mem is the equilibrium mean of the well at both ends).
TEST(Memories, FirstLawPerReplica) {
  for (Model model : {Model::coarse, Model::resolved, Model::linear_response}) {
    for (ScheduleKind kind : {ScheduleKind::fixed, ScheduleKind::matched, ScheduleKind::switched}) {
      const learn::TrainSetup s = short_setup(kind, model, 2);
      const learn::TrainResult r = learn::run_training(s, {1, false, false});
      for (const auto& rep : r.replicas) {
        const std::string where = std::string(name(model)) + " " + s.schedule.name();
        const double scale = std::max({std::abs(rep.work_kT), std::abs(rep.heat_kT), 1.0});
        const double du = model == Model::resolved ? memory_energy(s, rep.w) - memory_energy(s, rep.w0) : 0.0;
        EXPECT_NEAR(rep.work_kT - rep.heat_kT, du, 1e-9 * scale) << where << ": W " << rep.work_kT << ", Q " << rep.heat_kT;
        EXPECT_NEAR(rep.delta_u_kT, du, 1e-9 * scale) << where;
        EXPECT_NEAR(rep.heat_kT, rep.heat_drive_kT + rep.heat_noise_kT + rep.heat_barrier_kT, 1e-12 * scale) << where;
        EXPECT_GT(rep.heat_drive_kT, 0) << where;  // it learned: the drive did work that was dissipated
        EXPECT_LT(rep.final_metric, 0.95 * s.init_mean * s.init_mean) << where;  // it moved towards the optimum
      }
    }
  }
}

// A parameter pushed into a wall is reflected and stays between the walls (THEORY §5.1); the run
// reports the fraction that touched one.
TEST(Memories, ReflectingWalls) {
  for (Model model : {Model::coarse, Model::resolved, Model::linear_response}) {
    learn::TrainSetup s = short_setup(ScheduleKind::fixed, model, 1, 2.0);
    s.model = learn::make_quadratic(16, {1.0}, {1000.0});  // the optimum far beyond the upper wall
    s.init_mean = 0;
    s.init_sd = 1;
    s.memory.bits = 4;
    s.memory.offset = -8;  // walls at -8 and 8
    s.schedule.barrier = 4;
    if (model == Model::resolved) s.memory.substep = 0.25 * memory::kSubstepStability / (2 * kPi * kPi * 4);
    const learn::TrainResult r = learn::run_training(s, {1, false, false});
    const auto& rep = r.replicas[0];
    for (long long i = 0; i < rep.w.size(); ++i) {
      EXPECT_GE(rep.w[i], -8.0) << name(model);
      EXPECT_LE(rep.w[i], 8.0) << name(model);
    }
    EXPECT_GT(rep.w.mean(), 5.0) << name(model);  // they went to the wall nearest the optimum
    EXPECT_EQ(rep.wall_touches, 16) << name(model);
    const Json j = learn::train_summary(s, r);
    EXPECT_EQ(j["wall_fraction"].get<double>(), 1.0) << name(model);
    // Far from the walls nothing touches them.
    const learn::TrainResult free = learn::run_training(short_setup(ScheduleKind::fixed, model, 1), {1, false, false});
    EXPECT_EQ(learn::train_summary(short_setup(ScheduleKind::fixed, model, 1), free)["wall_fraction"].get<double>(), 0.0);
  }
}

// In weak drive (THEORY §5.5's linear-response variant, max beta F l ~ 0.1) the coarse memory is
// the linear-response memory: the same heat within a few standard errors and 1%.
TEST(Memories, CoarseWeakDriveIsLinearResponse) {
  double heat[2], se[2];
  int k = 0;
  for (Model model : {Model::coarse, Model::linear_response}) {
    learn::TrainSetup s = learn::linear_reference_setup(100, ScheduleKind::matched, 512);
    s.memory.model = model;
    s.run.steps = 4000;
    s.run.replicas = 4;
    const learn::TrainResult r = learn::run_training(s, {2, false, false});
    EXPECT_TRUE(r.linear_response) << name(model);
    EXPECT_LT(r.max_beta_F_l, 0.2) << name(model);
    heat[k] = r.heat_kT;
    se[k++] = r.heat_se_kT;
  }
  const double tol = std::max(3 * std::hypot(se[0], se[1]), 0.0);
  EXPECT_NEAR(heat[0], heat[1], tol) << "coarse " << heat[0] << " +- " << se[0] << ", linear response " << heat[1] << " +- " << se[1];
  EXPECT_NEAR(heat[0] / heat[1], 1.0, 0.01);
}

// Same seed and inputs: bit-identical results for 1 and 2 threads, in every memory.
TEST(Memories, BitIdenticalForAnyThreadCount) {
  for (Model model : {Model::coarse, Model::resolved, Model::linear_response}) {
    const learn::TrainSetup s = short_setup(ScheduleKind::matched, model, 3, 0.5);
    const learn::TrainResult a = learn::run_training(s, {1, false, false}), b = learn::run_training(s, {2, false, false});
    for (size_t i = 0; i < 3; ++i) {
      EXPECT_EQ(a.replicas[i].heat_kT, b.replicas[i].heat_kT) << name(model);
      EXPECT_EQ(a.replicas[i].work_kT, b.replicas[i].work_kT) << name(model);
      EXPECT_EQ(a.replicas[i].w, b.replicas[i].w) << name(model);
    }
    EXPECT_NE(a.replicas[0].heat_kT, a.replicas[1].heat_kT) << name(model);  // replicas are independent
  }
}
