#pragma once
// The 1D Fokker-Planck solver (THEORY §6): finite volumes with Scharfetter-Gummel fluxes
//   J_{i+1/2} = (D/h) [ B(dU/kT) p_i - B(-dU/kT) p_{i+1} ],  B(z) = z / (e^z - 1),
// (zero flux exactly at p ~ e^{-U/kT}), reflecting ends, TR-BDF2 time steps (second order and
// L-stable: Bank et al., IEEE Trans. Electron Devices 32, 1992 (1985)), the operator taken at each
// stage's time. Mean work W = int sum_i P_i dU_i/dt dt by the trapezoid rule over the stages, and
// sum_i P_i [U_i(lambda+) - U_i(lambda-)] at a jump; steps are split at the protocol's knots, so
// kinks and jumps never fall inside a step and the work is second order in dt.
//
// The grid follows the density (issue 9, THEORY §7 fp-domain): when more than `edge_mass` of
// probability sits in the outermost cells it grows on that side (and drops the empty cells on
// the other), keeping the cell width; past `max_cells` it refuses with a RunError naming the grid.
// With follow = false it refuses as soon as the density reaches an edge. Never a silent wrong work.
#include <string>
#include <vector>

#include "limen/physics/mutation.hpp"
#include "limen/physics/potential.hpp"
#include "limen/physics/protocol.hpp"
#include "limen/physics/transport.hpp"

namespace limen::physics {

class FokkerPlanck {
 public:
  struct Options {
    bool follow = true;        // grow/move the grid with the density (false: refuse at an edge)
    double edge_mass = 1e-12;  // probability in the outer edge cells that counts as reaching the edge
    size_t max_cells = 0;      // the most cells the grid may grow to (0: 16 x the starting cells)
    Mutation mutation;         // the validation suite's mutation tests only
  };
  FokkerPlanck(Potential pot, Protocol proto, double kT, double mobility, double lo, double hi, size_t cells);
  FokkerPlanck(Potential pot, Protocol proto, double kT, double mobility, double lo, double hi, size_t cells,
               Options options);
  // Equilibrium of lambda(0-) on the grid (the discrete one, exactly stationary), then the jump to
  // lambda(0+) with its work.
  void start_equilibrium();
  void set_probabilities(std::vector<double> P);  // probability per cell (sums to 1)
  // `steps` TR-BDF2 steps of dt (each split at the protocol knots inside it). Throws RunError when
  // the density reaches an edge it may not follow.
  void advance(long steps, double dt);

  double time() const { return t_; }
  double work() const { return work_; }                 // mean work so far (energy units)
  double mean_energy() const;                           // <U(x, lambda(t+))>
  Density density() const;                              // the current density
  const std::vector<double>& probabilities() const { return P_; }
  double x(size_t i) const { return lo_ + (static_cast<double>(i) + 0.5) * h_; }
  size_t cells() const { return P_.size(); }
  double lo() const { return lo_; }
  double hi() const { return lo_ + h_ * static_cast<double>(P_.size()); }
  double cell_width() const { return h_; }
  long grid_moves() const { return moves_; }            // how often the grid followed the density
  std::string grid_name() const;                        // "[lo, hi] (N cells of h)"

 private:
  struct Operator {  // the SG coefficients at one theta: flux a_i P_i - b_i P_{i+1} (per unit time)
    std::vector<double> theta, U, a, b;
  };
  struct Factor {  // Thomas factors of (I - coef L)
    std::vector<double> theta;
    double coef = -1;
    std::vector<double> lower, cp, m;
  };
  const Operator& op(const std::vector<double>& theta, int slot);
  const Factor& factor(const Operator& o, double coef, int slot);
  void energies(const double* theta, std::vector<double>& U) const;
  void substep(double ta, double tb);
  void follow_edges();
  void solve(const Factor& f, std::vector<double>& rhs) const;  // in place

  Potential pot_;
  Protocol proto_;
  double kT_, mu_, lo_, h_;
  Options opt_;
  std::vector<double> P_, knots_;
  size_t cells0_;
  double t_ = 0, work_ = 0;
  long moves_ = 0;
  Operator ops_[3];
  Factor factors_[2];
  std::vector<double> Pn_, Ps_;
  mutable std::vector<double> xs_;  // cell centres (cache for the array path of the potential)
};

}  // namespace limen::physics
