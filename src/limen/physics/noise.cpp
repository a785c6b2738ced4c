// No FMA contraction (GCC contracts by default in C++ modes): the AVX-512, AVX2 and baseline
// versions of the hot loops, and the scalar reference path, must give the same bits.
#pragma GCC optimize("fp-contract=off")
#include "limen/physics/noise.hpp"

#include "limen/physics/fastmath.hpp"

// The hot loop of every ensemble: Philox4x32-10 and Box-Muller written as branch-free loops of
// 64-bit lanes so that the compiler vectorises them (LIMEN_CLONES: AVX-512, AVX2 and baseline
// versions, picked at run time, bit-identical).
namespace limen::physics {
using namespace fastmath;

LIMEN_CLONES
void fill_normal_block(uint64_t seed, const uint64_t* ids, size_t n, uint64_t block, double* z) {
  // Philox4x32-10 exactly as philox.hpp (Salmon et al. 2011), counter (block, id, stream 0),
  // key = seed; every 32-bit word held in a 64-bit lane.
  constexpr uint64_t M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u, L = 0xFFFFFFFFu;
  const uint64_t k0 = seed & L, k1 = (seed >> 32) & L, c0 = block & L, c1 = (block >> 32) & L;
  // Hide the multipliers' values from the optimiser: with a known constant GCC replaces the
  // multiplication by a long shift-and-add chain on AVX2; as unknown 32-bit values it is one pmuludq.
  uint64_t m0 = M0, m1 = M1;
#if defined(__GNUC__)
  __asm__("" : "+r"(m0), "+r"(m1));
#endif
  for (size_t i = 0; i < n; ++i) {
    uint64_t x0 = c0, x1 = c1, x2 = ids[i] & L, x3 = ((ids[i] >> 32) ^ (uint64_t{kStreamDynamics} << 16)) & L;
    uint64_t ka = k0, kb = k1;
#pragma GCC unroll 10
    for (int r = 0; r < 10; ++r) {
      const uint64_t p0 = (m0 & L) * (x0 & L), p1 = (m1 & L) * (x2 & L);  // 32 x 32 -> 64 bits (pmuludq)
      const uint64_t y0 = ((p1 >> 32) ^ x1 ^ ka) & L, y1 = p1 & L, y2 = ((p0 >> 32) ^ x3 ^ kb) & L, y3 = p0 & L;
      x0 = y0, x1 = y1, x2 = y2, x3 = y3;
      ka = (ka + W0) & L;
      kb = (kb + W1) & L;
    }
    // Box-Muller on (0,1) uniforms (b + 1/2) 2^-32, as normals4.
    constexpr double scale = 0x1p-32;
    const double u0 = (small_uint_to_double(x0) + 0.5) * scale, u1 = (small_uint_to_double(x1) + 0.5) * scale;
    const double u2 = (small_uint_to_double(x2) + 0.5) * scale, u3 = (small_uint_to_double(x3) + 0.5) * scale;
    const double r0 = sqrt_pos(-2.0 * log_unit(u0)), r1 = sqrt_pos(-2.0 * log_unit(u2));
    double ca, sa, cb, sb;
    cos_sin_turns(u1, ca, sa);
    cos_sin_turns(u3, cb, sb);
    z[i] = r0 * ca;
    z[n + i] = r0 * sa;
    z[2 * n + i] = r1 * cb;
    z[3 * n + i] = r1 * sb;
  }
}

}  // namespace limen::physics
