#pragma once
// The overdamped Langevin step (THEORY §6), shared by the ensembles of the physics engine
// (physics/ensemble) and the physical-memory optimizer of the training simulator
// (learn/memory_optimizer): ONE source of thermal noise, ONE Euler-Maruyama move, ONE Sekimoto
// ledger. The array kernels are vectorised (AVX-512, AVX2 and baseline clones) and give the same
// bits as the scalar forms below on every instruction set (no FMA contraction, see langevin.cpp).
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "limen/physics/noise.hpp"

namespace limen::physics {

// sqrt(2 mu kT dt): the amplitude of the thermal kick of one step (THEORY §6).
inline double thermal_amplitude(double mobility, double kT, double dt) { return std::sqrt(2.0 * mobility * kT * dt); }

// The thermal normals xi(id, step) = thermal_normal(seed, id, step) of a set of particle ids, made
// four steps at a time (fill_normal_block) into the caller's buffer of 4 n doubles. A pure function
// of (seed, id, step): bit-identical for any thread count, chunking or order of the ids.
class ThermalNoise {
 public:
  ThermalNoise(uint64_t seed, const uint64_t* ids, size_t n, double* buffer) : seed_(seed), ids_(ids), n_(n), z_(buffer) {}
  // xi(ids[i], step) for i < n; valid until a call for a step in another block of four steps.
  const double* at(uint64_t step) {
    if ((step >> 2) != block_) {
      block_ = step >> 2;
      fill_normal_block(seed_, ids_, n_, block_, z_);
    }
    return z_ + (step & 3) * n_;
  }

 private:
  uint64_t seed_;
  const uint64_t* ids_;
  size_t n_;
  double* z_;
  uint64_t block_ = UINT64_MAX;
};

// The scalar forms (the plain reference; the array kernels below run the same expressions).
// Euler-Maruyama (THEORY §6): x' = x + mu F dt + amp eta, amp = sqrt(2 mu kT dt).
inline double euler_maruyama(double x, double f, double eta, double mu, double dt, double amp) {
  return x + mu * f * dt + amp * eta;
}
// The form of the ensembles' Euler-Maruyama steps (ensemble_kernel.hpp and advance_reference):
// x' = x + (mu dt) F + kick with kick = amp eta computed first (for the three-point noise the
// kicks +-amp a and 0 are then exact products made once).
inline double euler_maruyama_kick(double x, double f, double kick, double mu_dt) { return x + mu_dt * f + kick; }
// Sekimoto (THEORY §6), u the energy of the current state under the current control:
// heat at fixed control, Q -= U(x', lambda) - U(x, lambda), then u = U(x', lambda);
inline void sekimoto_heat(double& q, double& u, double u_moved) {
  q -= u_moved - u;
  u = u_moved;
}
// work at fixed state, W += U(x, lambda') - U(x, lambda), then u = U(x, lambda').
inline void sekimoto_work(double& w, double& u, double u_new) {
  w += u_new - u;
  u = u_new;
}

// x[i] = euler_maruyama(x[i], f[i], eta[i], mu, dt, amp) for i < n.
void euler_maruyama_move(double* x, const double* f, const double* eta, size_t n, double mu, double dt, double amp);
// Leimkuhler-Matthews noise (THEORY §6): eta[i] = (zprev[i] + z[i]) / 2, then zprev[i] = z[i].
void leimkuhler_matthews_noise(double* eta, double* zprev, const double* z, size_t n);
// sekimoto_heat(q[i], u[i], u_moved[i]) for i < n: the step's relaxation at fixed control.
void sekimoto_heat(double* q, double* u, const double* u_moved, size_t n);
// sekimoto_work(w[i], u[i], u_new[i]) for i < n: a control change at fixed state.
void sekimoto_work(double* w, double* u, const double* u_new, size_t n);
// Both, in one pass: sekimoto_heat(q[i], u[i], u_moved[i]), then sekimoto_work(w[i], u[i], u_new[i]).
void sekimoto_step(double* q, double* w, double* u, const double* u_moved, const double* u_new, size_t n);
// Per coordinate, the Stratonovich heat -dU/dx_i o dx_i of a move x -> x' in the potential
// U = kappa V, with g and g' the gradient of V before and after the move (trapezoid rule; exact
// for quadratic V): q[i] -= kappa (g[i] + g'[i]) / 2 (x'[i] - x[i]).
void stratonovich_heat(double* q, const double* g, const double* g_next, const double* x, const double* x_next, size_t n,
                       double kappa);

}  // namespace limen::physics
