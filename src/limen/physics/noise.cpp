// No FMA contraction (GCC contracts by default in C++ modes): the AVX-512, AVX2 and baseline
// versions of the hot loops, and the scalar reference path, must give the same bits.
#pragma GCC optimize("fp-contract=off")
#include "limen/physics/noise.hpp"

#include "limen/physics/fastmath.hpp"
#include "limen/physics/philox_lanes.hpp"

// The hot loop of every ensemble: Philox4x32-10 and Box-Muller written as branch-free loops of
// 64-bit lanes so that the compiler vectorises them (LIMEN_CLONES: AVX-512, AVX2 and baseline
// versions, picked at run time, bit-identical).
namespace limen::physics {
using namespace fastmath;

LIMEN_CLONES
void fill_normal_block(uint64_t seed, const uint64_t* ids, size_t n, uint64_t block, double* z) {
  // Philox4x32-10 exactly as philox.hpp (Salmon et al. 2011), counter (block, id, stream 0), key = seed.
  const PhiloxLaneKey key = philox_lane_key(seed, block);
  for (size_t i = 0; i < n; ++i) {
    uint64_t x0, x1, x2, x3;
    philox_lane(key, ids[i], kStreamDynamics, x0, x1, x2, x3);
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
