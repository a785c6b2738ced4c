// physics::run_checks: the engine checks of THEORY §7, one row per case (id name@case), and the
// two checks judged over every protocol run: transport-bound and first-law.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "limen/physics/checks_common.hpp"
#include "limen/physics/transport.hpp"
#include "limen/units/error.hpp"

namespace limen::physics {
namespace checks {

// Ensemble sizes. Quick: every statistical tolerance is >= 3 standard errors (the SE of each
// check is printed in its detail); full: 2-5x larger ensembles (and smaller Lifson-Jackson steps).
Sizes sizes(Level level) {
  if (level == Level::quick) return {20000, 50000, 50000, 10000, 40000, 50000, 2000};
  return {100000, 100000, 200000, 50000, 40000, 100000, 4000};
}

std::string Units::label() const {
  return gamma == 1.0 && kT == 1.0 ? "reduced" : fmt::format("gamma={:g},kT={:g}", gamma, kT);
}

Dynamics Context::dynamics(const Units& u, double dt, uint64_t seed) const {
  Dynamics d;
  d.dt = dt;
  d.mobility = 1.0 / u.gamma;
  d.kT = u.kT;
  d.seed = u.label() == "reduced" ? seed : seed + 1000;  // the scaled runs: independent samples
  d.mutation = mutation;
  return d;
}

std::vector<Units> Context::units() const {
  std::vector<Units> v;
  for (const Units& u : kUnitSets)
    if (only_units.empty() || u.label() == only_units) v.push_back(u);
  return v;
}

CheckResult equal(std::string id, double expected, double measured, double tolerance, std::string detail) {
  const bool pass = std::isfinite(measured) && std::fabs(measured - expected) <= tolerance;
  return {std::move(id), expected, measured, tolerance, pass, std::move(detail), CheckKind::equality};
}
CheckResult at_least(std::string id, double bound, double measured, double slack, std::string detail) {
  const bool pass = std::isfinite(measured) && measured >= bound - slack;
  return {std::move(id), bound, measured, slack, pass, std::move(detail), CheckKind::inequality};
}
CheckResult absolute(std::string id, double measured, double tolerance, std::string detail) {
  const bool pass = std::isfinite(measured) && std::fabs(measured) <= tolerance;
  return {std::move(id), 0.0, measured, tolerance, pass, std::move(detail), CheckKind::absolute};
}

ProtocolRun run_protocol(const std::string& name, const Potential& pot, const Protocol& proto, const Dynamics& dyn,
                         size_t n, long steps, int threads, Ensemble* keep) {
  const Integrator integ(pot, proto, dyn);
  Ensemble e = integ.start(n);
  integ.advance(e, steps, threads);
  const double kT = dyn.kT, tau = static_cast<double>(steps) * dyn.dt;
  ProtocolRun r;
  r.name = name;
  const Moments w = moments(e.work);
  r.work = {w.mean / kT, w.stderr_ / kT};
  r.dF_neq = (moments(e.u).mean - moments(e.u0).mean) / kT - (entropy_samples(e.x) - entropy_samples(e.x0));
  r.bound = w2_squared(e.x0, e.x) / (dyn.mobility * tau) / kT;
  constexpr double trigamma4 = 0.28382295573711532;  // psi'(4) = pi^2/6 - 1 - 1/4 - 1/9
  const double se_q = moments(e.heat).stderr_ / kT;
  r.excess_se = std::sqrt(se_q * se_q + 2.0 * trigamma4 / static_cast<double>(n));
  // First law with dU from the positions (THEORY §7), not from the running energy tally e.u.
  const auto th0 = proto.before(0.0), th1 = proto.after(tau);
  for (size_t i = 0; i < n; ++i) {
    const double du = pot.value(th1.data(), e.x[i]) - pot.value(th0.data(), e.x0[i]);
    const double scale = std::max({kT, std::fabs(e.work[i]), std::fabs(e.heat[i]), std::fabs(du)});
    r.residual = std::max(r.residual, std::fabs(e.work[i] - e.heat[i] - du) / scale);
  }
  if (keep) *keep = std::move(e);
  return r;
}

namespace {

enum Runs { none, fokker_planck_runs, langevin_runs };  // the protocol runs a group records
struct Group {
  std::vector<std::string> names;
  Runs makes_runs;
  std::function<void(const Context&, std::vector<ProtocolRun>&)> run;
};

const std::vector<Group>& groups() {
  static const std::vector<Group> g{
      {{"equilibrium-harmonic", "equilibrium-em"}, none, [](const Context& c, auto&) { equilibrium_checks(c); }},
      {{"drag-linear"}, langevin_runs, [](const Context& c, auto& r) { drag_checks(c, r, true); }},
      {{"drag-optimal"}, langevin_runs, [](const Context& c, auto& r) { drag_checks(c, r, false); }},
      {{"jarzynski"}, langevin_runs, jarzynski_checks},
      {{"mfpt-exact", "escape-rate"}, none, [](const Context& c, auto&) { escape_checks(c); }},
      {{"lifson-jackson"}, none, [](const Context& c, auto&) { diffusion_checks(c); }},
      {{"landauer-erasure"}, fokker_planck_runs, landauer_checks},
      {{"static-write"}, none, [](const Context& c, auto&) { static_write_checks(c); }},
      {{"fp-vs-langevin"}, langevin_runs, fp_vs_langevin_checks},
      {{"fp-domain"}, none, [](const Context& c, auto&) { fp_domain_checks(c); }},
      {{"weak-noise"}, none, [](const Context& c, auto&) { weak_noise_checks(c.level, c.threads, *c.out); }},
  };
  return g;
}

}  // namespace
}  // namespace checks

std::string kind_name(CheckKind kind) {
  switch (kind) {
    case CheckKind::equality: return "equality";
    case CheckKind::inequality: return "inequality";
    case CheckKind::absolute: return "absolute";
  }
  return "equality";
}

const std::vector<std::string>& check_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& g : checks::groups()) v.insert(v.end(), g.names.begin(), g.names.end());
    v.push_back("transport-bound");
    v.push_back("first-law");
    return v;
  }();
  return names;
}

