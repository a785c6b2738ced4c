// The exact transport of the tilted cosine (THEORY §5.3) and the Bessel functions behind its
// weak-drive limit (§3.5), against closed forms and independent references: E_b = 0 (free
// diffusion), F -> 0 (Lifson-Jackson, Boltzmann), THEORY's quoted values at E_b = 20 kT, the
// deterministic slide at large tilt, and the table against direct evaluation. The reference
// numbers marked "mpmath" come from tests/memory/reference_values.py (arbitrary-precision
// quadrature and Bessel functions, not limen's code).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "limen/physics/mobility.hpp"
#include "limen/physics/tilted_transport.hpp"

using namespace limen::physics;

namespace {
constexpr double kPi = 3.14159265358979323846;
}

TEST(BesselRatio, AgainstMpmath) {
  // I_1(x)/I_0(x), mpmath besseli; both sides of the series/asymptotic switch at 50.
  const std::pair<double, double> ref[] = {{0.5, 0.24249961258080195}, {1, 0.44638996589653451}, {10, 0.94859982595484596},
                                           {25, 0.97979145349051593}, {49.9, 0.98992872040744602}, {50.1, 0.98996913309855268},
                                           {60, 0.99163135012420877}, {200, 0.99749685925164353}};
  for (const auto& [x, r] : ref) {
    EXPECT_NEAR(bessel_i1_over_i0(x), r, 1e-12 * r) << "x = " << x;
    EXPECT_NEAR(bessel_i1_over_i0(-x), -r, 1e-12 * r) << "odd, x = " << x;
  }
  EXPECT_EQ(bessel_i1_over_i0(0), 0.0);
  EXPECT_NEAR(bessel_i1_over_i0(1e-4), 0.5e-4, 1e-13);  // x/2 at small x
}

TEST(CosineWell, BoltzmannShareAndPartition) {
  // <(1 - cos)/2> over e^{-E (1 - cos)/2}: (1 - I_1/I_0(E/2))/2, mpmath.
  const std::pair<double, double> share[] = {{2, 0.27680501705173275}, {8, 0.068238694487724709},
                                             {20, 0.025700087022577021}, {40, 0.012664746055096437}};
  for (const auto& [e, s] : share) {
    EXPECT_NEAR(cosine_barrier_share(e), s, 1e-12 * s) << "E = " << e;
    // ln <e^{-U}> over a period by the trapezoid rule (spectrally exact for a periodic integrand),
    // and share = -d ln<e^{-U}>/dE.
    double z = 0;
    const int m = 4000;
    for (int k = 0; k < m; ++k) z += std::exp(-0.5 * e * (1 - std::cos(2 * kPi * k / m))) / m;
    EXPECT_NEAR(cosine_log_partition(e), std::log(z), 1e-12) << "E = " << e;
    const double h = 1e-4;
    EXPECT_NEAR(-(cosine_log_partition(e + h) - cosine_log_partition(e - h)) / (2 * h), s, 1e-8) << "E = " << e;
  }
  EXPECT_EQ(cosine_barrier_share(0), 0.5);
}

// E_b = 0: free diffusion, v = mu_0 F and D = D_0 exactly, for any tilt.
TEST(TiltedTransport, FreeParticleIsExact) {
  for (double f : {0.0, 1e-7, 0.5, 3.0, 50.0, 900.0, 5000.0}) {
    const TiltedTransport t = tilted_transport(f, 0.0);
    EXPECT_NEAR(t.mobility_ratio, 1.0, 1e-12) << "f = " << f;
    EXPECT_NEAR(t.diffusion_ratio, 1.0, 1e-12) << "f = " << f;
    EXPECT_NEAR(t.barrier_share, 0.5, 1e-12) << "f = " << f;  // uniform density: <(1 - cos)/2> = 1/2
    if (f <= TiltedTransportTable::kMaxTilt) {
      const TiltedTransport q = TiltedTransportTable::instance().at(f, 0.0);
      EXPECT_NEAR(q.mobility_ratio, 1.0, 1e-9) << "table, f = " << f;
      EXPECT_NEAR(q.diffusion_ratio, 1.0, 1e-9) << "table, f = " << f;
    }
  }
}

