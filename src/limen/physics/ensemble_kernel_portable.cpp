// No FMA contraction: the AVX-512, AVX2 and baseline clones of the fused kernel, and the scalar
// reference path (ensemble.cpp), give the same bits ([run] reproducible = "portable").
#pragma GCC optimize("fp-contract=off")
#include "limen/physics/ensemble_kernel_body.hpp"

namespace limen::physics::kernel {
LIMEN_CLONES void advance_portable(const Args& a) { run_any(a); }
}  // namespace limen::physics::kernel
