// Barrier crossing checks of THEORY §7: mfpt-exact (Langevin ensembles against the exact double
// integral) and escape-rate (the Fokker-Planck solver's decay rate against the smallest relaxation
// rate of an independent discretisation; Kramers printed beside it). Both in reduced units and at
// gamma = 2.5, kT = 0.5: barriers in kT, times in gamma l^2 / kT.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "limen/physics/checks_common.hpp"
#include "limen/physics/closed_forms.hpp"
#include "limen/physics/fokker_planck.hpp"

namespace limen::physics::checks {
namespace {

Potential double_well(double barrier) {
  Potential p;
  p.add(TermKind::double_well, "well", {barrier, 1.0, 0.0, 0.0});
  return p;
}

// mfpt-exact: double well E_b = 5 kT, x0 = 1; all particles start at a = -1, first passage to
// b = +1, detected every 10 steps (delay <= 0.01 against tau ~ 30, in gamma/kT). SE = tau / sqrt(N)
// (the passage time is nearly exponential): 1% at N = 1e4.
CheckResult mfpt(const Context& ctx, const Units& u) {
  const Sizes sz = sizes(ctx.level);
  const Potential pot = double_well(5.0 * u.kT);
  const double scale = u.gamma / u.kT;
  Dynamics d = ctx.dynamics(u, 1e-3 * scale, 14);
  d.energetics = false;
  const Integrator integ(pot, Protocol(pot), d);
  Ensemble e = integ.start(sz.mfpt);
  std::fill(e.x.begin(), e.x.end(), -1.0);
  std::vector<double> times;
  const double exact = mean_first_passage_time(pot, pot.theta0().data(), u.kT, u.gamma, -3.0, -1.0, 1.0);
  const long window = 10, max_steps = static_cast<long>(40.0 * exact / d.dt);
  while (e.size() > 0 && e.step < max_steps) {
    integ.advance(e, window, std::min(ctx.threads, static_cast<int>(e.size() / 2048) + 1));
    std::vector<char> keep(e.size());
    bool any = false;
    for (size_t i = 0; i < e.size(); ++i) {
      keep[i] = e.x[i] < 1.0;
      if (!keep[i]) times.push_back(static_cast<double>(e.step) * d.dt), any = true;
    }
    if (any) e.compact(keep);
  }
  const Moments m = moments(times);
  return equal("mfpt-exact@E_b=5," + u.label(), exact, m.mean, 0.05 * exact,
               fmt::format("-1 -> +1, N = {} ({} censored), EM dt = 1e-3 gamma/kT; SE {:.2g}", sz.mfpt, e.size(),
                           m.stderr_));
}

// Populations left and right of x = 0.
double left_minus_right(const FokkerPlanck& fp) {
  double d = 0;
  for (size_t i = 0; i < fp.cells(); ++i) d += (fp.x(i) < 0 ? 1.0 : -1.0) * fp.probabilities()[i];
  return d;
}

// escape-rate: E_b = 8 kT. Measured: half the decay rate of P_left - P_right in the Fokker-Planck
// solver (880 cells, TR-BDF2 dt = 0.01 gamma/kT) over t = 10..210 gamma/kT, from the left well's
// equilibrium. Exact: half the smallest relaxation rate of the square-root discretisation on
// 8001 nodes (closed_forms; its own O(h^2) error is below 1e-5). 1%.
CheckResult escape_rate(const Context& ctx, const Units& u) {
  const double eb = 8.0 * u.kT, scale = u.gamma / u.kT;
  const Potential pot = double_well(eb);
  FokkerPlanck::Options fo;
  fo.mutation = ctx.mutation;
  FokkerPlanck fp(pot, Protocol(pot), u.kT, 1.0 / u.gamma, -2.2, 2.2, 880, fo);
  std::vector<double> P(fp.cells(), 0.0);
  double z = 0;
  for (size_t i = 0; i < fp.cells(); ++i)
    if (fp.x(i) < 0) z += (P[i] = std::exp(-pot.value(pot.theta0().data(), fp.x(i)) / u.kT));
  for (auto& p : P) p /= z;
  fp.set_probabilities(P);
  const double dt = 0.01 * scale;
  fp.advance(1000, dt);  // t = 10: intra-well modes (rate ~ 64 kT/gamma) have died out
  const double d1 = left_minus_right(fp);
  fp.advance(20000, dt);
  const double d2 = left_minus_right(fp);
  const double measured = 0.5 * std::log(d1 / d2) / (20000 * dt);
  const double exact = 0.5 * smallest_relaxation_rate(pot, pot.theta0().data(), u.kT, u.gamma, -2.2, 2.2);
  const double kramers = kramers_rate(8.0 * eb, 4.0 * eb, eb, u.kT, u.gamma);  // U''(a) = 8 E_b, U''(b) = -4 E_b
  return equal("escape-rate@E_b=8," + u.label(), exact, measured, 0.01 * exact,
               fmt::format("Fokker-Planck decay of P_left - P_right vs the smallest relaxation rate / 2; Kramers "
                           "(information) {:.5g} ({:+.1f}%)",
                           kramers, 100.0 * (kramers / exact - 1.0)));
}

}  // namespace

void escape_checks(const Context& ctx) {
  for (const Units& u : ctx.units()) ctx.out->push_back(mfpt(ctx, u));
  for (const Units& u : ctx.units()) ctx.out->push_back(escape_rate(ctx, u));
}

}  // namespace limen::physics::checks
