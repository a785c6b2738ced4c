#include "limen/learn/split_estimate.hpp"

#include <algorithm>

namespace limen::learn {

SplitEstimate split_estimate(const SplitSample& s, long long n, double x_total) {
  SplitEstimate e;
  if (s.m == 0 || n == 0) return e;
  const double m = static_cast<double>(s.m), N = static_cast<double>(n);
  if (s.m >= n) {  // every step sampled: the sum itself
    e.drive_kT = s.sy;
    return e;
  }
  const double ybar = s.sy / m, xbar = s.sx / m;
  const double cxx = s.sxx - m * xbar * xbar, cxy = s.sxy - m * xbar * ybar, cyy = std::max(0.0, s.syy - m * ybar * ybar);
  const double fpc = 1 - m / N;
  if (s.m >= 4 && cxx > 1e-12 * s.sxx) {
    const double b = cxy / cxx;
    e.regression = true;
    e.drive_kT = N * (ybar - b * xbar) + b * x_total;
    const double residual = std::max(0.0, cyy - b * cxy);  // sum of (y - ybar - b (x - xbar))^2
    e.se_kT = N * std::sqrt(residual / (m - 2) * fpc / m);
  } else {
    e.drive_kT = N * ybar;
    if (s.m > 1) e.se_kT = N * std::sqrt(cyy / (m - 1) * fpc / m);
  }
  return e;
}

}  // namespace limen::learn
