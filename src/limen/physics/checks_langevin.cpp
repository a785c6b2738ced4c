// Harmonic-trap checks of THEORY §7 by Langevin ensembles: equilibrium-harmonic, equilibrium-em,
// drag-linear, drag-optimal, jarzynski. Each runs in reduced units and at gamma = 2.5, kT = 0.5
// (the same dimensionless problem: lengths in sqrt(kT/k), times in gamma/k, energies in kT).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "limen/physics/checks_common.hpp"
#include "limen/physics/closed_forms.hpp"

namespace limen::physics::checks {
namespace {

Potential harmonic(double k, double c) {
  Potential p;
  p.add(TermKind::harmonic, "", {k, c});
  return p;
}

// <x^2> k / kT, time-averaged: particles start in equilibrium of stiffness 4 and the trap jumps to
// k = 1 at t = 0; after 10 relaxation times of <x^2> (e^-10) it is averaged over every step of
// mu k dt = `mu_k_dt` in a window T = sz.eq_steps / 100 (gamma/k units):
// SE = sqrt(2 / (N T / (2 tau_x2))), tau_x2 = gamma / (2k): 0.22% for N = 2e4, T = 20 gamma/k.
double stationary_x2(const Context& ctx, const Units& u, Method method, double mu_k_dt, uint64_t seed, double* se) {
  const Sizes sz = sizes(ctx.level);
  const Potential pot = harmonic(1.0, 0.0);
  Protocol proto(pot);
  proto.set(0, Schedule{{0.0, 0.0}, {4.0, 1.0}});
  Dynamics dyn = ctx.dynamics(u, mu_k_dt * u.gamma, seed);
  dyn.method = method;
  dyn.energetics = false;
  const Integrator integ(pot, proto, dyn);
  Ensemble e = integ.start(sz.eq);
  integ.advance(e, std::lround(5.0 / mu_k_dt), ctx.threads);  // 5 gamma/k: 10 relaxation times
  const long samples = std::lround(0.01 * static_cast<double>(sz.eq_steps) / mu_k_dt);
  double sum = 0;
  for (long s = 0; s < samples; ++s) {
    integ.advance(e, 1, ctx.threads);
    double m = 0;
    for (double x : e.x) m += x * x;
    sum += m / static_cast<double>(e.size());
  }
  *se = std::sqrt(2.0 / (static_cast<double>(sz.eq) * static_cast<double>(samples) * mu_k_dt));
  return sum / static_cast<double>(samples) / u.kT;
}

}  // namespace

// equilibrium-harmonic: <x^2> = kT/k (1%) by Leimkuhler-Matthews at mu k dt = 0.1, where its
// stationary variance is exact (Leimkuhler & Matthews 2013) and Euler-Maruyama would be 5.3% off.
// equilibrium-em: Euler-Maruyama at mu k dt = 0.2 against its exact discrete variance
// kT / (k (1 - mu k dt / 2)) = 1.111 kT/k (1%): the plain integrator, checked at equilibrium.
void equilibrium_checks(const Context& ctx) {
  for (const Units& u : ctx.units()) {
    double se = 0;
    const double lm = stationary_x2(ctx, u, Method::leimkuhler_matthews, 0.1, 101, &se);
    ctx.out->push_back(equal("equilibrium-harmonic@" + u.label(), 1.0, lm, 0.01,
                             fmt::format("<x^2> k/kT; LM at mu k dt = 0.1 (EM would be 5.3% off), N = {}, time average "
                                         "over 20 gamma/k; SE ~ {:.2g}",
                                         sizes(ctx.level).eq, se)));
    const double em = stationary_x2(ctx, u, Method::euler_maruyama, 0.2, 102, &se);
    const double exact = euler_maruyama_variance(1.0, 1.0, 1.0, 0.2);
    ctx.out->push_back(equal("equilibrium-em@" + u.label(), exact, em, 0.01 * exact,
                             fmt::format("<x^2> k/kT; EM at mu k dt = 0.2 vs kT/(k(1 - mu k dt/2)), N = {}; SE ~ {:.2g}",
                                         sizes(ctx.level).eq, se * exact)));
  }
}

// drag-linear and drag-optimal: k = 1, L = 5 sqrt(kT/k), t_f = 10 gamma/k, Euler-Maruyama
// dt = 1e-3 gamma/k (the issue's config in reduced units). Work is Gaussian with variance
// 2 kT <W>: SE = sqrt(2 W / N) kT ~ 0.4% at N = 5e4.
void drag_checks(const Context& ctx, std::vector<ProtocolRun>& runs, bool linear) {
  const Sizes sz = sizes(ctx.level);
  for (const Units& u : ctx.units()) {
    const double k = 1.0, L = 5.0 * std::sqrt(u.kT / k), tf = 10.0 * u.gamma / k;
    const long steps = 10000;
    const Potential pot = harmonic(k, 0.0);
    Protocol proto(pot);
    if (linear) {
      proto.set(1, Schedule{{0.0, tf}, {0.0, L}});
      const ProtocolRun r =
          run_protocol("drag-linear," + u.label(), pot, proto, ctx.dynamics(u, tf / steps, 11), sz.drag, steps, ctx.threads);
      const double w = drag_linear_work(k, u.gamma, L, tf) / u.kT;
      ctx.out->push_back(equal("drag-linear@" + u.label(), w, r.work.mean, std::max(3.0 * r.work.stderr_, 0.01 * w),
                               fmt::format("<W>/kT; trap moved 0 -> 5 sqrt(kT/k) in 10 gamma/k, N = {}, EM; SE {:.2g}",
                                           sz.drag, r.work.stderr_)));
      runs.push_back(r);
    } else {
      proto.set(1, drag_optimal_schedule(k, u.gamma, L, tf));
      const ProtocolRun r = run_protocol("drag-optimal," + u.label(), pot, proto, ctx.dynamics(u, tf / steps, 12), sz.drag,
                                         steps, ctx.threads);
      const double w = drag_optimal_work(k, u.gamma, L, tf) / u.kT;
      ctx.out->push_back(equal("drag-optimal@" + u.label(), w, r.work.mean, std::max(3.0 * r.work.stderr_, 0.01 * w),
                               fmt::format("<W>/kT; Schmiedl-Seifert protocol with jumps at both ends, N = {}; SE {:.2g}",
                                           sz.drag, r.work.stderr_)));
      runs.push_back(r);
    }
  }
}

// jarzynski: stiffness 1 before t = 0, a jump to 1.5 at t = 0, then linear to 2 at t = gamma
// (1000 EM steps). Two parts (THEORY §7): <e^{-W/kT}> = sqrt(k_i/k_f) (2%), which tests the
// statistics (the equilibrium start and the work of the jump), and <W> against the variance ODE
// (max(3 SE, 1%)), which tests the motion: frozen dynamics pass the first and fail the second.
void jarzynski_checks(const Context& ctx, std::vector<ProtocolRun>& runs) {
  const Sizes sz = sizes(ctx.level);
  for (const Units& u : ctx.units()) {
    const double k_i = 1.0, k_0 = 1.5, k_f = 2.0, tf = u.gamma;
    const Potential pot = harmonic(k_i, 0.0);
    Protocol proto(pot);
    proto.set(0, Schedule{{0.0, 0.0, tf}, {k_i, k_0, k_f}});
    Dynamics dyn = ctx.dynamics(u, tf / 1000.0, 13);
    Ensemble e;
    const ProtocolRun r = run_protocol("jarzynski," + u.label(), pot, proto, dyn, sz.jarzynski, 1000, ctx.threads, &e);
    std::vector<double> ew(e.size());
    for (size_t i = 0; i < e.size(); ++i) ew[i] = std::exp(-e.work[i] / u.kT);
    const Moments m = moments(ew);
    const double expected = jarzynski_harmonic(k_i, k_f);
    ctx.out->push_back(equal("jarzynski@exp-average," + u.label(), expected, m.mean, 0.02 * expected,
                             fmt::format("<e^(-W/kT)>; k 1 -> 1.5 (jump) -> 2 in t = gamma, N = {}; SE {:.2g}",
                                         sz.jarzynski, m.stderr_)));
    const double w = stiffness_ramp_mean_work(k_i, k_0, k_f, tf, u.kT, u.gamma) / u.kT;
    ctx.out->push_back(equal("jarzynski@mean-work," + u.label(), w, r.work.mean,
                             std::max(3.0 * r.work.stderr_, 0.01 * w),
                             fmt::format("<W>/kT against the variance ODE dv/dt = -2 mu k v + 2 mu kT; SE {:.2g}",
                                         r.work.stderr_)));
    runs.push_back(r);
  }
}

}  // namespace limen::physics::checks
