#pragma once
// Shared pieces of the validation suite (THEORY §7): ensemble sizes per level and the record of
// every protocol run, from which transport-bound and first-law are judged.
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

// One protocol run: mean work and its SE, dF_neq, gamma W2^2 / tau, first-law residual, and
// the standard error of <W> - dF_neq = <Q> + kT dS (SE of the mean heat and of the two entropy
// estimates, sqrt(psi'(4) / N) each for Kozachenko-Leonenko).
struct ProtocolRun {
  std::string name;
  Moments work;
  double dF_neq = 0, bound = 0, residual = 0, excess_se = 0;
};

// Runs an ensemble of n particles from equilibrium of lambda(0-) for `steps` steps.
ProtocolRun run_protocol(const std::string& name, const Potential& pot, const Protocol& proto, const Dynamics& dyn,
                         size_t n, long steps, int threads, Ensemble* keep = nullptr);

CheckResult make(std::string id, double expected, double measured, double tolerance, std::string detail);

// The Langevin checks and the Fokker-Planck checks; each appends to `out` and to `runs`.
void langevin_checks(Level level, int threads, std::vector<CheckResult>& out, std::vector<ProtocolRun>& runs);
void diffusion_checks(Level level, int threads, std::vector<CheckResult>& out);
void fokker_planck_checks(Level level, int threads, std::vector<CheckResult>& out, std::vector<ProtocolRun>& runs);
void weak_noise_checks(Level level, int threads, std::vector<CheckResult>& out, double kT_scale = 1.0);  // issue 12

}  // namespace limen::physics::checks
