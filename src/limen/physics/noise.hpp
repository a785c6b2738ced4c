#pragma once
// The thermal noise of the ensembles (THEORY §6): one Philox block per (particle id, 4 steps),
// key = seed, so xi(id, step) is a pure function of (seed, id, step): bit-identical for any thread
// count, chunking, compaction of the ensemble, or MPI layout.
#include <cstddef>
#include <cstdint>

#include "limen/physics/philox.hpp"

namespace limen::physics {

inline constexpr uint32_t kStreamDynamics = 0;
inline constexpr uint32_t kStreamInitial = 1;
inline constexpr uint32_t kStreamThreePoint = 16;  // apart from the learn module's streams 2-9

// The noise that drives the ensembles ([run] noise). Gaussian: the exact Euler-Maruyama
// increment. Three-point: a weak (in distribution) substitute, xi = +-a with probability p/2 each
// and 0 otherwise, p ~ 1/3, a^2 = 1/p: mean 0, variance 1, third and fifth moments 0, fourth
// 1/p ~ 3 as the Gaussian's, so means of smooth functionals (mean work, heat, <x^2>) keep the
// weak order of Euler-Maruyama (Kloeden & Platen 1992, §14.2) while single trajectories are not
// Gaussian paths. Ten bits per value, three values per 32-bit word: twelve steps per Philox block.
enum class NoiseKind { gaussian, three_point };

// A 10-bit field b gives sign = b & 1 and nonzero iff (b >> 1) < 171, so p = 171 / 2^9 (1/3 +
// 6.5e-4: P(+a) = P(-a) = 0.16699) and a = sqrt(512 / 171) = 1.7304 (sqrt 3 - 0.1%); the variance
// is 1 to rounding, <xi^4> = 1/p = 2.994.
inline constexpr uint64_t kThreePointBits = 10;
inline constexpr uint64_t kThreePointSteps = 12;  // per Philox block: 3 fields in each of 4 words
inline constexpr uint64_t kThreePointThreshold = 171;
inline constexpr double kThreePointAmplitude = 0x1.baf8fe1a5149ap+0;  // sqrt(512 / 171)

// The three-point value of one 10-bit field (reference form; the kernels use integer compares).
inline double three_point_value(uint32_t field) {
  if ((field >> 1) >= kThreePointThreshold) return 0.0;
  return (field & 1) ? -kThreePointAmplitude : kThreePointAmplitude;
}

// The three-point value of particle `id` at step `step`: Philox block (step / 12, id, stream 16),
// field j = step % 12: bits 10 (j % 3) .. 10 (j % 3) + 9 of word j / 3.
inline double thermal_three_point(uint64_t seed, uint64_t id, uint64_t step) {
  const uint64_t block = step / kThreePointSteps, j = step % kThreePointSteps;
  const Block b = philox4x32({static_cast<uint32_t>(block), static_cast<uint32_t>(block >> 32),
                              static_cast<uint32_t>(id), static_cast<uint32_t>(id >> 32) ^ (kStreamThreePoint << 16)},
                             {static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)});
  return three_point_value((b[j / 3] >> (kThreePointBits * (j % 3))) & 0x3FFu);
}

// The standard normal of particle `id` at step `step` (reference path: one value at a time).
inline double thermal_normal(uint64_t seed, uint64_t id, uint64_t step) {
  return normals4(seed, id, step >> 2, kStreamDynamics)[step & 3];
}

// Fills z[k * n + i] = thermal_normal(seed, ids[i], 4 * block + k) for k = 0..3, i < n: the
// vectorised path (Box-Muller with polynomial log and sincos, see noise.cpp; agrees with
// thermal_normal to ~1e-15 relative).
void fill_normal_block(uint64_t seed, const uint64_t* ids, size_t n, uint64_t block, double* z);

// The normals of the Euler-Maruyama kernel (ensemble_kernel_body.hpp, portable build: the same
// Philox words, Box-Muller with the minimax polynomials), z[k * n + i] for step 4 block + k.
void fill_normal_block_minimax(uint64_t seed, const uint64_t* ids, size_t n, uint64_t block, double* z);

// Only the Gaussian numbers, as fast as the Euler-Maruyama kernel makes them: the roofline of its
// step (bench/bench_physics.cpp, bench/compare.py). Writes 4 n normals.
inline void fill_normals_roofline(uint64_t seed, const uint64_t* ids, size_t n, uint64_t block, double* z) {
  fill_normal_block_minimax(seed, ids, n, block, z);
}

}  // namespace limen::physics
