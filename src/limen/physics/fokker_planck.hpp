#pragma once
// The 1D Fokker-Planck solver (THEORY §6): finite volumes with Scharfetter-Gummel fluxes
//   J_{i+1/2} = (D/h) [ B(dU/kT) p_i - B(-dU/kT) p_{i+1} ],  B(z) = z / (e^z - 1),
// (positive, zero flux exactly at p ~ e^{-U/kT}), reflecting ends, implicit (backward Euler)
// steps. Mean work as in the ensembles: the control changes at fixed density,
// W += sum_i P_i [U_i(lambda_{n+1}) - U_i(lambda_n)]. The noise-free reference for the Langevin runs.
#include <vector>

#include "limen/physics/potential.hpp"
#include "limen/physics/protocol.hpp"
#include "limen/physics/transport.hpp"

namespace limen::physics {

class FokkerPlanck {
 public:
  FokkerPlanck(Potential pot, Protocol proto, double kT, double mobility, double lo, double hi, size_t cells);
  // Equilibrium of lambda(0-) on the grid (the discrete one, exactly stationary), then the jump to
  // lambda(0+) with its work.
  void start_equilibrium();
  void set_probabilities(std::vector<double> P);  // probability per cell (sums to 1)
  void advance(long steps, double dt);

  double time() const { return t_; }
  double work() const { return work_; }                 // mean work so far (kT units)
  double mean_energy() const;                           // <U(x, lambda(t+))>
  Density density() const;                              // the current density
  const std::vector<double>& probabilities() const { return P_; }
  double x(size_t i) const { return lo_ + (static_cast<double>(i) + 0.5) * h_; }
  size_t cells() const { return P_.size(); }

 private:
  void energies(double t, bool after, std::vector<double>& U) const;
  Potential pot_;
  Protocol proto_;
  double kT_, mu_, lo_, h_;
  std::vector<double> P_;
  double t_ = 0, work_ = 0;
};

}  // namespace limen::physics
