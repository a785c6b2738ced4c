#pragma once
// The fused Euler-Maruyama kernel of the ensembles (THEORY §6): a group of particles stays in
// registers across a window of steps; the noise of each step is made beside its use (Gaussian:
// Philox + Box-Muller, four steps per block; three-point: Philox bits, eight steps per block);
// force, move and the Sekimoto ledger run on the same registers. The arithmetic per particle is
// that of Integrator::advance_reference, so results depend on (seed, id, step) only: bit-identical
// for any thread count, chunking or MPI layout.
//
// Two builds of the same source (ensemble_kernel_body.hpp):
//   portable  no FMA contraction: the same bits on AVX-512, AVX2 and SSE2 machines, and the same
//             bits as the scalar reference path (ensemble_kernel_portable.cpp);
//   host      FMA contraction allowed, clones for x86-64-v4 / v3 / baseline: faster, bit-identical
//             for any thread or rank count on one machine, but the last bits differ between
//             instruction sets (ensemble_kernel_host.cpp).
#include <cstddef>
#include <cstdint>

#include "limen/physics/noise.hpp"
#include "limen/physics/potential.hpp"

namespace limen::physics::kernel {

// The protocol over a window of steps [s0, s0 + steps): theta[k * P + j] is parameter j of
// lambda(t_{s0 + k}+) for k = 0..steps; changes[k] is theta(k + 1) != theta(k).
struct Window {
  const double* theta = nullptr;
  const char* changes = nullptr;
  long s0 = 0, steps = 0;
  size_t P = 0;
};

struct Args {
  const Term* terms = nullptr;
  size_t nterms = 0;
  double mu = 1, dt = 0, amp = 0;  // mobility, time step, sqrt(2 mu kT dt)
  uint64_t seed = 0;
  bool energetics = true;
  NoiseKind noise = NoiseKind::gaussian;
  const uint64_t* id = nullptr;     // the particles [0, n) of this call
  double *x = nullptr, *u = nullptr, *work = nullptr, *heat = nullptr;
  size_t n = 0;
  Window window;
};

// Particles per group (the registers held across steps); the last group is padded, so that every
// particle runs through the same vector code.
inline constexpr size_t kLanes = 64;

void advance_portable(const Args& a);
void advance_host(const Args& a);

}  // namespace limen::physics::kernel
