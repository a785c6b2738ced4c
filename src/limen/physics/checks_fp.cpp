// Fokker-Planck checks of THEORY §7: landauer-erasure, static-write, fp-vs-langevin, fp-domain.
// Each in reduced units and at gamma = 2.5, kT = 0.5 (barriers and tilts in kT, times in
// gamma l^2 / kT, lengths of the drag in sqrt(kT/k)).
#include <fmt/format.h>

#include <array>
#include <cmath>
#include <utility>
#include <vector>

#include "limen/physics/checks_common.hpp"
#include "limen/physics/closed_forms.hpp"
#include "limen/physics/fokker_planck.hpp"
#include "limen/units/constants.hpp"
#include "limen/units/error.hpp"

namespace limen::physics::checks {
namespace {

Potential double_well(double barrier) {
  Potential p;
  p.add(TermKind::double_well, "well", {barrier, 1.0, 0.0, 0.0});
  return p;
}

FokkerPlanck::Options options(const Context& ctx) {
  FokkerPlanck::Options o;
  o.mutation = ctx.mutation;
  return o;
}

// Least-squares line y = a + b x: {a, b}.
std::array<double, 2> fit_line(const std::vector<double>& x, const std::vector<double>& y) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = static_cast<double>(x.size());
  for (size_t i = 0; i < x.size(); ++i) sx += x[i], sy += y[i], sxx += x[i] * x[i], sxy += x[i] * y[i];
  const double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return {(sy - b * sx) / n, b};
}

}  // namespace

// landauer-erasure: (lower the barrier 15 -> 1 kT, tilt 0 -> 4 kT, raise it, untilt), each stage
// tau/4, by Fokker-Planck (1000 cells, 4000 TR-BDF2 steps) at tau = 50..400 gamma/kT; fit
// <W> = a + B / tau. (15 kT: the erased bit leaks back less than 1e-3 over the longest run.)
// Closed form: the final density is locally in equilibrium in each well (the barrier is back at
// 15 kT), so dF_neq = kT [p ln 2p + (1 - p) ln 2(1 - p)], p the final population of the target
// well (bit_relative_entropy). Two rows: a within 5% of it, and it within 5% of kT ln 2.
void landauer_checks(const Context& ctx, std::vector<ProtocolRun>& runs) {
  for (const Units& u : ctx.units()) {
    const double scale = u.gamma / u.kT;
    std::vector<double> inv_tau, work;
    double p_right = 0;
    for (double tau_r : {50.0, 100.0, 200.0, 400.0}) {
      const double tau = tau_r * scale, q = tau / 4;
      const Potential pot = double_well(15.0 * u.kT);
      Protocol proto(pot);
      proto.set(pot.index("well.barrier"), Schedule{{0, q, 2 * q, 3 * q}, {15.0 * u.kT, u.kT, u.kT, 15.0 * u.kT}});
      proto.set(pot.index("well.tilt"), Schedule{{q, 2 * q, 3 * q, 4 * q}, {0.0, 4.0 * u.kT, 4.0 * u.kT, 0.0}});
      FokkerPlanck fp(pot, proto, u.kT, 1.0 / u.gamma, -2.5, 2.5, 1000, options(ctx));
      fp.start_equilibrium();
      const Density d0 = fp.density();
      const double u0 = fp.mean_energy();
      fp.advance(4000, tau / 4000);
      const Density d1 = fp.density();
      ProtocolRun r;
      r.name = fmt::format("erasure,tau={:g},{}", tau_r, u.label());
      r.langevin = false;
      r.work = {fp.work() / u.kT, 0.0};
      r.dF_neq = (fp.mean_energy() - u0) / u.kT - (entropy(d1) - entropy(d0));
      r.bound = w2_squared(d0, d1) * u.gamma / tau / u.kT;
      runs.push_back(r);
      inv_tau.push_back(1.0 / tau_r);
      work.push_back(fp.work() / u.kT);
      p_right = 0;
      for (size_t i = 0; i < fp.cells(); ++i) p_right += fp.x(i) > 0 ? fp.probabilities()[i] : 0.0;
    }
    const auto [a, B] = fit_line(inv_tau, work);
    const double dF = bit_relative_entropy(p_right, 0.5);
    ctx.out->push_back(equal("landauer-erasure@fit," + u.label(), dF, a, 0.05 * std::fabs(dF),
                             fmt::format("<W>/kT = a + B/tau over tau = 50..400 gamma/kT: a = {:.5g}, B = {:.4g}; closed-form "
                                         "dF_neq/kT of the final populations ({:.6f} in the target well)",
                                         a, B, p_right)));
    ctx.out->push_back(equal("landauer-erasure@kT-ln-2," + u.label(), kLn2, dF, 0.05 * kLn2,
                             fmt::format("closed-form dF_neq/kT of the erased bit (tau = 400) against ln 2")));
  }
}

