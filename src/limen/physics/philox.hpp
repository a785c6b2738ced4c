#pragma once
// Counter-based random numbers: Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy
// as 1, 2, 3", SC'11). A block of four 32-bit words is a pure function of (key, counter), so the
// noise a particle sees at a step does not depend on which thread or MPI rank computes it:
// key = seed, counter = (step, particle). Results are bit-identical for any layout (THEORY §6).
#include <array>
#include <cmath>
#include <cstdint>

namespace limen::physics {

using Block = std::array<uint32_t, 4>;

inline Block philox4x32(Block ctr, std::array<uint32_t, 2> key) {
  constexpr uint32_t M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
  for (int round = 0; round < 10; ++round) {
    const uint64_t p0 = uint64_t{M0} * ctr[0];
    const uint64_t p1 = uint64_t{M1} * ctr[2];
    ctr = {static_cast<uint32_t>(p1 >> 32) ^ ctr[1] ^ key[0], static_cast<uint32_t>(p1),
           static_cast<uint32_t>(p0 >> 32) ^ ctr[3] ^ key[1], static_cast<uint32_t>(p0)};
    key[0] += W0;
    key[1] += W1;
  }
  return ctr;
}

// Uniform in the open interval (0, 1): never 0, so log() is safe.
inline double uniform_open(uint32_t x) { return (static_cast<double>(x) + 0.5) * 0x1p-32; }

// Four independent standard normals for (seed, particle, step), by Box-Muller on one block.
// `stream` separates independent uses at the same (particle, step), e.g. initial sampling (1)
// versus dynamics (0), or minibatch choice versus thermal noise in training.
inline std::array<double, 4> normals4(uint64_t seed, uint64_t particle, uint64_t step, uint32_t stream = 0) {
  const Block b = philox4x32({static_cast<uint32_t>(step), static_cast<uint32_t>(step >> 32),
                              static_cast<uint32_t>(particle), static_cast<uint32_t>(particle >> 32) ^ (stream << 16)},
                             {static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)});
  constexpr double two_pi = 6.283185307179586476925;
  const double r0 = std::sqrt(-2.0 * std::log(uniform_open(b[0])));
  const double r1 = std::sqrt(-2.0 * std::log(uniform_open(b[2])));
  const double a0 = two_pi * uniform_open(b[1]);
  const double a1 = two_pi * uniform_open(b[3]);
  return {r0 * std::cos(a0), r0 * std::sin(a0), r1 * std::cos(a1), r1 * std::sin(a1)};
}

// Four uniforms in (0, 1) for (seed, particle, step, stream).
inline std::array<double, 4> uniforms4(uint64_t seed, uint64_t particle, uint64_t step, uint32_t stream = 0) {
  const Block b = philox4x32({static_cast<uint32_t>(step), static_cast<uint32_t>(step >> 32),
                              static_cast<uint32_t>(particle), static_cast<uint32_t>(particle >> 32) ^ (stream << 16)},
                             {static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)});
  return {uniform_open(b[0]), uniform_open(b[1]), uniform_open(b[2]), uniform_open(b[3])};
}

}  // namespace limen::physics