// F -> 0: Lifson-Jackson, v / (mu_0 F) = D / D_0 = 1/I_0(E/2)^2 (mpmath), and the stationary
// density the Boltzmann density (share as above).
TEST(TiltedTransport, WeakTiltIsLifsonJackson) {
  const std::array<double, 3> ref[] = {{2, 0.62386036043206919, 0.27680501705173275},
                                       {8, 0.0078288034947653284, 0.068238694487724709},
                                       {20, 1.2613107836690879e-7, 0.025700087022577021},
                                       {40, 5.2705811489482711e-16, 0.012664746055096437}};
  for (const auto& [e, lj, share] : ref) {
    for (double f : {0.0, 1e-6}) {
      const TiltedTransport t = tilted_transport(f, e, 8192);
      EXPECT_NEAR(t.mobility_ratio / lj, 1.0, 1e-6) << "E = " << e << ", f = " << f;
      EXPECT_NEAR(t.diffusion_ratio / lj, 1.0, 1e-6) << "E = " << e << ", f = " << f;
      EXPECT_NEAR(t.barrier_share / share, 1.0, 1e-6) << "E = " << e << ", f = " << f;
      EXPECT_NEAR(t.barrier_share / cosine_barrier_share(e), 1.0, 1e-6) << "E = " << e;
      const TiltedTransport q = TiltedTransportTable::instance().at(f, e);
      EXPECT_NEAR(q.mobility_ratio / lj, 1.0, 1e-3) << "table, E = " << e;
      EXPECT_NEAR(q.diffusion_ratio / lj, 1.0, 1e-3) << "table, E = " << e;
      EXPECT_NEAR(q.barrier_share / share, 1.0, 1e-3) << "table, E = " << e;
    }
  }
}

// THEORY §5.3's threshold device at E_b = 20 kT: v/F = 1.3e-7 mu_0 at beta F l = 1, 4.7e-5 at 20,
// 0.37 at F_c = pi E_b / l, 0.78 at 100 (two digits), and more digits from mpmath.
TEST(TiltedTransport, ThresholdDeviceAtTwentyKT) {
  const double fc = kPi * 20;
  const std::array<double, 3> quoted[] = {{1, 1.3e-7, 1.311012827e-7}, {20, 4.7e-5, 4.701195424e-5}, {fc, 0.37, 0.3689532458},
                                          {100, 0.78, 0.7807428267}};
  for (const auto& [f, two_digits, precise] : quoted) {
    const double v = tilted_transport(f, 20, 8192).mobility_ratio;
    const double scale = std::pow(10.0, std::floor(std::log10(two_digits)) - 1);  // one unit in the 2nd digit
    EXPECT_NEAR(v, two_digits, 0.5 * scale) << "beta F l = " << f;
    EXPECT_NEAR(v / precise, 1.0, 1e-5) << "beta F l = " << f;
    EXPECT_NEAR(TiltedTransportTable::instance().at(f, 20).mobility_ratio / precise, 1.0, 1e-3) << "table, beta F l = " << f;
  }
  EXPECT_NEAR(tilted_transport(1, 20, 8192).diffusion_ratio / 1.418485338e-7, 1.0, 1e-4);
  EXPECT_NEAR(tilted_transport(20, 20, 8192).diffusion_ratio / 4.701003209e-4, 1.0, 1e-4);
  EXPECT_NEAR(tilted_transport(fc, 20, 8192).barrier_share / 0.4033634594, 1.0, 1e-4);
  EXPECT_NEAR(tilted_transport(fc, 20, 8192).diffusion_ratio / 4.111299353, 1.0, 1e-4);
  // Giant diffusion: D peaks near F_c, above D_0.
  double best = 0, at = 0;
  for (double f = 10; f < 300; f *= 1.01) {
    const double d = tilted_transport(f, 20).diffusion_ratio;
    if (d > best) best = d, at = f;
  }
  EXPECT_GT(best, 2.0);
  EXPECT_GT(at, 0.8 * fc);
  EXPECT_LT(at, 1.2 * fc);
  // Far beyond F_c the noise no longer matters: D -> D_0.
  EXPECT_NEAR(tilted_transport(5000, 20).diffusion_ratio, 1.0, 0.01);
}