// static-write (THEORY §3.4: eps_w = E_b - kT ln(nu_0 tau_w)): a bit is written over a barrier
// that stays up; the left well is lifted by a broad smooth step h (1 - tanh((x + 0.6)/0.3))/2
// (0.96 h on the well, 0.02 h on the barrier top; h = 0 -> 1.5 E_b + 3 kT -> 0 over tau_w) until
// the particle falls into the right well. Heat Q = W - dU, two slopes, 20% each: 1 against E_b =
// 10..25 kT at tau_w = 10, and -1 (kT) against ln tau_w at E_b = 20 kT, tau_w = 10, 100, 1000
// (in gamma l^2/kT; 2000 cells, 2000 TR-BDF2 steps).
void static_write_checks(const Context& ctx) {
  for (const Units& u : ctx.units()) {
    const auto heat = [&](double eb, double tw_r) {
      const double tw = tw_r * u.gamma / u.kT;
      Potential pot = double_well(eb * u.kT);
      pot.add(TermKind::step, "lift", {0.0, -0.6, 0.3});
      Protocol proto(pot);
      proto.set(pot.index("lift.height"), Schedule{{0.0, 0.5 * tw, tw}, {0.0, (1.5 * eb + 3.0) * u.kT, 0.0}});
      FokkerPlanck fp(pot, proto, u.kT, 1.0 / u.gamma, -2.0, 2.0, 2000, options(ctx));
      std::vector<double> P(fp.cells(), 0.0);  // the bit in the left well, in its local equilibrium
      double z = 0;
      for (size_t i = 0; i < fp.cells(); ++i)
        if (fp.x(i) < 0) z += (P[i] = std::exp(-pot.value(pot.theta0().data(), fp.x(i)) / u.kT));
      for (auto& p : P) p /= z;
      fp.set_probabilities(P);
      const double u0 = fp.mean_energy();
      fp.advance(2000, tw / 2000);
      return (fp.work() - (fp.mean_energy() - u0)) / u.kT;
    };
    std::vector<double> ebs{10.0, 15.0, 20.0, 25.0}, q_eb, ln_tw, q_tw;
    for (double eb : ebs) q_eb.push_back(heat(eb, 10.0));
    for (double tw : {10.0, 100.0, 1000.0}) ln_tw.push_back(std::log(tw)), q_tw.push_back(heat(20.0, tw));
    const auto [a1, s_eb] = fit_line(ebs, q_eb);
    const auto [a2, s_tw] = fit_line(ln_tw, q_tw);
    ctx.out->push_back(equal("static-write@slope-E_b," + u.label(), 1.0, s_eb, 0.2,
                             fmt::format("dQ/dE_b; Q/kT at E_b = 10, 15, 20, 25 kT (tau_w = 10): {:.4g}, {:.4g}, {:.4g}, "
                                         "{:.4g}",
                                         q_eb[0], q_eb[1], q_eb[2], q_eb[3])));
    ctx.out->push_back(equal("static-write@slope-ln-tau_w," + u.label(), -1.0, s_tw, 0.2,
                             fmt::format("dQ/d ln tau_w (kT); Q/kT at tau_w = 10, 100, 1000 (E_b = 20 kT): {:.4g}, {:.4g}, "
                                         "{:.4g}",
                                         q_tw[0], q_tw[1], q_tw[2])));
  }
}

