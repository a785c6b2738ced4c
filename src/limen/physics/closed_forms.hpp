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
// jarzynski, mean part (THEORY §7): stiffness k_i before t = 0, a jump to k_0 at t = 0, then
// linear to k_f at t_f. <W> = (k_0 - k_i) v(0) / 2 + int (dk/dt) v / 2 dt, the variance from
// dv/dt = -2 mu k(t) v + 2 mu kT, v(0) = kT / k_i (RK4 on `steps` steps).
double stiffness_ramp_mean_work(double k_i, double k_0, double k_f, double tf, double kT, double gamma,
                                long steps = 20000);
// equilibrium-em: the exact stationary <x^2> of Euler-Maruyama in a harmonic trap (the AR(1)
// x' = (1 - mu k dt) x + sqrt(2 mu kT dt) xi): kT / (k (1 - mu k dt / 2)).
double euler_maruyama_variance(double k, double kT, double gamma, double dt);

// mfpt-exact: mean first passage time from a to b > a with a reflecting wall at lo < a
// (THEORY §7): tau = (gamma/kT) int_a^b dy e^{U(y)/kT} int_lo^y dz e^{-U(z)/kT}; Simpson on
// `points` nodes.
double mean_first_passage_time(const Potential& pot, const double* theta, double kT, double gamma, double lo,
                               double a, double b, int points = 20001);
// Lifson-Jackson for any potential of period l (THEORY §3.5): D_eff / D_0 =
// 1 / (<e^{U/kT}> <e^{-U/kT}>), averages over one period [x0, x0 + l) (midpoint rule, `points`).
double lifson_jackson_ratio(const Potential& pot, const double* theta, double kT, double x0, double period,
                            int points = 4096);
// escape-rate (THEORY §7): the smallest non-zero relaxation rate of the Smoluchowski operator on
// [lo, hi] (reflecting), discretised independently of the Fokker-Planck solver: the
// square-root approximation on `nodes` nodes (rates (D/h^2) e^{-+dU/2kT} between neighbours,
// symmetrised to a tridiagonal matrix with off-diagonal -D/h^2), its second eigenvalue by Sturm
// bisection. For a symmetric double well the escape rate over the barrier is half of it.
double smallest_relaxation_rate(const Potential& pot, const double* theta, double kT, double gamma, double lo,
                                double hi, int nodes = 8001);
// Relative entropy of a bit (kT units): a density locally in equilibrium in each of two wells, with
// population p in the one whose equilibrium population is pi, against the equilibrium:
// p ln(p / pi) + (1 - p) ln((1 - p) / (1 - pi)). Its dF_neq over the equilibrium; ln 2 for a
// complete erasure of a symmetric bit (THEORY §3.1).
double bit_relative_entropy(double p, double pi);
// kramers: r = sqrt(U''(a) |U''(b)|) / (2 pi gamma) e^{-E_b/kT} (THEORY §7).
double kramers_rate(double curv_well, double curv_top, double barrier, double kT, double gamma);

// Landauer in finite time, optimal transport (THEORY §3.2), per bit in kT: ln 2 + tau_D / (2 tau).
double landauer_finite_time_kT(double tau_over_tauD);
// Static-barrier write (THEORY §3.4), per bit in kT: max(ln 2, E_b/kT - ln(nu_0 tau_w)).
double static_write_kT(double barrier_kT, double nu0_tau_w);

}  // namespace limen::physics
