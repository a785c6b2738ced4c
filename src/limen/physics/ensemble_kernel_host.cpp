// FMA contraction allowed ([run] reproducible = "host"): the fused kernel compiled for this
// machine's best instruction set (clones for x86-64-v4, v3 (AVX2 + FMA) and the baseline, picked at
// run time). One machine always runs the same clone, so results are bit-identical for any thread or
// rank count there; across instruction sets the last bits differ.
#pragma GCC optimize("fp-contract=fast")
#include "limen/physics/ensemble_kernel_body.hpp"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(LIMEN_NO_CLONES)
#define LIMEN_HOST_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define LIMEN_HOST_CLONES
#endif

namespace limen::physics::kernel {
LIMEN_HOST_CLONES void advance_host(const Args& a) { run_any(a); }
}  // namespace limen::physics::kernel
