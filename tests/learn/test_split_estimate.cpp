// The regression estimator of the sampled heat split (split_estimate.hpp) against totals worked
// out by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "limen/learn/split_estimate.hpp"

using namespace limen::learn;

// y = 2 x + 1 exactly: the regression recovers the population total 2 X + N from any sample,
// with zero residual (SE 0); the plain expansion N ybar would not.
TEST(SplitEstimate, ExactLinearRelationGivesTheTotal) {
  const long long n = 100;
  double x_total = 0;
  SplitSample s;
  for (long long i = 0; i < n; ++i) {
    const double x = std::sin(0.37 * static_cast<double>(i)) + 0.01 * static_cast<double>(i);
    x_total += x;
    if (i % 10 == 3) s.add(2 * x + 1, x);
  }
  const SplitEstimate e = split_estimate(s, n, x_total);
  EXPECT_TRUE(e.regression);
  EXPECT_NEAR(e.drive_kT, 2 * x_total + n, 1e-9);
  EXPECT_NEAR(e.se_kT, 0.0, 1e-6);
  EXPECT_GT(std::abs(n * s.sy / static_cast<double>(s.m) - (2 * x_total + n)), 0.1);  // the plain one misses
}

// Every step sampled: the sum itself, SE 0. Too few samples for a slope: the plain expansion
// N ybar with its SE sqrt(s^2 (1 - m/N) / m) N.
TEST(SplitEstimate, ExactAndPlainCases) {
  SplitSample all;
  for (int i = 0; i < 5; ++i) all.add(i, 1.0);
  const SplitEstimate e = split_estimate(all, 5, 5.0);
  EXPECT_EQ(e.drive_kT, 10.0);
  EXPECT_EQ(e.se_kT, 0.0);
  SplitSample few;
  few.add(1.0, 0.5);
  few.add(3.0, 0.5);
  const SplitEstimate p = split_estimate(few, 10, 7.0);
  EXPECT_FALSE(p.regression);
  EXPECT_DOUBLE_EQ(p.drive_kT, 20.0);                         // 10 * mean 2
  EXPECT_DOUBLE_EQ(p.se_kT, 10 * std::sqrt(2.0 * 0.8 / 2));  // s^2 = 2, fpc 0.8, m 2
}

// The SE by hand on a small sample: residuals of y on x with m - 2 degrees of freedom.
TEST(SplitEstimate, StandardErrorByHand) {
  const double xs[] = {0, 1, 2, 3, 4}, ys[] = {1, 2, 2, 4, 6};
  SplitSample s;
  for (int i = 0; i < 5; ++i) s.add(ys[i], xs[i]);
  // b = Sxy / Sxx = 12 / 10 = 1.2, a = ybar - b xbar = 3 - 2.4 = 0.6; residuals 0.4, 0.2, -1, -0.2, 0.6
  // (sum of squares 1.6); N = 20, X = 60: Y = 20 * 0.6 + 1.2 * 60 = 84, SE = 20 sqrt(1.6/3 * 0.75 / 5).
  const SplitEstimate e = split_estimate(s, 20, 60.0);
  EXPECT_TRUE(e.regression);
  EXPECT_NEAR(e.drive_kT, 84.0, 1e-12);
  EXPECT_NEAR(e.se_kT, 20 * std::sqrt(1.6 / 3 * 0.75 / 5), 1e-12);
}
