// Optimal transport, entropies, the Fokker-Planck solver and the closed forms (THEORY §3, §6, §7).
#include <gtest/gtest.h>

#include <cmath>

#include "limen/physics/closed_forms.hpp"
#include "limen/physics/fokker_planck.hpp"
#include "limen/physics/mobility.hpp"
#include "limen/physics/sampling.hpp"
#include "limen/physics/transport.hpp"
#include "limen/units/constants.hpp"

using namespace limen::physics;

namespace {
Density gaussian(double m, double s) {
  Density d{m - 12 * s, 24 * s / 20000, std::vector<double>(20000)};
  for (size_t i = 0; i < d.p.size(); ++i)
    d.p[i] = std::exp(-0.5 * std::pow((d.x(i) - m) / s, 2)) / (s * std::sqrt(2 * limen::kPi));
  return d;
}
}  // namespace

TEST(Transport, GaussianW2AndEntropy) {
  // W2^2 between N(m1, s1^2) and N(m2, s2^2) is (m1 - m2)^2 + (s1 - s2)^2.
  EXPECT_NEAR(w2_squared(gaussian(0, 1), gaussian(3, 2)), 9.0 + 1.0, 1e-3);
  EXPECT_NEAR(entropy(gaussian(0, 2)), 0.5 * std::log(2 * limen::kPi * std::exp(1.0) * 4.0), 1e-6);
  // Samples: shifting by c moves W2^2 by exactly c^2.
  std::vector<double> a, b;
  for (int i = 0; i < 1000; ++i) a.push_back(std::sin(i * 1.3)), b.push_back(std::sin(i * 1.3) + 0.5);
  EXPECT_NEAR(w2_squared(a, b), 0.25, 1e-12);
  Potential p;
  p.add(TermKind::harmonic, "", {1.0, 0.0});
  std::vector<uint64_t> ids(100000);
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = i;
  const auto x = sample_equilibrium(p, p.theta0().data(), 1.0, 1, ids);
  EXPECT_NEAR(entropy_samples(x), 0.5 * std::log(2 * limen::kPi * std::exp(1.0)), 0.01);
}

TEST(FokkerPlanck, EquilibriumIsStationaryAndMassConserved) {
  Potential p;
  p.add(TermKind::double_well, "", {4.0, 1.0, 0.7, 0.0});
  FokkerPlanck fp(p, Protocol(p), 1.0, 1.0, -2.5, 2.5, 500);
  fp.start_equilibrium();
  const auto P0 = fp.probabilities();
  fp.advance(200, 0.05);
  double mass = 0;
  for (size_t i = 0; i < P0.size(); ++i) {
    EXPECT_NEAR(fp.probabilities()[i], P0[i], 1e-12);
    mass += fp.probabilities()[i];
  }
  EXPECT_NEAR(mass, 1.0, 1e-10);  // exact in exact arithmetic; rounding of 200 tridiagonal solves
  EXPECT_EQ(fp.work(), 0.0);
}

TEST(FokkerPlanck, DragWorkMatchesClosedForm) {
  Potential p;
  p.add(TermKind::harmonic, "", {1.0, 0.0});
  Protocol proto(p);
  proto.set(1, Schedule{{0.0, 10.0}, {0.0, 5.0}});
  FokkerPlanck fp(p, proto, 1.0, 1.0, -8.0, 13.0, 2100);
  fp.start_equilibrium();
  fp.advance(10000, 1e-3);
  EXPECT_NEAR(fp.work(), drag_linear_work(1.0, 1.0, 5.0, 10.0), 0.003 * 2.25);
}

TEST(ClosedForms, Values) {
  // drag-linear: slow limit gamma L^2 / t_f; optimal below linear; both from THEORY §7.
  EXPECT_NEAR(drag_linear_work(1.0, 1.0, 5.0, 10.0), 2.5 * (1 - 0.1 * (1 - std::exp(-10.0))), 1e-12);
  EXPECT_NEAR(drag_optimal_work(1.0, 1.0, 5.0, 10.0), 25.0 / 12.0, 1e-12);
  const Schedule s = drag_optimal_schedule(1.0, 1.0, 5.0, 10.0);
  EXPECT_NEAR(s.after(0.0), 5.0 / 12.0, 1e-12);
  EXPECT_NEAR(s.before(10.0), 5.0 * 11.0 / 12.0, 1e-12);
  EXPECT_DOUBLE_EQ(s.after(10.0), 5.0);
  EXPECT_NEAR(jarzynski_harmonic(1.0, 4.0), 0.5, 1e-15);
  // Free diffusion (a flat potential): tau = ((b - lo)^2 - (a - lo)^2) / (2 D).
  Potential flat;
  flat.add(TermKind::step, "", {0.0, 0.0, 1.0});
  EXPECT_NEAR(mean_first_passage_time(flat, flat.theta0().data(), 1.0, 1.0, -1.0, 0.0, 2.0), (9.0 - 1.0) / 2.0, 1e-6);
  EXPECT_NEAR(kramers_rate(40.0, 20.0, 5.0, 1.0, 1.0), std::sqrt(800.0) / (2 * limen::kPi) * std::exp(-5.0), 1e-15);
  // The Lifson-Jackson integral of a cosine potential is 1/I_0(E_b/2kT)^2 (THEORY §3.5).
  Potential cosine;
  cosine.add(TermKind::periodic, "", {6.0, 1.0, 0.0, 0.0, 1.0});
  EXPECT_NEAR(lifson_jackson_ratio(cosine, cosine.theta0().data(), 1.0, 0.3, 1.0) / mobility_ratio(6.0), 1.0, 1e-12);
  EXPECT_NEAR(landauer_finite_time_kT(1.0), limen::kLn2 + 0.5, 1e-15);
  EXPECT_NEAR(static_write_kT(61.0, 1.0), 61.0, 1e-15);
  EXPECT_NEAR(static_write_kT(1.0, 1e9), limen::kLn2, 1e-15);
}
