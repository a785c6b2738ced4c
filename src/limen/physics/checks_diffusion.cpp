// lifson-jackson (THEORY §3.5, §7): the long-time diffusion in U = (E_b/2)(1 - cos 2 pi x / l)
// against D_eff / D_0 = 1 / I_0(E_b / 2kT)^2, at E_b = 2, 4, 6 kT: by the Fokker-Planck solver
// (noise-free) at every barrier, and by Langevin ensembles (E_b = 2 and 4 kT in --quick, all three
// in --full, where the hopping at 6 kT needs ~3e10 particle-steps for a 1% standard error), and
// at E_b = 2 kT with gamma = 2.5, kT = 0.5 (times in gamma l^2/kT, D_0 = kT/gamma).
#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "limen/physics/checks_common.hpp"
#include "limen/physics/closed_forms.hpp"
#include "limen/physics/fokker_planck.hpp"
#include "limen/physics/mobility.hpp"
#include "limen/units/constants.hpp"

namespace limen::physics::checks {
namespace {

Potential cosine(double eb) {
  Potential pot;
  pot.add(TermKind::periodic, "", {eb, 1.0, 0.0, 0.0, 1.0});
  return pot;
}

// D_eff = [MSD(t2) - MSD(t1)] / (2 (t2 - t1)) with t1 = t2 / 4: the slope, free of the intra-well
// offset of the MSD; t2 = 8 l^2 / D_eff (about eight hops).
double window_end(double expected) { return std::ceil(8.0 / expected); }

// Fokker-Planck on 41 periods (50 cells each, reflecting far ends, never reached), starting from
// the folded equilibrium of the central period; <x^2>(t) has the MSD's slope at long times.
CheckResult fokker_planck_lj(const Context& ctx, double eb) {
  const double expected = mobility_ratio(eb);
  const Potential pot = cosine(eb);
  FokkerPlanck::Options fo;
  fo.mutation = ctx.mutation;
  FokkerPlanck fp(pot, Protocol(pot), 1.0, 1.0, -20.5, 20.5, 41 * 50, fo);
  std::vector<double> P(fp.cells(), 0.0);
  double z = 0;
  for (size_t i = 0; i < fp.cells(); ++i)
    if (std::fabs(fp.x(i)) < 0.5) z += (P[i] = std::exp(-pot.value(pot.theta0().data(), fp.x(i))));
  for (auto& p : P) p /= z;
  fp.set_probabilities(P);
  const auto second_moment = [&] {
    double m = 0;
    for (size_t i = 0; i < fp.cells(); ++i) m += fp.probabilities()[i] * fp.x(i) * fp.x(i);
    return m;
  };
  const double t2 = window_end(expected), t1 = 0.25 * t2, dt = 0.01;
  fp.advance(std::lround(t1 / dt), dt);
  const double m1 = second_moment();
  fp.advance(std::lround((t2 - t1) / dt), dt);
  const double m2 = second_moment();
  return equal(fmt::format("lifson-jackson@E_b={:g},fokker-planck", eb), expected, (m2 - m1) / (2.0 * (t2 - t1)),
               0.05 * expected, fmt::format("D_eff/D_0; slope of <x^2> over t = {:g}..{:g}", t1, t2));
}

// The Langevin ensemble, from the folded equilibrium of one period. Relative SE of the slope
// ~ sqrt(2 + 4 t1 / (t2 - t1) + 1/hops) / sqrt(N) ~ sqrt(3.5 / N): 0.9% at N = 4e4.
CheckResult langevin_lj(const Context& ctx, const Units& u, double eb, size_t n, double dt_reduced) {
  const double expected = mobility_ratio(eb), scale = u.gamma / u.kT, dt = dt_reduced * scale;
  const Potential pot = cosine(eb * u.kT);
  Dynamics dyn = ctx.dynamics(u, dt, 21 + static_cast<uint64_t>(eb));
  dyn.method = Method::leimkuhler_matthews;
  dyn.energetics = false;
  const Integrator integ(pot, Protocol(pot), dyn);
  Ensemble e = integ.start(n);
  const double t2 = window_end(expected) * scale, t1 = 0.25 * t2;
  const long s1 = std::lround(t1 / dt), s2 = std::lround(t2 / dt);
  const auto msd = [&] {
    double m = 0;
    for (size_t i = 0; i < e.size(); ++i) m += (e.x[i] - e.x0[i]) * (e.x[i] - e.x0[i]);
    return m / static_cast<double>(e.size());
  };
  integ.advance(e, s1, ctx.threads);
  const double m1 = msd();
  integ.advance(e, s2 - s1, ctx.threads);
  const double m2 = msd();
  const double se = std::sqrt(3.5 / static_cast<double>(n)) * expected;
  const double D0 = u.kT / u.gamma;
  return equal(fmt::format("lifson-jackson@E_b={:g},langevin{}", eb, u.gamma == 1 && u.kT == 1 ? "" : "," + u.label()),
               expected, (m2 - m1) / (2.0 * (t2 - t1)) / D0, 0.05 * expected,
               fmt::format("D_eff/D_0; MSD slope over t = {:g}..{:g}, N = {}, LM dt = {:.2g}; SE ~ {:.2g}", t1, t2, n, dt,
                           se));
}

}  // namespace

void diffusion_checks(const Context& ctx) {
  const Sizes sz = sizes(ctx.level);
  for (double eb : {2.0, 4.0, 6.0}) ctx.out->push_back(fokker_planck_lj(ctx, eb));
  // The hopping rate converges as O(dt U''_max), U''_max = 2 pi^2 E_b / l^2: dt U''_max = 0.04 in
  // --quick (at 2 and 4 kT), 0.03 in --full (dt = 7.6e-4, 3.8e-4, 2.5e-4 at 2, 4, 6 kT).
  const bool quick = ctx.level == Level::quick;
  const double mu_u_dt = quick ? 0.04 : 0.03;
  for (const Units& u : ctx.units()) {
    const bool reduced = u.label() == "reduced";  // every barrier; the scaled units at 2 kT
    for (double eb : !reduced ? std::vector<double>{2.0} : quick ? std::vector<double>{2.0, 4.0} : std::vector<double>{2.0, 4.0, 6.0})
      ctx.out->push_back(langevin_lj(ctx, u, eb, sz.lj, mu_u_dt / (2.0 * kPi * kPi * eb)));
  }
}

}  // namespace limen::physics::checks
