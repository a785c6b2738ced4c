#pragma once
// The universal lower bound on the heat of training (THEORY §5, from §3.2): turning the parameter
// density p_0 into p_T in time T dissipates at least kT (S_0 - S_T) + W2(p_0, p_T)^2 / (mu_0 T).
// For Gaussian densities per parameter: N kT ln(sigma_0/sigma_T) + N [(m_0-m_T)^2 + (sigma_0-sigma_T)^2]/(mu_0 T).
#include <vector>

namespace limen::learn {

struct GaussianMoments {
  double mean = 0, sd = 0;
};

struct Bound {
  double entropy_kT = 0;    // kT (S_0 - S_T): the time-independent floor (b bits gained: N b kT ln 2)
  double transport_kT = 0;  // W2^2 / (mu_0 T): falls as 1/T
  double total_kT() const { return entropy_kT + transport_kT; }
  double bits_gained = 0;   // sum over parameters of log2(sigma_0 / sigma_T)
};

// Adds one parameter's contribution (weight = how many parameters share these moments); mobility0
// in model units, time T > 0, kT = 1 (reduced units).
void add_gaussian_bound(Bound& b, const GaussianMoments& initial, const GaussianMoments& final_, double mobility0,
                        double time, double weight = 1);

// An unbiased estimate of ln(sigma) from the sample variance s2 of n >= 2 samples: E[ln s2] =
// ln sigma^2 + psi((n-1)/2) - ln((n-1)/2) for Gaussian samples (chi-square with n-1 dof).
double log_sd_unbiased(double s2, int n);

}  // namespace limen::learn
