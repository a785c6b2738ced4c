#pragma once
// Barrier-controlled mobility (THEORY §3.5, Lifson & Jackson, J. Chem. Phys. 36, 2410 (1962)).
// In U = (E_b/2)(1 - cos(2 pi x / l)) the long-time diffusion is exactly
//   D_eff / D_0 = 1 / I_0(E_b / 2kT)^2,
// so mu_eff = mu_0 / I_0(E_b/2kT)^2. This is the knob learning-in-memory turns.
namespace limen::physics {

// ln I_0(x) for x >= 0, accurate to ~1e-15 relative and free of overflow for any x.
double log_bessel_i0(double x);

// D_eff / D_0 = mu_eff / mu_0 at barrier E_b (in kT, >= 0). 1 at E_b = 0; ~ pi E_b e^{-E_b} high.
double mobility_ratio(double barrier_kT);
// ln(D_eff / D_0), finite for any barrier (mobility_ratio underflows to 0 beyond ~700 kT).
double log_mobility_ratio(double barrier_kT);

// I_1(x) / I_0(x) for x >= 0 (series below 50, asymptotic expansion above; ~1e-12 relative).
double bessel_i1_over_i0(double x);
// The cosine well U = (E/2)(1 - cos 2 pi x) over one period, in equilibrium (THEORY §5.3, F -> 0):
// ln <e^{-U/kT}> = -E/2 + ln I_0(E/2) (minus the free energy per kT), and the barrier share
// <(1 - cos 2 pi x)/2> = (1 - I_1(E/2)/I_0(E/2)) / 2 = -d ln<e^{-U}>/dE, so that <U> = E * share.
double cosine_log_partition(double barrier_kT);
double cosine_barrier_share(double barrier_kT);

// The inverse: the barrier (kT) at which mu_eff / mu_0 = ratio, for ratio in (0, 1].
double barrier_for_mobility_ratio(double ratio);

}  // namespace limen::physics
