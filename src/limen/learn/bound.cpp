#include "limen/learn/bound.hpp"

#include <cmath>

#include "limen/units/constants.hpp"

namespace limen::learn {
namespace {
// Digamma at half-integers and integers x = k/2 (k >= 1): psi(1) = -gamma, psi(1/2) = -gamma - 2 ln 2,
// psi(x + 1) = psi(x) + 1/x.
double digamma_half(int k) {
  constexpr double euler_gamma = 0.57721566490153286061;
  double x = (k % 2 == 0) ? 1.0 : 0.5;
  double psi = (k % 2 == 0) ? -euler_gamma : -euler_gamma - 2 * kLn2;
  while (x < 0.5 * k - 1e-12) {
    psi += 1 / x;
    x += 1;
  }
  return psi;
}
}  // namespace

// THEORY §5 (Gaussian form of kT (S_0 - S_T) + W2^2 / (mu_0 T)); W2 between 1D Gaussians (§3.2).
void add_gaussian_bound(Bound& b, const GaussianMoments& i, const GaussianMoments& f, double mobility0, double time,
                        double weight) {
  const double log_ratio = std::log(i.sd / f.sd);
  b.entropy_kT += weight * log_ratio;
  b.bits_gained += weight * log_ratio / kLn2;
  const double w2sq = (i.mean - f.mean) * (i.mean - f.mean) + (i.sd - f.sd) * (i.sd - f.sd);
  b.transport_kT += weight * w2sq / (mobility0 * time);
}

double log_sd_unbiased(double s2, int n) {
  const int k = n - 1;
  return 0.5 * (std::log(s2) - (digamma_half(k) - std::log(0.5 * k)));
}

}  // namespace limen::learn
