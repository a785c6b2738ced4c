#include "limen/physics/mobility.hpp"

#include <algorithm>
#include <cmath>

namespace limen::physics {

double log_bessel_i0(double x) {
  if (x < 0) x = -x;
  if (x < 30.0) {
    // Power series I_0(x) = sum_k (x^2/4)^k / (k!)^2; all terms positive, no cancellation.
    const double q = 0.25 * x * x;
    double term = 1.0, sum = 1.0;
    for (int k = 1; k < 200; ++k) {
      term *= q / (static_cast<double>(k) * k);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return std::log(sum);
  }
  // Asymptotic expansion (Abramowitz & Stegun 9.7.1): I_0(x) ~ e^x / sqrt(2 pi x) *
  // (1 + 1/(8x) + 9/(2!(8x)^2) + 225/(3!(8x)^3) + ...); at x >= 30 the series converges to 1e-16.
  double term = 1.0, sum = 1.0;
  const double z = 8.0 * x;
  for (int k = 1; k < 30; ++k) {
    const double a = 2.0 * k - 1.0;
    const double next = term * a * a / (k * z);
    if (next > term) break;  // asymptotic series: stop at its smallest term
    term = next;
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return x - 0.5 * std::log(2.0 * 3.14159265358979323846 * x) + std::log(sum);
}

double mobility_ratio(double barrier_kT) {
  if (!(barrier_kT > 0)) return 1.0;
  return std::exp(-2.0 * log_bessel_i0(0.5 * barrier_kT));
}

double log_mobility_ratio(double barrier_kT) {
  return barrier_kT > 0 ? -2.0 * log_bessel_i0(0.5 * barrier_kT) : 0.0;
}

double bessel_i1_over_i0(double x) {
  if (x < 0) return -bessel_i1_over_i0(-x);
  if (x < 50.0) {
    // I_0 = sum_k q^k/(k!)^2, I_1 = (x/2) sum_k q^k/(k!(k+1)!), q = x^2/4: positive terms only.
    const double q = 0.25 * x * x;
    double t0 = 1.0, s0 = 1.0, t1 = 1.0, s1 = 1.0;
    for (int k = 1; k < 400; ++k) {
      t0 *= q / (static_cast<double>(k) * k);
      t1 *= q / (static_cast<double>(k) * (k + 1));
      s0 += t0;
      s1 += t1;
      if (t0 < 1e-17 * s0 && t1 < 1e-17 * s1) break;
    }
    return 0.5 * x * s1 / s0;
  }
  // A&S 9.7.1: I_nu(x) ~ e^x/sqrt(2 pi x) sum_k (-1)^k a_k(nu) / x^k with a_k = prod (4nu^2 - (2j-1)^2) / (k! 8^k).
  double t0 = 1, s0 = 1, t1 = 1, s1 = 1;
  for (int k = 1; k < 12; ++k) {
    const double a = 2.0 * k - 1.0;
    t0 *= a * a / (k * 8.0 * x);
    t1 *= -(4.0 - a * a) / (k * 8.0 * x);
    s0 += t0;
    s1 += t1;
  }
  return s1 / s0;
}

double cosine_log_partition(double barrier_kT) { return -0.5 * barrier_kT + log_bessel_i0(0.5 * barrier_kT); }

double cosine_barrier_share(double barrier_kT) { return 0.5 * (1.0 - bessel_i1_over_i0(0.5 * barrier_kT)); }

double barrier_for_mobility_ratio(double ratio) {
  if (!(ratio < 1.0)) return 0.0;
  if (!(ratio > 0.0)) return INFINITY;
  // ln(ratio) = -2 ln I_0(E/2) falls strictly with E, with slope -I_1/I_0(E/2): Newton's method
  // from the high-barrier asymptote (ratio ~ pi E e^{-E}), kept inside a bisection bracket; exact
  // to 1e-12 kT in a few steps (the matched schedule inverts it every training step).
  const double target = std::log(ratio);
  double lo = 0.0, hi = 1.0;
  while (-2.0 * log_bessel_i0(0.5 * hi) > target) hi *= 2.0;
  double e = std::clamp(-target + std::log(3.14159265358979323846 * std::max(-target, 1.0)), lo, hi);
  for (int i = 0; i < 100; ++i) {
    const double g = -2.0 * log_bessel_i0(0.5 * e) - target;
    if (g > 0) lo = e;
    else hi = e;
    const double slope = -bessel_i1_over_i0(0.5 * e);
    double next = slope < 0 ? e - g / slope : 0.5 * (lo + hi);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (std::abs(next - e) <= 1e-13 * (1.0 + e) || hi - lo <= 1e-12 * (1.0 + hi)) return next;
    e = next;
  }
  return e;
}

}  // namespace limen::physics
