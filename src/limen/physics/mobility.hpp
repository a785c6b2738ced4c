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

// The inverse: the barrier (kT) at which mu_eff / mu_0 = ratio, for ratio in (0, 1].
double barrier_for_mobility_ratio(double ratio);

}  // namespace limen::physics
