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

// The standard normal of particle `id` at step `step` (reference path: one value at a time).
inline double thermal_normal(uint64_t seed, uint64_t id, uint64_t step) {
  return normals4(seed, id, step >> 2, kStreamDynamics)[step & 3];
}

// Fills z[k * n + i] = thermal_normal(seed, ids[i], 4 * block + k) for k = 0..3, i < n: the
// vectorised path (Box-Muller with polynomial log and sincos, see noise.cpp; agrees with
// thermal_normal to ~1e-15 relative).
void fill_normal_block(uint64_t seed, const uint64_t* ids, size_t n, uint64_t block, double* z);

// Only the Gaussian numbers, as fast as the engine makes them: the roofline of the step
// (bench/bench_physics.cpp). Writes 4 n normals.
inline void fill_normals_roofline(uint64_t seed, const uint64_t* ids, size_t n, uint64_t block, double* z) {
  fill_normal_block(seed, ids, n, block, z);
}

}  // namespace limen::physics
