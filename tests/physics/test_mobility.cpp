// Lifson-Jackson mobility (THEORY §3.5) and the Philox generator.
#include <gtest/gtest.h>

#include <cmath>

#include "limen/physics/mobility.hpp"
#include "limen/physics/philox.hpp"

using namespace limen::physics;

TEST(Mobility, BesselAgainstStd) {
  // std::cyl_bessel_i is an independent implementation (libstdc++ TR29124).
  for (double x : {0.0, 0.1, 1.0, 2.5, 10.0, 29.9, 30.0, 31.0, 100.0, 300.0})
    EXPECT_NEAR(log_bessel_i0(x), std::log(std::cyl_bessel_i(0.0, x)), 1e-12 * (1 + x)) << x;
}

TEST(Mobility, LifsonJacksonValues) {
  // By hand: I_0(1) = 1.2660658777520082, so D_eff/D_0 at E_b = 2 kT is 1/1.26607^2 = 0.623869.
  EXPECT_NEAR(mobility_ratio(2.0), 1.0 / (1.2660658777520082 * 1.2660658777520082), 1e-13);
  EXPECT_DOUBLE_EQ(mobility_ratio(0.0), 1.0);
  // High barrier: ~ pi E_b e^{-E_b} (THEORY §3.5), relative error O(kT/E_b).
  const double eb = 60.0;
  EXPECT_NEAR(mobility_ratio(eb) / (M_PI * eb * std::exp(-eb)), 1.0, 0.02);
  EXPECT_GT(mobility_ratio(600.0), 0.0);
  EXPECT_EQ(mobility_ratio(1000.0), 0.0);  // e^-1000 underflows to exactly 0, never NaN
  EXPECT_NEAR(log_mobility_ratio(1000.0), std::log(M_PI * 1000.0) - 1000.0, 1e-3);
}

TEST(Mobility, InverseRoundTrips) {
  for (double eb : {0.01, 0.5, 3.0, 20.0, 61.0, 200.0})
    EXPECT_NEAR(barrier_for_mobility_ratio(mobility_ratio(eb)), eb, 1e-9 * (1 + eb)) << eb;
  EXPECT_EQ(barrier_for_mobility_ratio(1.0), 0.0);
}

TEST(Philox, KnownAnswer) {
  // Random123 known-answer vectors for philox4x32-10 (kat_vectors): all-zero and all-ones input.
  const Block z = philox4x32({0, 0, 0, 0}, {0, 0});
  EXPECT_EQ(z, (Block{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u}));
  const Block f = philox4x32({0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}, {0xffffffffu, 0xffffffffu});
  EXPECT_EQ(f, (Block{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu}));
}

TEST(Philox, NormalsHaveUnitMoments) {
  double s1 = 0, s2 = 0;
  const int n = 200000;
  for (int i = 0; i < n / 4; ++i)
    for (double g : normals4(7, static_cast<uint64_t>(i), 3)) s1 += g, s2 += g * g;
  EXPECT_NEAR(s1 / n, 0.0, 5.0 / std::sqrt(n));
  EXPECT_NEAR(s2 / n, 1.0, 5.0 * std::sqrt(2.0 / n));
  EXPECT_NE(normals4(7, 1, 3)[0], normals4(7, 1, 4)[0]);
  EXPECT_NE(normals4(7, 1, 3)[0], normals4(7, 1, 3, 1)[0]);
}
