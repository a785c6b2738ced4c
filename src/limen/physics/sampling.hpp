#pragma once
// Equilibrium of a potential (THEORY §6, issue 3): particles start in the Boltzmann density of
// lambda(0-). Exact Gaussian sampling for one harmonic term, inverse CDF of the Boltzmann density
// on a fine grid otherwise. Also the time-step rule: dt * mu * max curvature <= 0.5.
#include <cstdint>
#include <vector>

#include "limen/physics/potential.hpp"
#include "limen/physics/protocol.hpp"

namespace limen::physics {

// The Boltzmann density exp(-U/kT)/Z on `cells` cell centres of the potential's box.
struct GridDensity {
  double lo = 0, h = 0;        // first cell starts at lo, width h
  std::vector<double> p;       // density (integrates to 1 with weight h)
  double x(size_t i) const { return lo + (static_cast<double>(i) + 0.5) * h; }
};
GridDensity boltzmann_density(const Potential& pot, const double* theta, double kT, size_t cells = 8192);

// x[i] for particles ids[i], from the random stream kStreamInitial of (seed, id).
std::vector<double> sample_equilibrium(const Potential& pot, const double* theta, double kT, uint64_t seed,
                                       const std::vector<uint64_t>& ids);

// max |U''| over the region within 20 kT of the minimum (in the box of lambda(0-), widened by half
// its width on each side), at lambda(t-) and lambda(t+) of every protocol knot.
double curvature_bound(const Potential& pot, const Protocol& proto, double kT);

}  // namespace limen::physics
