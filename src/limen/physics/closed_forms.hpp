#pragma once
// Closed forms the engine is checked against (THEORY §3, §7). Reduced units: energies in kT
// units of the potential, gamma = 1 / mobility.
#include "limen/physics/potential.hpp"
#include "limen/physics/protocol.hpp"

namespace limen::physics {

// drag-linear: a trap of stiffness k moved 0 -> L at constant speed in t_f (THEORY §7):
//   W = (gamma L^2 / t_f) [1 - (gamma / (k t_f)) (1 - e^{-k t_f / gamma})].
double drag_linear_work(double k, double gamma, double L, double tf);
// drag-optimal: Schmiedl & Seifert, PRL 98, 108301 (2007): W* = gamma L^2 / (t_f + 2 gamma / k),
// and its protocol: centre L (1 + k t / gamma) / (2 + k t_f / gamma), jumps at t = 0 and t = t_f.
double drag_optimal_work(double k, double gamma, double L, double tf);
Schedule drag_optimal_schedule(double k, double gamma, double L, double tf);
// jarzynski: stiffness k_i -> k_f, <e^{-W/kT}> = e^{-dF/kT} = sqrt(k_i / k_f).
double jarzynski_harmonic(double k_i, double k_f);

// mfpt-exact: mean first passage time from a to b > a with a reflecting wall at lo < a
// (THEORY §7): tau = (gamma/kT) int_a^b dy e^{U(y)/kT} int_lo^y dz e^{-U(z)/kT}; Simpson on
// `points` nodes.
double mean_first_passage_time(const Potential& pot, const double* theta, double kT, double gamma, double lo,
                               double a, double b, int points = 20001);
// Lifson-Jackson for any potential of period l (THEORY §3.5): D_eff / D_0 =
// 1 / (<e^{U/kT}> <e^{-U/kT}>), averages over one period [x0, x0 + l) (midpoint rule, `points`).
double lifson_jackson_ratio(const Potential& pot, const double* theta, double kT, double x0, double period,
                            int points = 4096);
// kramers: r = sqrt(U''(a) |U''(b)|) / (2 pi gamma) e^{-E_b/kT} (THEORY §7).
double kramers_rate(double curv_well, double curv_top, double barrier, double kT, double gamma);

// Landauer in finite time, optimal transport (THEORY §3.2), per bit in kT: ln 2 + tau_D / (2 tau).
double landauer_finite_time_kT(double tau_over_tauD);
// Static-barrier write (THEORY §3.4), per bit in kT: max(ln 2, E_b/kT - ln(nu_0 tau_w)).
double static_write_kT(double barrier_kT, double nu0_tau_w);

}  // namespace limen::physics
