// Ensembles (THEORY §6): the vectorised, threaded stepper against the plain scalar reference,
// bit-identical results for any thread count, the first law per trajectory, the noise generator,
// and the equilibrium sampling.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "limen/physics/ensemble.hpp"
#include "limen/physics/noise.hpp"
#include "limen/physics/sampling.hpp"
#include "limen/physics/transport.hpp"
#include "busy_sum.hpp"

using namespace limen::physics;

namespace {
// The busy sum (busy_sum.hpp) with integrator m.
Integrator busy(Method m) {
  Dynamics d;
  d.method = m;
  return test::busy_sum(d);
}
}  // namespace

TEST(Noise, VectorisedBlockMatchesPhilox) {
  std::vector<uint64_t> ids;
  for (uint64_t i = 0; i < 300; ++i) ids.push_back(i * 7919 + (i << 33));
  std::vector<double> z(4 * ids.size());
  for (uint64_t b : {0ull, 1ull, 12345ull, (1ull << 40) + 3}) {
    fill_normal_block(99, ids.data(), ids.size(), b, z.data());
    for (size_t i = 0; i < ids.size(); ++i)
      for (int k = 0; k < 4; ++k) {
        const double ref = thermal_normal(99, ids[i], 4 * b + k);
        EXPECT_NEAR(z[k * ids.size() + i], ref, 1e-14 * (1 + std::fabs(ref)));
      }
  }
}

namespace {
uint64_t fnv(uint64_t h, double v) {
  uint64_t b;
  std::memcpy(&b, &v, 8);
  return (h ^ b) * 0x100000001B3ull;
}
}  // namespace

// The same bits on every instruction set: this checksum was produced by the AVX-512 version and
// equals that of the baseline (SSE2) and AVX2(+FMA) builds of noise.cpp (checked by hand with
// -DLIMEN_NO_CLONES -mavx2 -mfma).
TEST(Noise, GoldenBitsOnEveryInstructionSet) {
  const size_t n = 256;
  std::vector<uint64_t> ids(n);
  for (size_t i = 0; i < n; ++i) ids[i] = i * 2654435761ull + (static_cast<uint64_t>(i) << 36);
  std::vector<double> z(4 * n);
  uint64_t h = 0;
  for (uint64_t b = 0; b < 8; ++b) {
    fill_normal_block(2024, ids.data(), n, b * 1000003, z.data());
    for (double v : z) h = fnv(h, v);
  }
  EXPECT_EQ(h, 0x6b9af80513d29469ull);
}

TEST(Noise, StandardNormalMoments) {
  std::vector<uint64_t> ids(4096);
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = i;
  std::vector<double> z(4 * ids.size()), all;
  for (uint64_t b = 0; b < 25; ++b) {
    fill_normal_block(5, ids.data(), ids.size(), b, z.data());
    all.insert(all.end(), z.begin(), z.end());
  }
  double m = 0, v = 0, k4 = 0;
  for (double x : all) m += x, v += x * x, k4 += x * x * x * x;
  const double n = static_cast<double>(all.size());  // 409600 numbers
  EXPECT_NEAR(m / n, 0.0, 5 * std::sqrt(1 / n));
  EXPECT_NEAR(v / n, 1.0, 5 * std::sqrt(2 / n));
  EXPECT_NEAR(k4 / n, 3.0, 5 * std::sqrt(96 / n));
}

TEST(Ensemble, OptimisedEqualsReference) {
  for (Method m : {Method::euler_maruyama, Method::leimkuhler_matthews}) {
    const Integrator integ = busy(m);
    Ensemble a = integ.start(777), b = integ.start(777);
    integ.advance(a, 150, 1);
    integ.advance_reference(b, 150);
    ASSERT_EQ(a.step, b.step);
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_NEAR(a.x[i], b.x[i], 1e-12 * (1 + std::fabs(b.x[i])));
      EXPECT_NEAR(a.work[i], b.work[i], 1e-11 * (1 + std::fabs(b.work[i])));
      EXPECT_NEAR(a.heat[i], b.heat[i], 1e-11 * (1 + std::fabs(b.heat[i])));
    }
  }
}

