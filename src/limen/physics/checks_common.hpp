#pragma once
// Shared pieces of the validation suite (THEORY §7): ensemble sizes per level, the unit sets every
// Langevin check runs in, the row makers, and the record of every protocol run, from which
// transport-bound and first-law are judged.
#include <string>
#include <vector>

#include "limen/physics/api.hpp"
#include "limen/physics/ensemble.hpp"
#include "limen/physics/transport.hpp"

namespace limen::physics::checks {

struct Sizes {
  size_t eq, drag, jarzynski, mfpt, lj, fp_vs;  // particles
  long eq_steps;
};
Sizes sizes(Level level);

// The units a check runs in (THEORY §7: gamma != 1 and kT != 1 as well as reduced units). A check
// scales its protocol so that the dimensionless problem is the same in both: energies by kT,
// times by gamma (harmonic traps) or by gamma / kT (barriers).
struct Units {
  double gamma = 1, kT = 1;
  std::string label() const;  // "reduced" or "gamma=2.5,kT=0.5"
};
inline const Units kUnitSets[] = {{1.0, 1.0}, {2.5, 0.5}};

// What every check gets: its level, threads, the mutation under test, and where rows and
// protocol runs go.
struct Context {
  Level level;
  int threads;
  Mutation mutation;
  std::string only_units;  // "": every unit set; else the label of the one to run
  std::vector<CheckResult>* out;
  Dynamics dynamics(const Units& u, double dt, uint64_t seed) const;  // with the mutation
  std::vector<Units> units() const;                                   // the unit sets to run
};

// One protocol run: mean work and its SE (kT units), dF_neq, gamma W2^2 / tau, the first-law
// residual with dU recomputed from the positions, and the standard error of <W> - dF_neq =
// <Q> + kT dS (SE of the mean heat and of the two entropy estimates, sqrt(psi'(4) / N) each for
// Kozachenko-Leonenko).
struct ProtocolRun {
  std::string name;
  Moments work;
  double dF_neq = 0, bound = 0, residual = 0, excess_se = 0;
  bool langevin = true;
};

// Runs an ensemble of n particles from equilibrium of lambda(0-) for `steps` steps; every
// energy of the result is in kT.
ProtocolRun run_protocol(const std::string& name, const Potential& pot, const Protocol& proto, const Dynamics& dyn,
                         size_t n, long steps, int threads, Ensemble* keep = nullptr);

CheckResult equal(std::string id, double expected, double measured, double tolerance, std::string detail);
CheckResult at_least(std::string id, double bound, double measured, double slack, std::string detail);
CheckResult absolute(std::string id, double measured, double tolerance, std::string detail);

// The groups of checks; each appends its rows to ctx.out and its protocol runs to `runs`.
void equilibrium_checks(const Context& ctx);
void drag_checks(const Context& ctx, std::vector<ProtocolRun>& runs, bool linear);  // or optimal
void jarzynski_checks(const Context& ctx, std::vector<ProtocolRun>& runs);
void escape_checks(const Context& ctx);
void diffusion_checks(const Context& ctx);
void landauer_checks(const Context& ctx, std::vector<ProtocolRun>& runs);
void static_write_checks(const Context& ctx);
void fp_vs_langevin_checks(const Context& ctx, std::vector<ProtocolRun>& runs);
void fp_domain_checks(const Context& ctx);
void weak_noise_checks(Level level, int threads, std::vector<CheckResult>& out, double kT_scale = 1.0);  // checks_weak_noise.cpp

}  // namespace limen::physics::checks
