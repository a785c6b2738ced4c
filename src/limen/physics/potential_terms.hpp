#pragma once
// The terms of the potentials (THEORY §6) as inline scalar functions of (parameters p, x): the one
// definition used by the scalar and array paths of potential.cpp and by the fused ensemble kernels
// (ensemble_kernel_body.hpp), so that every path computes the same expressions. The .cpp files
// that include this set their own floating-point contraction (see their first line).
#include <algorithm>
#include <cmath>

#include "limen/physics/fastmath.hpp"
#include "limen/units/constants.hpp"

namespace limen::physics::terms {
constexpr double kTwoPi = 2.0 * kPi;

// Parameter layouts (theta + offset):
//   harmonic    U = (k/2)(x - c)^2                                     [stiffness, center]
//   double-well U = E_b((x - c)/x0)^2 - 1)^2 - f x   (THEORY §6)       [barrier, half_width, tilt, center]
//   periodic    U = (E_b/2)(1 - cos(2 pi (x - o)/l)) + walls (§3.5, §6) [barrier, period, offset, wells, wall_stiffness]
//               with n = wells > 0: wells at o, o + l, ..., o + (n-1) l; harmonic walls of stiffness
//               k_w beyond o - l/2 and o + (n - 1/2) l. wells = 0: unbounded (Lifson-Jackson).
//   step        U = h (1 - tanh((x - c)/w)) / 2: lifts the region x < c by h (§3.4 write) [height, center, width]
[[gnu::always_inline]] inline double harmonic_u(const double* p, double x) { const double d = x - p[1]; return 0.5 * p[0] * d * d; }
[[gnu::always_inline]] inline double harmonic_f(const double* p, double x) { return -p[0] * (x - p[1]); }

// Divisions by a parameter are written as products with its reciprocal (hoisted out of loops).
[[gnu::always_inline]] inline double dw_u(const double* p, double x) {
  const double y = (x - p[3]) * (1.0 / p[1]), s = y * y - 1.0;
  return p[0] * s * s - p[2] * x;
}
[[gnu::always_inline]] inline double dw_f(const double* p, double x) {
  const double inv = 1.0 / p[1], y = (x - p[3]) * inv;
  return (-4.0 * p[0] * inv) * (y * (y * y - 1.0)) + p[2];
}
[[gnu::always_inline]] inline double dw_c(const double* p, double x) {
  const double inv = 1.0 / p[1], y = (x - p[3]) * inv;
  return p[0] * (12.0 * y * y - 4.0) * (inv * inv);
}

[[gnu::always_inline]] inline double wall_lo(const double* p) { return p[2] - 0.5 * p[1]; }
[[gnu::always_inline]] inline double wall_hi(const double* p) { return p[2] + (p[3] - 0.5) * p[1]; }
// cos and sin of 2 pi (x - o)/l by fastmath::cos_sin_turns (vectorises; same bits in both paths).
[[gnu::always_inline]] inline double periodic_cos(const double* p, double x) {
  double c, s;
  fastmath::cos_sin_turns((x - p[2]) * (1.0 / p[1]), c, s);
  return c;
}
[[gnu::always_inline]] inline double periodic_sin(const double* p, double x) {
  double c, s;
  fastmath::cos_sin_turns((x - p[2]) * (1.0 / p[1]), c, s);
  return s;
}
[[gnu::always_inline]] inline double periodic_u(const double* p, double x) {
  double u = 0.5 * p[0] * (1.0 - periodic_cos(p, x));
  if (p[3] > 0) {
    const double a = std::max(0.0, wall_lo(p) - x), b = std::max(0.0, x - wall_hi(p));
    u += 0.5 * p[4] * (a * a + b * b);
  }
  return u;
}
[[gnu::always_inline]] inline double periodic_f(const double* p, double x) {
  double f = -0.5 * p[0] * (kTwoPi / p[1]) * periodic_sin(p, x);
  if (p[3] > 0) f += p[4] * (std::max(0.0, wall_lo(p) - x) - std::max(0.0, x - wall_hi(p)));
  return f;
}
[[gnu::always_inline]] inline double periodic_c(const double* p, double x) {
  const double q = kTwoPi / p[1];
  double c = 0.5 * p[0] * q * q * periodic_cos(p, x);
  if (p[3] > 0 && (x < wall_lo(p) || x > wall_hi(p))) c += p[4];
  return c;
}

[[gnu::always_inline]] inline double step_u(const double* p, double x) { return 0.5 * p[0] * (1.0 - std::tanh((x - p[1]) * (1.0 / p[2]))); }
[[gnu::always_inline]] inline double step_f(const double* p, double x) {
  const double t = std::tanh((x - p[1]) * (1.0 / p[2]));
  return 0.5 * p[0] * (1.0 - t * t) * (1.0 / p[2]);
}
[[gnu::always_inline]] inline double step_c(const double* p, double x) {
  const double t = std::tanh((x - p[1]) * (1.0 / p[2]));
  return p[0] * t * (1.0 - t * t) * (1.0 / (p[2] * p[2]));
}

}  // namespace limen::physics::terms
