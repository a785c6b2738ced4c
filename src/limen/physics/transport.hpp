#pragma once
// Optimal transport and non-equilibrium free energy in one dimension (THEORY §3.2, §6):
//   W2^2(p, q) = int_0^1 (Q_p(u) - Q_q(u))^2 du  (Q the quantile functions),
//   F_neq[p] = <U>_p - kT S[p],  S = -int p ln p  (nats).
#include <cstddef>
#include <vector>

namespace limen::physics {

// A density on a uniform grid of cells [lo + i h, lo + (i+1) h), p the density (sum p h = 1).
struct Density {
  double lo = 0, h = 0;
  std::vector<double> p;
  double x(size_t i) const { return lo + (static_cast<double>(i) + 0.5) * h; }
};

// W2^2 between two empirical distributions (any sizes; equal sizes: mean squared difference of
// the sorted samples, exact for the empirical measures).
double w2_squared(std::vector<double> a, std::vector<double> b);
// W2^2 between two grid densities (quantiles on 20000 levels, linear within cells).
double w2_squared(const Density& a, const Density& b);

// Differential entropy (nats) of a grid density, and an estimate from samples
// (Kozachenko-Leonenko, k = 4 nearest neighbours).
double entropy(const Density& d);
double entropy_samples(const std::vector<double>& x);
// The same two estimates from samples already sorted ascending (no copy, no sort): a caller that
// needs both sorts each sample once (issue 12).
double w2_squared_sorted(const std::vector<double>& a, const std::vector<double>& b);
double entropy_sorted(const std::vector<double>& s);

struct Moments {
  double mean = 0, stderr_ = 0;
};
Moments moments(const std::vector<double>& v);  // mean and standard error of the mean

}  // namespace limen::physics
