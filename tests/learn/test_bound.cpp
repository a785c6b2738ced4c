// The THEORY §5 bound for Gaussian densities, and the unbiased ln(sigma) estimate.
#include <gtest/gtest.h>

#include <cmath>

#include "limen/learn/bound.hpp"
#include "limen/physics/philox.hpp"

using namespace limen::learn;

TEST(Bound, GaussianFormula) {
  Bound b;
  add_gaussian_bound(b, {3.0, 4.0}, {1.0, 0.5}, 2.0, 5.0, 10);
  EXPECT_NEAR(b.entropy_kT, 10 * std::log(8.0), 1e-12);
  EXPECT_NEAR(b.bits_gained, 30, 1e-12);
  EXPECT_NEAR(b.transport_kT, 10 * (4.0 + 12.25) / 10.0, 1e-12);
}

TEST(Bound, LogSdUnbiasedOverManySamples) {
  // Mean of the estimate over many sets of 4 Gaussian samples with sigma = 2 is ln 2.
  double sum = 0;
  const int sets = 20000;
  for (int k = 0; k < sets; ++k) {
    const auto z = limen::physics::normals4(5, static_cast<uint64_t>(k), 0, 0);
    const double m = (z[0] + z[1] + z[2] + z[3]) / 4;
    double s2 = 0;
    for (double x : z) s2 += 4 * (x - m) * (x - m) / 3;
    sum += log_sd_unbiased(s2, 4);
  }
  EXPECT_NEAR(sum / sets, std::log(2.0), 0.01);
}
