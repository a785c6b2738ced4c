// No FMA contraction: the AVX-512, AVX2 and baseline clones of the fused kernel, and the scalar
// reference path (ensemble.cpp), give the same bits ([run] reproducible = "portable").
#pragma GCC optimize("fp-contract=off")
#include "limen/physics/ensemble_kernel_body.hpp"

namespace limen::physics::kernel {
LIMEN_CLONES void advance_portable(const Args& a) { run_any(a); }
}  // namespace limen::physics::kernel

namespace limen::physics {
// Groups of kernel::kLanes ids (the last one padded), amp = 1: the kernel's own normals.
LIMEN_CLONES void fill_normal_block_minimax(uint64_t seed, const uint64_t* ids, size_t n, uint64_t block, double* z) {
  using kernel::kLanes;
  for (size_t g = 0; g < n; g += kLanes) {
    const size_t m = std::min(kLanes, n - g);
    alignas(64) uint64_t lane_ids[kLanes];
    alignas(64) double zz[kThreePointSteps][kLanes];
    for (size_t i = 0; i < kLanes; ++i) lane_ids[i] = ids[g + (i < m ? i : 0)];
    kernel::gaussian_block(seed, lane_ids, block, 1.0, zz);
    for (int k = 0; k < 4; ++k)
      for (size_t i = 0; i < m; ++i) z[k * n + g + i] = zz[k][i];
  }
}
}  // namespace limen::physics
