#pragma once
// Elementary costs of THEORY.md section 3, per bit or per event, in units of kT.
// Device time scales: tau_0 = 1/nu_0 (attempt time), tau_D = gamma l^2 / kT (diffusion time).
#include <algorithm>
#include <cmath>

#include "limen/units/constants.hpp"

namespace limen::bounds {

// §3.1 Landauer: erasing one bit quasi-statically costs at least kT ln 2.
inline double landauer_kT() { return kLn2; }

// §3.2 Finite-time erasure of a bit held in two wells a distance l apart, by the optimal-transport
// protocol in time tau: eps_L = kT [ ln 2 + tau_D / (2 tau) ]  (W2^2 = l^2 / 2).
inline double finite_time_erasure_kT(double tau_s, double tau_D_s) { return kLn2 + tau_D_s / (2.0 * tau_s); }

// §3.2 applied to one parameter update moved by n_u levels in time tau_up:
// gamma (n_u l)^2 / tau_up = kT n_u^2 tau_D / tau_up (the transport term alone; no entropy change).
inline double transport_kT(double levels, double tau_s, double tau_D_s) { return levels * levels * tau_D_s / tau_s; }

// §3.3 Retention barrier (Arrhenius/Kramers): leak rate nu_0 e^{-E_b/kT}; an error probability at
// most p over t_ret needs E_b >= kT ln(nu_0 t_ret / p). 1 GHz, 10 y, 1e-9 -> about 61 kT.
inline double retention_barrier_kT(double tau0_s, double retention_s, double error_prob) {
  return std::log(retention_s / (tau0_s * error_prob));
}

// §3.4 Static-barrier write of duration tau_w: the state is tilted over E_b and the energy gained on
// the way down is lost: eps_w = max(kT ln 2, E_b - kT ln(nu_0 tau_w)) per written bit.
inline double static_write_kT(double barrier_kT, double tau0_s, double tau_w_s) {
  return std::max(kLn2, barrier_kT - std::log(tau_w_s / tau0_s));
}

}  // namespace limen::bounds