// The deterministic slide (THEORY §5.4): v -> mu_0 sqrt(F^2 - F_c^2), F_c l = pi E_b; and the
// table's switch to it beyond kMaxTilt is continuous.
TEST(TiltedTransport, LargeTiltAsymptote) {
  for (double e : {10.0, 20.0, 60.0}) {
    const double fc = kPi * e;
    for (double f : {3000.0, 10000.0}) {
      const double slide = std::sqrt(1 - (fc / f) * (fc / f));
      EXPECT_NEAR(tilted_transport(f, e, 8192).mobility_ratio / slide, 1.0, 2e-3) << "E = " << e << ", f = " << f;
    }
    const double f = TiltedTransportTable::kMaxTilt;
    const double below = TiltedTransportTable::instance().at(f * (1 - 1e-9), e).mobility_ratio;
    const double above = TiltedTransportTable::instance().at(f * (1 + 1e-9), e).mobility_ratio;
    EXPECT_NEAR(above / below, 1.0, 3e-3) << "E = " << e;
  }
}

// The table against direct evaluation with 8192 points per period, at random (beta F l, beta E_b)
// in [0, 1000] x [0, 80] (uniform in ln(1 + f) and in E): 1e-3 relative (THEORY §5.3, issue 8).
TEST(TiltedTransport, TableAgreesWithDirectEvaluation) {
  std::mt19937_64 rng(20261126);
  std::uniform_real_distribution<double> s(0, std::log1p(TiltedTransportTable::kMaxTilt)), e(0, TiltedTransportTable::kMaxBarrier);
  const auto& table = TiltedTransportTable::instance();
  double worst[3] = {0, 0, 0};
  for (int k = 0; k < 400; ++k) {
    const double f = std::expm1(s(rng)), b = e(rng);
    const TiltedTransport d = tilted_transport(f, b, 8192), q = table.at(f, b);
    const double err[3] = {std::abs(q.mobility_ratio / d.mobility_ratio - 1), std::abs(q.diffusion_ratio / d.diffusion_ratio - 1),
                           std::abs(q.barrier_share / d.barrier_share - 1)};
    for (int i = 0; i < 3; ++i) {
      worst[i] = std::max(worst[i], err[i]);
      EXPECT_LT(err[i], 1e-3) << "f = " << f << ", E = " << b << ", quantity " << i;
    }
    // The Row interface gives the same numbers.
    EXPECT_EQ(table.row(b).at(f).mobility_ratio, q.mobility_ratio);
  }
  RecordProperty("worst_relative_error_v_D_share",
                 std::to_string(worst[0]) + " " + std::to_string(worst[1]) + " " + std::to_string(worst[2]));
}

// v is odd in F and D even: the table takes |f| (the callers apply the sign).
TEST(TiltedTransport, EvenInTheTilt) {
  const auto& table = TiltedTransportTable::instance();
  for (double f : {0.3, 7.0, 80.0}) {
    EXPECT_EQ(table.at(-f, 12).mobility_ratio, table.at(f, 12).mobility_ratio);
    EXPECT_EQ(table.at(-f, 12).diffusion_ratio, table.at(f, 12).diffusion_ratio);
    EXPECT_EQ(tilted_transport(-f, 12).diffusion_ratio, tilted_transport(f, 12).diffusion_ratio);
  }
}