// fp-vs-langevin: the same protocol (double well, barrier 3 -> 1 kT and tilt 0 -> 2 kT in t = 4
// gamma/kT) by the ensemble (Leimkuhler-Matthews dt = 1e-3 gamma/kT) and by the Fokker-Planck
// solver; mean work within 2%.
void fp_vs_langevin_checks(const Context& ctx, std::vector<ProtocolRun>& runs) {
  const Sizes sz = sizes(ctx.level);
  for (const Units& u : ctx.units()) {
    const double tf = 4.0 * u.gamma / u.kT;
    const Potential pot = double_well(3.0 * u.kT);
    Protocol proto(pot);
    proto.set(pot.index("well.barrier"), Schedule{{0.0, tf}, {3.0 * u.kT, u.kT}});
    proto.set(pot.index("well.tilt"), Schedule{{0.0, tf}, {0.0, 2.0 * u.kT}});
    FokkerPlanck fp(pot, proto, u.kT, 1.0 / u.gamma, -3.0, 3.0, 1200);  // the reference: no mutation
    fp.start_equilibrium();
    fp.advance(2000, tf / 2000);
    Dynamics dyn = ctx.dynamics(u, tf / 4000, 31);
    dyn.method = Method::leimkuhler_matthews;
    const ProtocolRun r = run_protocol("double-well-tilt," + u.label(), pot, proto, dyn, sz.fp_vs, 4000, ctx.threads);
    runs.push_back(r);
    const double w = fp.work() / u.kT;
    ctx.out->push_back(equal("fp-vs-langevin@" + u.label(), w, r.work.mean, 0.02 * std::fabs(w),
                             fmt::format("<W>/kT; barrier 3 -> 1 kT, tilt 0 -> 2 kT in t = 4 gamma/kT; N = {}, SE {:.2g}",
                                         sz.fp_vs, r.work.stderr_)));
  }
}

// fp-domain: a trap (k = 1) dragged 0 -> 60 sqrt(kT/k) in 10 gamma/k carries the density 3x past
// the solver's starting grid (the equilibrium box of lambda(0-) widened by half its width, as
// `limen simulate` builds it; 2000 cells, 1000 TR-BDF2 steps). The following grid must give the
// closed-form drag work (324.0 kT) within 1%. The same run on a fixed grid must refuse (a
// RunError naming the grid) or, if it returns a number, that number must be within 1%: measured
// is 0 for a refusal, else the returned work's relative error.
void fp_domain_checks(const Context& ctx) {
  for (const Units& u : ctx.units()) {
    const double k = 1.0, L = 60.0 * std::sqrt(u.kT / k), tf = 10.0 * u.gamma / k;
    Potential pot;
    pot.add(TermKind::harmonic, "", {k, 0.0});
    Protocol proto(pot);
    proto.set(1, Schedule{{0.0, tf}, {0.0, L}});
    auto box = pot.box(proto.before(0.0).data(), u.kT);
    const double w = box[1] - box[0];
    const double exact = drag_linear_work(k, u.gamma, L, tf) / u.kT;
    const auto run = [&](bool follow) {
      FokkerPlanck::Options o = options(ctx);
      o.follow = follow;
      FokkerPlanck fp(pot, proto, u.kT, 1.0 / u.gamma, box[0] - 0.5 * w, box[1] + 0.5 * w, 2000, o);
      fp.start_equilibrium();
      fp.advance(1000, tf / 1000);
      return std::pair{fp.work() / u.kT, fp.grid_name()};
    };
    const auto [work, grid] = run(true);
    ctx.out->push_back(equal("fp-domain@drag-L=60," + u.label(), exact, work, 0.01 * exact,
                             fmt::format("<W>/kT; Fokker-Planck on a grid that follows the density, final grid {}", grid)));
    double error = 0;
    std::string what;
    try {
      const auto [w_fixed, g] = run(false);
      error = std::fabs(w_fixed / exact - 1.0);
      what = fmt::format("returned W = {:.5g} kT on the fixed grid {}", w_fixed, g);
    } catch (const RunError& e) {
      what = fmt::format("refused: {}", e.what());
    }
    ctx.out->push_back(absolute("fp-domain@fixed-grid," + u.label(), error, 0.01,
                                "relative error of a work returned on a fixed grid (0: refused); " + what));
  }
}

}  // namespace limen::physics::checks
