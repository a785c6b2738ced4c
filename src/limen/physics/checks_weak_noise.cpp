// weak-noise (THEORY §7): mean work and heat with the three-point noise ([run] noise =
// "three-point", noise.hpp) against the same protocol with Gaussian noise and against a reference
// that shares no code with the ensembles: the closed form of the drag, the Fokker-Planck solver
// (noise-free) for the tilt ramp. Tolerance max(3 SE, 1%) on each of the four comparisons of a
// case (work and heat, each against both references); the row passes when all four do.
// Run at gamma != 1 and kT != 1 (THEORY §7).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "limen/physics/checks_common.hpp"
#include "limen/physics/closed_forms.hpp"
#include "limen/physics/fokker_planck.hpp"

namespace limen::physics::checks {
namespace {

struct Means {
  Moments work, heat;
};

Means ensemble_means(const Potential& pot, const Protocol& proto, Dynamics dyn, NoiseKind noise, size_t n, long steps,
                     int threads) {
  dyn.noise = noise;
  const Integrator integ(pot, proto, dyn);
  Ensemble e = integ.start(n);
  integ.advance(e, steps, threads);
  return {moments(e.work), moments(e.heat)};
}

// One comparison: |a - b| <= max(3 SE, 1% of |b|), SE the combined standard error.
struct Comparison {
  bool pass;
  std::string text;
};
Comparison compare(const char* what, const Moments& a, double b, double b_se) {
  const double se = std::sqrt(a.stderr_ * a.stderr_ + b_se * b_se);
  const double tol = std::max(3.0 * se, 0.01 * std::fabs(b));
  const bool pass = std::isfinite(a.mean) && std::fabs(a.mean - b) <= tol;
  return {pass, fmt::format("{} {:.5g} vs {:.5g} (tol {:.2g}{})", what, a.mean, b, tol, pass ? "" : ", FAIL")};
}

CheckResult judge(const std::string& id, const std::string& setup, const Means& three, const Means& gauss,
                  double work_ref, double heat_ref, const char* ref_name) {
  const Comparison c[4] = {compare("W(3pt)/Gauss", three.work, gauss.work.mean, gauss.work.stderr_),
                           compare("Q(3pt)/Gauss", three.heat, gauss.heat.mean, gauss.heat.stderr_),
                           compare(fmt::format("W(3pt)/{}", ref_name).c_str(), three.work, work_ref, 0.0),
                           compare(fmt::format("Q(3pt)/{}", ref_name).c_str(), three.heat, heat_ref, 0.0)};
  const bool pass = c[0].pass && c[1].pass && c[2].pass && c[3].pass;
  const double tol = std::max(3.0 * three.work.stderr_, 0.01 * std::fabs(work_ref));
  CheckResult r = equal(id, work_ref, three.work.mean, tol,
                       fmt::format("{}; {}; {}; {}; {}", setup, c[0].text, c[1].text, c[2].text, c[3].text));
  r.pass = pass;
  return r;
}

}  // namespace

// kT_scale != 1 runs the three-point ensembles at kT_scale * kT (noise variance scaled by it) while
// the references stay at kT: the mutation test (tests/physics/test_weak_noise.cpp) shows the check
// fails then.
void weak_noise_checks(Level level, int threads, std::vector<CheckResult>& out, double kT_scale) {
  const size_t n = level == Level::quick ? 100000 : 400000;
  const double kT = 0.5;
  Dynamics dyn;
  dyn.kT = kT;
  dyn.dt = 1e-3;
  dyn.seed = 1201;

  // tilt-ramp: a shallow double well (E_b = 1 kT, x0 = 1, gamma = 0.5) tilted 0 -> f = 1 kT/x0 in
  // t_f = 8 (about eight relaxation times x0^2 / D): close to the linear, nearly quasi-static
  // response, <W> ~ -f^2 <x^2> / (2 kT), which depends on the noise strength: the three-point runs
  // at 1.02 kT move <W> by about 1.4% (about 3 SE of the quick check), at 1.05 kT by about 3.5%.
  {
    dyn.mobility = 2.0;
    Dynamics dyn3 = dyn;
    dyn3.kT = kT * kT_scale;
    Potential pot;
    pot.add(TermKind::double_well, "", {1.0 * kT, 1.0, 0.0, 0.0});
    Protocol proto(pot);
    const double tf = 8.0;
    proto.set(pot.index("tilt"), Schedule{{0.0, tf}, {0.0, 1.0 * kT}});
    const long steps = std::lround(tf / dyn.dt);
    const Means g = ensemble_means(pot, proto, dyn, NoiseKind::gaussian, n, steps, threads);
    const Means t = ensemble_means(pot, proto, dyn3, NoiseKind::three_point, n, steps, threads);
    FokkerPlanck fp(pot, proto, kT, dyn.mobility, -4.0, 4.0, 1600);
    fp.start_equilibrium();
    const double u0 = fp.mean_energy() - fp.work();
    fp.advance(4 * steps, tf / static_cast<double>(4 * steps));
    const double w_fp = fp.work(), q_fp = w_fp - (fp.mean_energy() - u0);
    out.push_back(judge("weak-noise@tilt-ramp",
                        fmt::format("double well E_b = 1 kT, kT = {}, gamma = 0.5, tilt 0 -> 1 kT/x0 in t_f = {}, "
                                    "N = {}, EM dt = {}; reference Fokker-Planck (1600 cells, dt/4)",
                                    kT, tf, n, dyn.dt),
                        t, g, w_fp, q_fp, "FP"));
  }
  const double gamma = 2.0;
  dyn.mobility = 1.0 / gamma;
  Dynamics dyn3 = dyn;
  dyn3.kT = kT * kT_scale;
  // drag: harmonic trap k = 2 moved 0 -> L = 3 in t_f = 4. Closed forms: W of drag-linear, and
  // Q = W - (k/2) lag^2 with the mean lag (v gamma / k)(1 - e^{-k t_f / gamma}) at t_f (the
  // variance of x stays kT/k in a moving harmonic trap).
  {
    const double k = 2.0, L = 3.0, tf = 4.0;
    Potential pot;
    pot.add(TermKind::harmonic, "", {k, 0.0});
    Protocol proto(pot);
    proto.set(pot.index("center"), Schedule{{0.0, tf}, {0.0, L}});
    const long steps = std::lround(tf / dyn.dt);
    const Means g = ensemble_means(pot, proto, dyn, NoiseKind::gaussian, n, steps, threads);
    const Means t = ensemble_means(pot, proto, dyn3, NoiseKind::three_point, n, steps, threads);
    const double w = drag_linear_work(k, gamma, L, tf);
    const double lag = (L / tf) * gamma / k * (1.0 - std::exp(-k * tf / gamma));
    out.push_back(judge("weak-noise@drag",
                        fmt::format("harmonic k = {}, kT = {}, gamma = {}, centre 0 -> {} in t_f = {}, N = {}, EM dt = "
                                    "{}; closed form",
                                    k, kT, gamma, L, tf, n, dyn.dt),
                        t, g, w, w - 0.5 * k * lag * lag, "closed form"));
  }
}

}  // namespace limen::physics::checks