std::vector<CheckResult> run_checks(Level level, int threads) {
  CheckOptions o;
  o.level = level;
  o.threads = threads;
  return run_checks(o);
}

std::vector<CheckResult> run_checks(const CheckOptions& o) {
  const auto& names = check_names();
  if (!o.only.empty() && std::find(names.begin(), names.end(), o.only) == names.end())
    throw InputError(fmt::format("validate: unknown check '{}'", o.only));
  std::vector<CheckResult> out;
  std::vector<checks::ProtocolRun> runs;
  if (!o.units.empty() && o.units != checks::kUnitSets[0].label() && o.units != checks::kUnitSets[1].label())
    throw InputError(fmt::format("validate: unknown units '{}'", o.units));
  const checks::Context ctx{o.level, o.threads, o.mutation, o.units, &out};
  // transport-bound and first-law are judged on the runs of the protocol checks (first-law on the
  // Langevin ones).
  for (const auto& g : checks::groups()) {
    const bool named = std::find(g.names.begin(), g.names.end(), o.only) != g.names.end();
    const bool feeds = (o.only == "transport-bound" && g.makes_runs != checks::none) ||
                       (o.only == "first-law" && g.makes_runs == checks::langevin_runs);
    if (o.only.empty() || named || feeds) g.run(ctx, runs);
  }
  // transport-bound (THEORY §3.2): <W> - dF_neq >= gamma W2^2 / tau for every protocol, within
  // 3 SE of <W> - dF_neq (Fokker-Planck runs: no sampling error, 1e-9 relative).
  for (const auto& r : runs) {
    const double excess = r.work.mean - r.dF_neq;
    const double slack = std::max(3.0 * r.excess_se, 1e-9 * std::fabs(r.bound));
    out.push_back(checks::at_least("transport-bound@" + r.name, r.bound, excess, slack,
                                   fmt::format("<W> - dF_neq = {:.5g} kT >= gamma W2^2/tau = {:.5g} kT (SE {:.2g})",
                                               excess, r.bound, r.excess_se)));
  }
  // first-law (THEORY §6, §7): W - Q - dU per trajectory, dU recomputed from the initial and
  // final positions, relative to the trajectory's energy scale max(kT, |W|, |Q|, |dU|).
  for (const auto& r : runs)
    if (r.langevin)
      out.push_back(checks::absolute("first-law@" + r.name, r.residual, 1e-9,
                                     "max over every trajectory of |W - Q - dU| / max(kT, |W|, |Q|, |dU|), "
                                     "dU = U(x_f, lambda_f) - U(x_0, lambda_0-)"));
  if (!o.only.empty())
    out.erase(std::remove_if(out.begin(), out.end(), [&](const CheckResult& c) { return c.name() != o.only; }),
              out.end());
  return out;
}

Json checks_json(const std::vector<CheckResult>& checks) {
  Json list = Json::array();
  int passed = 0;
  for (const auto& c : checks) {
    Json row{{"id", c.id},           {"name", c.name()},         {"kind", kind_name(c.kind)},
             {"expected", c.expected}, {"measured", c.measured}, {"tolerance", c.tolerance},
             {"pass", c.pass},         {"detail", c.detail}};
    if (c.kind == CheckKind::equality)
      row["relative_error"] = c.expected != 0 ? (c.measured - c.expected) / std::fabs(c.expected) : c.measured;
    else if (c.kind == CheckKind::inequality)
      row["margin"] = c.measured - c.expected;
    else
      row["absolute_error"] = std::fabs(c.measured - c.expected);
    list.push_back(std::move(row));
    passed += c.pass;
  }
  return Json{{"checks", list}, {"passed", passed}, {"failed", static_cast<int>(checks.size()) - passed}};
}

}  // namespace limen::physics
