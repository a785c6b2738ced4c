// Fokker-Planck checks of THEORY §7: kramers, landauer-erasure, static-write, fp-vs-langevin.
#include <fmt/format.h>

#include <cmath>

#include "limen/physics/checks_common.hpp"
#include "limen/physics/closed_forms.hpp"
#include "limen/physics/fokker_planck.hpp"

namespace limen::physics::checks {
namespace {

Potential double_well(double eb) {
  Potential p;
  p.add(TermKind::double_well, "well", {eb, 1.0, 0.0, 0.0});
  return p;
}

// Populations left and right of x = 0.
double left_minus_right(const FokkerPlanck& fp) {
  double d = 0;
  for (size_t i = 0; i < fp.cells(); ++i) d += (fp.x(i) < 0 ? 1.0 : -1.0) * fp.probabilities()[i];
  return d;
}

// The equilibrium of the potential restricted to x < 0 (a bit stored in the left well).
std::vector<double> left_well(const FokkerPlanck& fp, const Potential& pot) {
  std::vector<double> P(fp.cells(), 0.0);
  double z = 0;
  for (size_t i = 0; i < fp.cells(); ++i)
    if (fp.x(i) < 0) z += (P[i] = std::exp(-pot.value(pot.theta0().data(), fp.x(i))));
  for (auto& p : P) p /= z;
  return P;
}

// kramers: the escape rate over E_b = 8 kT, measured as half the decay rate of the population
// difference of the two wells (the slowest mode of the Fokker-Planck operator).
CheckResult kramers() {
  const double eb = 8.0;
  const Potential pot = double_well(eb);
  FokkerPlanck fp(pot, Protocol(pot), 1.0, 1.0, -2.2, 2.2, 880);
  fp.set_probabilities(left_well(fp, pot));
  const double dt = 0.01;
  fp.advance(1000, dt);  // t = 10: intra-well modes (rate ~ 64) have died out
  const double d1 = left_minus_right(fp);
  fp.advance(20000, dt);  // 200 more time units
  const double d2 = left_minus_right(fp);
  const double measured = 0.5 * std::log(d1 / d2) / 200.0;
  const double expected = kramers_rate(8.0 * eb, 4.0 * eb, eb, 1.0, 1.0);  // U''(a) = 8 E_b, U''(b) = -4 E_b
  return make("kramers", expected, measured, 0.15 * expected,
              "E_b = 8 kT quartic well; rate from the Fokker-Planck decay of P_left - P_right");
}

// landauer-erasure: (lower the barrier 15 -> 1 kT, tilt 0 -> 4, raise it, untilt), each stage
// tau/4. (15 kT: the erased bit leaks back less than 1e-3 over the longest run.) Fit
// <W> = a + B / tau over tau = 50..400; a within 5% of dF_neq.
CheckResult landauer_erasure(std::vector<ProtocolRun>& runs) {
  const double taus[] = {50.0, 100.0, 200.0, 400.0};
  double sx = 0, sy = 0, sxx = 0, sxy = 0, dF = 0;
  for (double tau : taus) {
    const Potential pot = double_well(15.0);
    Protocol proto(pot);
    const double q = tau / 4;
    proto.set(pot.index("well.barrier"), Schedule{{0, q, 2 * q, 3 * q}, {15.0, 1.0, 1.0, 15.0}});
    proto.set(pot.index("well.tilt"), Schedule{{q, 2 * q, 3 * q, 4 * q}, {0.0, 4.0, 4.0, 0.0}});
    FokkerPlanck fp(pot, proto, 1.0, 1.0, -2.5, 2.5, 1000);
    fp.start_equilibrium();
    const Density d0 = fp.density();
    const double u0 = fp.mean_energy();
    fp.advance(20000, tau / 20000);
    const Density d1 = fp.density();
    dF = fp.mean_energy() - u0 - (entropy(d1) - entropy(d0));
    ProtocolRun r;
    r.name = fmt::format("erasure tau = {:g} (Fokker-Planck)", tau);
    r.work = {fp.work(), 0.0};
    r.dF_neq = dF;
    r.bound = w2_squared(d0, d1) / tau;
    runs.push_back(r);
    const double x = 1.0 / tau;
    sx += x, sy += fp.work(), sxx += x * x, sxy += x * fp.work();
  }
  const double n = 4, B = (n * sxy - sx * sy) / (n * sxx - sx * sx), a = (sy - B * sx) / n;
  return make("landauer-erasure", dF, a, 0.05 * std::fabs(dF),
              fmt::format("fit <W> = a + B/tau over tau = 50..400: B = {:.4g} kT tau_D; dF_neq (tau = 400) = {:.5g} kT "
                          "(kT ln 2 = 0.69315)",
                          B, dF));
}

// static-write: a bit is written over a barrier that stays up: the left well is lifted by a broad
// smooth step h (1 - tanh((x + 0.6)/0.3))/2 (it lifts the left well by 0.96 h and the barrier
// top by 0.02 h; h = 0 -> 1.5 E_b + 3 -> 0 in tau_w = 10) until the particle falls into the
// right well (all but < 1e-3 of it). The
// heat Q = W - dU against E_b = 10..25 kT has slope 1 (THEORY §3.4: E_b - kT ln(nu_0 tau_w)).
CheckResult static_write() {
  const double barriers[] = {10.0, 15.0, 20.0, 25.0};
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  std::string heats;
  for (double eb : barriers) {
    Potential pot = double_well(eb);
    pot.add(TermKind::step, "lift", {0.0, -0.6, 0.3});
    Protocol proto(pot);
    const double tw = 10.0;
    proto.set(pot.index("lift.height"), Schedule{{0.0, 0.5 * tw, tw}, {0.0, 1.5 * eb + 3.0, 0.0}});
    FokkerPlanck fp(pot, proto, 1.0, 1.0, -2.0, 2.0, 2000);
    fp.set_probabilities(left_well(fp, pot));
    const double u0 = fp.mean_energy();
    fp.advance(2000, tw / 2000);
    const double heat = fp.work() - (fp.mean_energy() - u0);
    heats += fmt::format("{}{:.4g}", heats.empty() ? "" : ", ", heat);
    sx += eb, sy += heat, sxx += eb * eb, sxy += eb * heat;
  }
  const double n = 4, slope = (n * sxy - sx * sy) / (n * sxx - sx * sx), icpt = (sy - slope * sx) / n;
  return make("static-write", 1.0, slope, 0.2,
              fmt::format("heat at E_b = 10, 15, 20, 25 kT: {} kT; fit Q = slope E_b {:+.3g} kT", heats, icpt));
}

// fp-vs-langevin: the same protocol (double well, barrier 3 -> 1 kT and tilt 0 -> 2 in t = 4) by
// the ensemble (Leimkuhler-Matthews dt = 1e-3) and by the Fokker-Planck solver; mean work within 2%.
CheckResult fp_vs_langevin(const Sizes& sz, int threads, std::vector<ProtocolRun>& runs) {
  const Potential pot = double_well(3.0);
  Protocol proto(pot);
  proto.set(pot.index("well.barrier"), Schedule{{0.0, 4.0}, {3.0, 1.0}});
  proto.set(pot.index("well.tilt"), Schedule{{0.0, 4.0}, {0.0, 2.0}});
  FokkerPlanck fp(pot, proto, 1.0, 1.0, -3.0, 3.0, 1200);
  fp.start_equilibrium();
  fp.advance(4000, 1e-3);
  Dynamics dyn;
  dyn.dt = 1e-3;
  dyn.method = Method::leimkuhler_matthews;
  dyn.seed = 31;
  const ProtocolRun r = run_protocol("double-well tilt (Langevin)", pot, proto, dyn, sz.fp_vs, 4000, threads);
  runs.push_back(r);
  return make("fp-vs-langevin", fp.work(), r.work.mean, 0.02 * std::fabs(fp.work()),
              fmt::format("barrier 3 -> 1, tilt 0 -> 2 in t = 4; N = {}, SE {:.2g}", sz.fp_vs, r.work.stderr_));
}

}  // namespace

void fokker_planck_checks(Level level, int threads, std::vector<CheckResult>& out, std::vector<ProtocolRun>& runs) {
  out.push_back(kramers());
  out.push_back(landauer_erasure(runs));
  out.push_back(static_write());
  out.push_back(fp_vs_langevin(sizes(level), threads, runs));
}

}  // namespace limen::physics::checks
