// The minimax log and sincos of the Euler-Maruyama kernel's Box-Muller (fastmath.hpp, issue 12)
// against libm over their whole input ranges, and the kernel's normals against Philox + libm.
#include <gtest/gtest.h>

#include <cmath>

#include "limen/physics/fastmath.hpp"
#include "limen/physics/noise.hpp"

using namespace limen::physics;

TEST(FastmathMinimax, LogAndSincosWithinTwoUlp) {
  double worst_log = 0, worst_trig = 0;
  for (uint64_t k = 0; k < 2000000; ++k) {
    // Spread over 32 bits by integer arithmetic (a double beyond 2^32 converted to uint32_t is UB).
    const uint32_t b = static_cast<uint32_t>((k * 2147ull + k * 0x9E3779B9ull) & 0xFFFFFFFFull);
    const double u = (static_cast<double>(b) + 0.5) * 0x1p-32;
    const double ln = std::log(u), got = fastmath::log_unit_minimax(u);
    worst_log = std::max(worst_log, std::fabs(got - ln) / std::max(std::fabs(ln), 1e-300));
    double c, s;
    fastmath::cos_sin_turns_minimax(u, c, s);
    const double a = 2.0 * 3.14159265358979323846 * u;
    worst_trig = std::max({worst_trig, std::fabs(c - std::cos(a)), std::fabs(s - std::sin(a))});
  }
  EXPECT_LT(worst_log, 4.5e-16);   // 2 ulp
  EXPECT_LT(worst_trig, 1e-15);    // libm's 2 pi u itself rounds at ~4e-16
}

TEST(FastmathMinimax, KernelNormalsMatchPhiloxBoxMuller) {
  std::vector<uint64_t> ids(200);
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = 1000 + 7 * i;
  std::vector<double> z(4 * ids.size());
  for (uint64_t block : {0ull, 5ull, 123456789ull}) {
    fill_normal_block_minimax(42, ids.data(), ids.size(), block, z.data());
    for (size_t i = 0; i < ids.size(); ++i)
      for (int k = 0; k < 4; ++k) {
        const double ref = thermal_normal(42, ids[i], 4 * block + k);
        EXPECT_NEAR(z[k * ids.size() + i], ref, 1e-14 * (1 + std::fabs(ref)));
      }
  }
}

// exp and log1p of the transport table's look-ups (tilted_transport.cpp) against libm: e^y over
// [-700, 700] and ln(1 + c) from subnormal-small c to 1e300, both within 2 ulp.
TEST(FastmathMinimax, ExpAndLog1pWithinTwoUlp) {
  double worst_exp = 0, worst_log1p = 0;
  for (uint64_t k = 0; k < 1000000; ++k) {
    const double v = (static_cast<double>(k) + 0.5) / 1e6;  // (0, 1)
    const double y = -700 + 1400 * v;
    const double e = std::exp(y);
    worst_exp = std::max(worst_exp, std::fabs(fastmath::exp_minimax(y) - e) / e);
    const double c = std::pow(10.0, -300 + 600 * v);
    const double l = std::log1p(c);
    worst_log1p = std::max(worst_log1p, std::fabs(fastmath::log1p_minimax(c) - l) / l);
  }
  for (double c : {0.0, 1e-17, 0.5, 1.0, 1000.0})
    EXPECT_NEAR(fastmath::log1p_minimax(c), std::log1p(c), 4.5e-16 * std::log1p(c)) << c;
  EXPECT_EQ(fastmath::exp_minimax(0.0), 1.0);
  EXPECT_LT(worst_exp, 4.5e-16);
  EXPECT_LT(worst_log1p, 4.5e-16);
}
