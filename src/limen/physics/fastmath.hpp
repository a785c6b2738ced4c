#pragma once
// Elementary functions as branch-free arithmetic that the compiler vectorises, and that give the
// same bits on every instruction set (IEEE +, -, *, / and integer operations only; the .cpp files
// that use them turn FMA contraction off with #pragma GCC optimize("fp-contract=off")). Used by
// the noise generator (Box-Muller) and the periodic potential.
#include <cstdint>
#include <cstring>

// Hot loops are compiled for AVX-512 and AVX2 as well as the baseline and picked at run time
// (GCC function multi-versioning); the arithmetic, hence every bit of the result, is the same.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(LIMEN_NO_CLONES)
#define LIMEN_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#else
#define LIMEN_CLONES
#endif

namespace limen::physics::fastmath {

[[gnu::always_inline]] inline double bits_to_double(uint64_t b) {
  double d;
  std::memcpy(&d, &b, 8);
  return d;
}
[[gnu::always_inline]] inline uint64_t double_to_bits(double d) {
  uint64_t b;
  std::memcpy(&b, &d, 8);
  return b;
}
// sqrt(y) for y > 0 (normal), to ~1 ulp, with multiplications only: the bit-trick estimate of
// 1/sqrt(y) (3.4% off) and four Newton steps r <- r (3/2 - y r^2 / 2), then y r. (std::sqrt would
// not vectorise: without -fno-math-errno the compiler keeps its errno branch.)
[[gnu::always_inline]] inline double sqrt_pos(double y) {
  double r = bits_to_double(0x5FE6EB50C7B537A9ull - (double_to_bits(y) >> 1));
  const double h = 0.5 * y;
  r = r * (1.5 - h * r * r);
  r = r * (1.5 - h * r * r);
  r = r * (1.5 - h * r * r);
  r = r * (1.5 - h * r * r);
  return y * r;
}
// An integer 0 <= k < 2^52 as a double, with bit operations only (vectorises everywhere).
[[gnu::always_inline]] inline double small_uint_to_double(uint64_t k) {
  return bits_to_double(k | 0x4330000000000000ull) - 4503599627370496.0;
}

// ln(u) for u in (0, 1] (normal numbers), error ~1 ulp: u = 2^e m, m in [sqrt(1/2), sqrt(2)),
// ln m = 2 atanh(s) with s = (m - 1)/(m + 1), |s| < 0.1716, series to s^19 (next term < 2e-17 relative).
[[gnu::always_inline]] inline double log_unit(double u) {
  // Integer arithmetic instead of selects (so that AVX2 and SSE2 vectorise it too): when the
  // mantissa exceeds that of sqrt(2), halve m (exponent field - 1) and add 1 to e.
  const uint64_t bits = double_to_bits(u), mant = bits & 0x000FFFFFFFFFFFFFull;
  // big = (mant >= mantissa of sqrt 2) as 0 or 1, by an add and a shift (no 64-bit compare).
  const uint64_t big = (mant + (0x0010000000000000ull - 0x6A09E667F3BCDull)) >> 52;
  const double e = small_uint_to_double((bits >> 52) + big) - 1023.0;
  const double m = bits_to_double((mant | 0x3FF0000000000000ull) - (big << 52));
  const double s = (m - 1.0) / (m + 1.0), s2 = s * s;
  double p = 1.0 / 19;
  p = p * s2 + 1.0 / 17;
  p = p * s2 + 1.0 / 15;
  p = p * s2 + 1.0 / 13;
  p = p * s2 + 1.0 / 11;
  p = p * s2 + 1.0 / 9;
  p = p * s2 + 1.0 / 7;
  p = p * s2 + 1.0 / 5;
  p = p * s2 + 1.0 / 3;
  p = p * s2 + 1.0;
  constexpr double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  return e * ln2_hi + (2.0 * s * p + e * ln2_lo);
}

// cos(2 pi v) and sin(2 pi v) for any |v| < 2^49: 4 v = k + 4 w with k an integer (rounded with
// the 1.5 * 2^52 trick, whose low bits also give k mod 4) and |w| <= 1/8; Taylor series of
// phi = 2 pi w (|phi| <= pi/4) to phi^15 for sin (truncation < 5e-17) and phi^16 for cos
// (< 3e-18), then a rotation by k quarter turns.
[[gnu::always_inline]] inline void cos_sin_turns(double v, double& c, double& s) {
  constexpr double magic = 6755399441055744.0;  // 1.5 * 2^52
  const double t = magic + 4.0 * v;
  const uint64_t k = double_to_bits(t) & 3;
  const double x = 1.5707963267948966192 * (4.0 * v - (t - magic)), x2 = x * x;
  double sp = -1.0 / 1307674368000.0;  // -1/15!
  sp = sp * x2 + 1.0 / 6227020800.0;
  sp = sp * x2 - 1.0 / 39916800.0;
  sp = sp * x2 + 1.0 / 362880.0;
  sp = sp * x2 - 1.0 / 5040.0;
  sp = sp * x2 + 1.0 / 120.0;
  sp = sp * x2 - 1.0 / 6.0;
  sp = sp * x2 + 1.0;
  const double sn = x * sp;
  double cp = 1.0 / 20922789888000.0;  // 1/16!
  cp = cp * x2 - 1.0 / 87178291200.0;
  cp = cp * x2 + 1.0 / 479001600.0;
  cp = cp * x2 - 1.0 / 3628800.0;
  cp = cp * x2 + 1.0 / 40320.0;
  cp = cp * x2 - 1.0 / 720.0;
  cp = cp * x2 + 1.0 / 24.0;
  cp = cp * x2 - 0.5;
  const double cn = cp * x2 + 1.0;
  // Rotation by k quarter turns with bit operations (no selects): swap for odd k, then signs.
  const uint64_t swap = 0 - (k & 1), snb = double_to_bits(sn), cnb = double_to_bits(cn);
  const uint64_t a = (snb & swap) | (cnb & ~swap), b = (cnb & swap) | (snb & ~swap);
  c = bits_to_double(a ^ (((k + 1) & 2) << 62));
  s = bits_to_double(b ^ ((k & 2) << 62));
}

// Shorter forms of the two above for the ensembles' Box-Muller (issue 12), with the minimax
// coefficients of fdlibm (Sun Microsystems 1993, e_log.c and k_sin.c / k_cos.c; polynomial error
// below 2^-58 on these ranges) instead of Taylor series: 7 terms for ln instead of 10, 6 + 6 for
// sin and cos instead of 8 + 8; errors of 1 to 2 ulp (tests/physics/test_fastmath_minimax.cpp).
// ln(u), u in (0, 1]: the reduction of log_unit, then ln m = 2 s + s R(s^2).
[[gnu::always_inline]] inline double log_unit_minimax(double u) {
  const uint64_t bits = double_to_bits(u), mant = bits & 0x000FFFFFFFFFFFFFull;
  const uint64_t big = (mant + (0x0010000000000000ull - 0x6A09E667F3BCDull)) >> 52;
  const double e = small_uint_to_double((bits >> 52) + big) - 1023.0;
  const double m = bits_to_double((mant | 0x3FF0000000000000ull) - (big << 52));
  const double s = (m - 1.0) / (m + 1.0), z = s * s;
  double r = 1.479819860511658591e-01;
  r = r * z + 1.531383769920937332e-01;
  r = r * z + 1.818357216161805012e-01;
  r = r * z + 2.222219843214978396e-01;
  r = r * z + 2.857142874366239149e-01;
  r = r * z + 3.999999999940941908e-01;
  r = r * z + 6.666666666666735130e-01;
  r = r * z;
  constexpr double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  return e * ln2_hi + ((2.0 * s + s * r) + e * ln2_lo);
}
// cos(2 pi v) and sin(2 pi v): the reduction and rotation of cos_sin_turns, fdlibm's kernels on
// |phi| <= pi/4.
[[gnu::always_inline]] inline void cos_sin_turns_minimax(double v, double& c, double& s) {
  constexpr double magic = 6755399441055744.0;  // 1.5 * 2^52
  const double t = magic + 4.0 * v;
  const uint64_t k = double_to_bits(t) & 3;
  const double x = 1.5707963267948966192 * (4.0 * v - (t - magic)), z = x * x;
  double sp = 1.58969099521155010221e-10;
  sp = sp * z - 2.50507602534068634195e-08;
  sp = sp * z + 2.75573137070700676789e-06;
  sp = sp * z - 1.98412698298579493134e-04;
  sp = sp * z + 8.33333333332248946124e-03;
  sp = sp * z - 1.66666666666666324348e-01;
  const double sn = x + (x * z) * sp;
  double cp = -1.13596475577881948265e-11;
  cp = cp * z + 2.08757232129817482790e-09;
  cp = cp * z - 2.75573143513906633035e-07;
  cp = cp * z + 2.48015872894767294178e-05;
  cp = cp * z - 1.38888888888741095749e-03;
  cp = cp * z + 4.16666666666666019037e-02;
  const double cn = (1.0 - 0.5 * z) + (z * z) * cp;
  const uint64_t swap = 0 - (k & 1), snb = double_to_bits(sn), cnb = double_to_bits(cn);
  const uint64_t a = (snb & swap) | (cnb & ~swap), b = (cnb & swap) | (snb & ~swap);
  c = bits_to_double(a ^ (((k + 1) & 2) << 62));
  s = bits_to_double(b ^ ((k & 2) << 62));
}

// e^y for |y| <= 700 (callers clamp), ~1 ulp: fdlibm's e_exp.c reduction y = k ln2 + r, |r| <= ln2/2,
// and its rational kernel e^r = 1 + 2r / (2 - c) with c = r - r^2 P(r^2) (Remez, error < 2^-59);
// 2^k by the exponent field. Branch-free, so the look-ups of the transport table vectorise.
[[gnu::always_inline]] inline double exp_minimax(double y) {
  constexpr double magic = 6755399441055744.0;  // 1.5 * 2^52: adding it rounds to an integer
  constexpr double inv_ln2 = 1.44269504088896338700e+00;
  constexpr double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  const double t = y * inv_ln2 + magic, k = t - magic;
  const uint64_t two_k = (double_to_bits(t) - double_to_bits(magic) + 1023) << 52;
  const double hi = y - k * ln2_hi, lo = k * ln2_lo, r = hi - lo, z = r * r;
  double p = 4.13813679705723846039e-08;
  p = p * z - 1.65339022054652515390e-06;
  p = p * z + 6.61375632143793436117e-05;
  p = p * z - 2.77777777770155933842e-03;
  p = p * z + 1.66666666666666019037e-01;
  const double c = r - z * p;
  return (1.0 - ((lo - (r * c) / (2.0 - c)) - hi)) * bits_to_double(two_k);
}
// ln(1 + c) for c >= 0 (c <= 1e300), ~1 ulp: ln of v = 1 + c by the reduction of log_unit_minimax,
// which holds for any normal v, corrected for the rounding of 1 + c (the classic log1p trick).
[[gnu::always_inline]] inline double log1p_minimax(double c) {
  const double v = 1.0 + c;
  return log_unit_minimax(v) - ((v - 1.0) - c) / v;
}

}  // namespace limen::physics::fastmath