TEST(Ensemble, BitIdenticalForAnyThreadsAndWindows) {
  const Integrator integ = busy(Method::leimkuhler_matthews);
  Ensemble one = integ.start(3001), many = integ.start(3001), windows = integ.start(3001);
  integ.advance(one, 120, 1);
  integ.advance(many, 120, 3);
  for (int w = 0; w < 12; ++w) integ.advance(windows, 10, 2);
  for (size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one.x[i], many.x[i]);
    EXPECT_EQ(one.work[i], many.work[i]);
    EXPECT_EQ(one.heat[i], many.heat[i]);
    EXPECT_EQ(one.x[i], windows.x[i]);
    EXPECT_EQ(one.work[i], windows.work[i]);
  }
}

TEST(Ensemble, CompactionKeepsEachParticlesNoise) {
  const Integrator integ = busy(Method::euler_maruyama);
  Ensemble full = integ.start(1000), part = integ.start(1000);
  integ.advance(full, 30, 1);
  integ.advance(part, 10, 1);
  std::vector<char> keep(1000);
  for (size_t i = 0; i < keep.size(); ++i) keep[i] = (i % 3) != 0;
  part.compact(keep);
  integ.advance(part, 20, 1);
  size_t j = 0;
  for (size_t i = 0; i < 1000; ++i)
    if (keep[i]) {
      EXPECT_EQ(full.x[i], part.x[j++]);
    }
}

TEST(Ensemble, FirstLawPerTrajectory) {
  const Integrator integ = busy(Method::euler_maruyama);
  Ensemble e = integ.start(2000);
  integ.advance(e, 100, 2);
  for (size_t i = 0; i < e.size(); ++i) {
    const double du = e.u[i] - e.u0[i];
    EXPECT_NEAR(e.work[i] - e.heat[i], du, 1e-12 * (1 + std::fabs(e.work[i]) + std::fabs(e.heat[i])));
  }
  // The jump at t = 0 is work on every particle: U(x0, lambda(0+)) - U(x0, lambda(0-)).
  Ensemble s = integ.start(10);
  for (size_t i = 0; i < s.size(); ++i) EXPECT_NEAR(s.work[i], -0.5 * s.x0[i], 1e-12);
}

TEST(Sampling, HarmonicIsExactGaussian) {
  Potential p;
  p.add(TermKind::harmonic, "", {4.0, 1.5});
  std::vector<uint64_t> ids(200000);
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = i;
  const auto x = sample_equilibrium(p, p.theta0().data(), 1.0, 3, ids);
  const Moments m = moments(x);
  double v = 0;
  for (double xi : x) v += (xi - 1.5) * (xi - 1.5);
  v /= static_cast<double>(x.size());
  EXPECT_NEAR(m.mean, 1.5, 5 * 0.5 / std::sqrt(2e5));
  EXPECT_NEAR(v, 0.25, 5 * 0.25 * std::sqrt(2 / 2e5));
}

TEST(Sampling, InverseCdfMatchesBoltzmann) {
  Potential p;
  p.add(TermKind::double_well, "", {3.0, 1.0, 1.0, 0.0});  // tilted: the right well is favoured
  const auto g = boltzmann_density(p, p.theta0().data(), 1.0);
  double right = 0, x2 = 0;
  for (size_t i = 0; i < g.p.size(); ++i) {
    right += (g.x(i) > 0) * g.p[i] * g.h;
    x2 += g.x(i) * g.x(i) * g.p[i] * g.h;
  }
  std::vector<uint64_t> ids(200000);
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = i;
  const auto x = sample_equilibrium(p, p.theta0().data(), 1.0, 8, ids);
  double r = 0, s2 = 0;
  for (double xi : x) r += xi > 0, s2 += xi * xi;
  r /= 2e5, s2 /= 2e5;
  EXPECT_GT(right, 0.8);
  EXPECT_NEAR(r, right, 5 * std::sqrt(right * (1 - right) / 2e5));
  EXPECT_NEAR(s2, x2, 0.01 * x2);
}

TEST(Sampling, CurvatureBoundSeesTheProtocol) {
  Potential p;
  p.add(TermKind::harmonic, "", {1.0, 0.0});
  Protocol proto(p);
  proto.set(0, Schedule{{0.0, 1.0}, {1.0, 30.0}});
  EXPECT_DOUBLE_EQ(curvature_bound(p, proto, 1.0), 30.0);
}
