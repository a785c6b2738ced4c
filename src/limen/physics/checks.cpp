// physics::run_checks: the validation suite of THEORY §7 (all but lim-quadratic).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "limen/physics/checks_common.hpp"
#include "limen/physics/transport.hpp"

namespace limen::physics {
namespace checks {

// Ensemble sizes. Quick: every statistical tolerance is >= 3 standard errors (the SE of each
// check is printed in its detail); full: 2-5x larger ensembles (and smaller Lifson-Jackson steps).
Sizes sizes(Level level) {
  if (level == Level::quick) return {20000, 50000, 50000, 10000, 40000, 50000, 2000};
  return {100000, 100000, 200000, 50000, 40000, 100000, 4000};
}

CheckResult make(std::string id, double expected, double measured, double tolerance, std::string detail) {
  const bool pass = std::isfinite(measured) && std::fabs(measured - expected) <= tolerance;
  return {std::move(id), expected, measured, tolerance, pass, std::move(detail)};
}

ProtocolRun run_protocol(const std::string& name, const Potential& pot, const Protocol& proto, const Dynamics& dyn,
                         size_t n, long steps, int threads, Ensemble* keep) {
  const Integrator integ(pot, proto, dyn);
  Ensemble e = integ.start(n);
  integ.advance(e, steps, threads);
  ProtocolRun r;
  r.name = name;
  r.work = moments(e.work);
  const double tau = static_cast<double>(steps) * dyn.dt;
  r.dF_neq = moments(e.u).mean - moments(e.u0).mean - dyn.kT * (entropy_samples(e.x) - entropy_samples(e.x0));
  r.bound = w2_squared(e.x0, e.x) / (dyn.mobility * tau);
  constexpr double trigamma4 = 0.28382295573711532;  // psi'(4) = pi^2/6 - 1 - 1/4 - 1/9
  const double se_q = moments(e.heat).stderr_;
  r.excess_se = std::sqrt(se_q * se_q + 2.0 * dyn.kT * dyn.kT * trigamma4 / static_cast<double>(n));
  for (size_t i = 0; i < n; ++i) {
    const double du = e.u[i] - e.u0[i];
    const double scale = std::max({1.0, std::fabs(e.work[i]), std::fabs(e.heat[i]), std::fabs(du)});
    r.residual = std::max(r.residual, std::fabs(e.work[i] - e.heat[i] - du) / scale);
  }
  if (keep) *keep = std::move(e);
  return r;
}

}  // namespace checks

std::vector<CheckResult> run_checks(Level level, int threads) {
  std::vector<CheckResult> out;
  std::vector<checks::ProtocolRun> runs;
  checks::langevin_checks(level, threads, out, runs);
  checks::diffusion_checks(level, threads, out);
  checks::fokker_planck_checks(level, threads, out, runs);
  checks::weak_noise_checks(level, threads, out);  // issue 12: checks_weak_noise.cpp
  // transport-bound (THEORY §3.2): <W> - dF_neq >= gamma W2^2 / tau for every protocol, within
  // 3 SE of <W> - dF_neq (Fokker-Planck runs: no sampling error, 1e-9 relative).
  for (const auto& r : runs) {
    const double excess = r.work.mean - r.dF_neq;
    const double tol = std::max(3.0 * r.excess_se, 1e-9 * std::fabs(r.bound));
    out.push_back({"transport-bound", r.bound, excess, tol, excess >= r.bound - tol,
                   fmt::format("{}: <W> - dF_neq = {:.5g} kT >= gamma W2^2/tau = {:.5g} kT (SE {:.2g})", r.name,
                               excess, r.bound, r.excess_se)});
  }
  // first-law (THEORY §6): W - Q - dU per trajectory, relative to the trajectory's energy scale.
  double worst = 0;
  int ensembles = 0;
  for (const auto& r : runs)
    if (r.excess_se > 0) worst = std::max(worst, r.residual), ++ensembles;  // Langevin runs only
  out.push_back(checks::make("first-law", 0.0, worst, 1e-9,
                             fmt::format("max over {} Langevin protocol runs and every trajectory of |W - Q - dU| / "
                                         "max(1, |W|, |Q|, |dU|)",
                                         ensembles)));
  return out;
}

Json checks_json(const std::vector<CheckResult>& checks) {
  Json list = Json::array();
  int passed = 0;
  for (const auto& c : checks) {
    list.push_back(Json{{"id", c.id},
                        {"expected", c.expected},
                        {"measured", c.measured},
                        {"tolerance", c.tolerance},
                        {"pass", c.pass},
                        {"detail", c.detail}});
    passed += c.pass;
  }
  return Json{{"checks", list}, {"passed", passed}, {"failed", static_cast<int>(checks.size()) - passed}};
}

}  // namespace limen::physics
