#pragma once
// Philox4x32-10 (philox.hpp; Salmon et al. 2011) with every 32-bit word held in a 64-bit lane, as
// straight-line integer code that the compiler vectorises across particles (a loop over ids calls
// philox_lane). The same bits as philox4x32 of counter (block, id, id >> 32 ^ stream << 16) and
// key seed. Shared by the noise blocks (noise.cpp) and the fused ensemble kernel.
#include <cstdint>

namespace limen::physics {

struct PhiloxLaneKey {
  uint64_t k0, k1, c0, c1;  // key words and the counter's block words
  uint64_t m0, m1;          // the round multipliers, hidden from the optimiser (see philox_lane_key)
};

[[gnu::always_inline]] inline PhiloxLaneKey philox_lane_key(uint64_t seed, uint64_t block) {
  constexpr uint64_t M = 0xFFFFFFFFu;
  PhiloxLaneKey k{seed & M, (seed >> 32) & M, block & M, (block >> 32) & M, 0xD2511F53u, 0xCD9E8D57u};
  // With a known constant GCC replaces the multiplication by a long shift-and-add chain on AVX2;
  // as unknown 32-bit values it is one pmuludq.
#if defined(__GNUC__)
  __asm__("" : "+r"(k.m0), "+r"(k.m1));
#endif
  return k;
}

// The four output words of particle `id` in `stream`.
[[gnu::always_inline]] inline void philox_lane(const PhiloxLaneKey& k, uint64_t id, uint32_t stream, uint64_t& x0,
                                               uint64_t& x1, uint64_t& x2, uint64_t& x3) {
  constexpr uint64_t W0 = 0x9E3779B9u, W1 = 0xBB67AE85u, M = 0xFFFFFFFFu;
  x0 = k.c0, x1 = k.c1, x2 = id & M, x3 = ((id >> 32) ^ (uint64_t{stream} << 16)) & M;
  uint64_t ka = k.k0, kb = k.k1;
#pragma GCC unroll 10
  for (int r = 0; r < 10; ++r) {
    const uint64_t p0 = (k.m0 & M) * (x0 & M), p1 = (k.m1 & M) * (x2 & M);  // 32 x 32 -> 64 bits (pmuludq)
    // The masks on y0 and y2 are redundant but keep the 32 x 32 -> 64 multiply pattern.
    const uint64_t y0 = ((p1 >> 32) ^ x1 ^ ka) & M, y1 = p1 & M, y2 = ((p0 >> 32) ^ x3 ^ kb) & M, y3 = p0 & M;
    x0 = y0, x1 = y1, x2 = y2, x3 = y3;
    ka = (ka + W0) & M;
    kb = (kb + W1) & M;
  }
}

}  // namespace limen::physics
