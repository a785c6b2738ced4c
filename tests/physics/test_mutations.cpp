// Mutation proof of the validation suite (issue 9, THEORY §7: "a check must be able to fail"):
// for every check, a deliberate defect of the engine that the check guards against (mutation.hpp),
// and the assertion that the check then FAILS. The unmutated suite passes (Validate.
// QuickPassesAndListsEveryId). Each test prints the measured values under its mutation.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <set>

#include "limen/physics/api.hpp"
#include "limen/physics/ensemble.hpp"

using limen::physics::CheckOptions;
using limen::physics::CheckResult;
using limen::physics::Mutation;

namespace {

// The checks with a mutation test below (each test's mutated() call is checked against it), and
// weak-noise, whose mutation (the three-point noise variance x1.05) is in test_weak_noise.cpp.
const std::set<std::string> kCovered = {
    "equilibrium-harmonic", "equilibrium-em", "drag-linear", "drag-optimal",     "jarzynski",
    "mfpt-exact",           "escape-rate",    "lifson-jackson", "landauer-erasure", "static-write",
    "fp-vs-langevin",       "transport-bound", "first-law",   "fp-domain",        "weak-noise"};

// Runs check `name` under `m` (in one unit set when `units` is given: the mutation tests stay fast).
std::vector<CheckResult> mutated(const std::string& name, const Mutation& m, const std::string& what,
                                 const std::string& units = "") {
  EXPECT_TRUE(kCovered.count(name)) << name;
  CheckOptions o;
  o.threads = 2;
  o.only = name;
  o.units = units;
  o.mutation = m;
  const auto rows = limen::physics::run_checks(o);
  for (const auto& c : rows)
    std::cout << "[mutation " << what << "] " << c.id << ": measured " << c.measured << ", expected " << c.expected
              << ", tolerance " << c.tolerance << (c.pass ? " pass" : " FAIL") << "\n";
  return rows;
}

// Every row whose id contains `fragment` fails (and there is at least one).
void expect_fails(const std::vector<CheckResult>& rows, const std::string& fragment) {
  int n = 0;
  for (const auto& c : rows)
    if (c.id.find(fragment) != std::string::npos) {
      ++n;
      EXPECT_FALSE(c.pass) << c.id << " passes under the mutation: measured " << c.measured << ", expected "
                           << c.expected << " (" << c.detail << ")";
    }
  EXPECT_GT(n, 0) << "no row matches " << fragment;
}

Mutation noise(double s) {
  Mutation m;
  m.noise_scale = s;
  return m;
}
Mutation frozen() {
  Mutation m;
  m.mobility_scale = 1e-6;
  return m;
}
Mutation drift_gamma_one() {  // the drift uses gamma = 1 while the run says 2.5
  Mutation m;
  m.drift_gamma = 1.0;
  return m;
}
Mutation no_jump_work() {
  Mutation m;
  m.drop_jump_work = true;
  return m;
}

}  // namespace

TEST(Mutation, EquilibriumHarmonicFailsWithNoiseTimes102) {
  expect_fails(mutated("equilibrium-harmonic", noise(1.02), "noise x1.02"), "@");
}

TEST(Mutation, EquilibriumEmFailsWithNoiseTimes102) {
  expect_fails(mutated("equilibrium-em", noise(1.02), "noise x1.02"), "@");
}

TEST(Mutation, DragLinearFailsWithGammaOneInTheDrift) {
  expect_fails(mutated("drag-linear", drift_gamma_one(), "drift gamma 1", "gamma=2.5,kT=0.5"), "gamma=2.5,kT=0.5");
}

TEST(Mutation, DragOptimalFailsWithoutTheJumpWork) {
  expect_fails(mutated("drag-optimal", no_jump_work(), "jump work dropped", "reduced"), "@");
}

// The two parts of jarzynski guard different things: the exponential average the statistics (the
// jump's work), the mean work the motion (frozen dynamics keep <e^-W> right, issue 9).
TEST(Mutation, JarzynskiFailsWithoutTheJumpWorkAndWhenFrozen) {
  expect_fails(mutated("jarzynski", no_jump_work(), "jump work dropped"), "exp-average");
  expect_fails(mutated("jarzynski", frozen(), "frozen"), "mean-work");
}

TEST(Mutation, MfptExactFailsWithNoiseTimes102) {
  expect_fails(mutated("mfpt-exact", noise(1.02), "noise x1.02", "reduced"), "@");
}

TEST(Mutation, EscapeRateFailsWithNoiseTimes102) {
  expect_fails(mutated("escape-rate", noise(1.02), "noise x1.02", "reduced"), "@");
}

TEST(Mutation, LifsonJacksonFailsWithNoiseTimes102) {
  expect_fails(mutated("lifson-jackson", noise(1.02), "noise x1.02", "gamma=2.5,kT=0.5"), "@");
}

// kT = 1 in the diffusion while the run says kT = 0.5 (noise x sqrt 2): the fit sees 2x the work;
// frozen dynamics erase nothing: dF_neq = 0, not kT ln 2.
TEST(Mutation, LandauerErasureFailsWithKTOneInTheNoiseAndWhenFrozen) {
  expect_fails(mutated("landauer-erasure", noise(std::sqrt(2.0)), "noise x sqrt2", "gamma=2.5,kT=0.5"), "fit,gamma=2.5,kT=0.5");
  expect_fails(mutated("landauer-erasure", frozen(), "frozen", "reduced"), "kT-ln-2");
}

TEST(Mutation, StaticWriteFailsWhenFrozen) {
  const auto rows = mutated("static-write", frozen(), "frozen", "reduced");
  expect_fails(rows, "slope-E_b");
  expect_fails(rows, "slope-ln-tau_w");
}

TEST(Mutation, FpVsLangevinFailsWithGammaOneInTheDrift) {
  expect_fails(mutated("fp-vs-langevin", drift_gamma_one(), "drift gamma 1", "gamma=2.5,kT=0.5"), "gamma=2.5,kT=0.5");
}

// Fast drift at the configured gamma: the ensemble dissipates less than gamma W2^2 / tau.
TEST(Mutation, TransportBoundFailsWithGammaOneInTheDrift) {
  expect_fails(mutated("transport-bound", drift_gamma_one(), "drift gamma 1", "gamma=2.5,kT=0.5"), "drag-linear,gamma=2.5,kT=0.5");
}

// The energy tally taken before the move: W - Q equals the tally's dU (the old check passed) but
// not the dU of the positions. Dropping the jump's work breaks it too.
TEST(Mutation, FirstLawFailsWithALaggingTallyAndWithoutTheJumpWork) {
  Mutation lag;
  lag.energy_before_move = true;
  expect_fails(mutated("first-law", lag, "tally before the move", "reduced"), "@");
  expect_fails(mutated("first-law", no_jump_work(), "jump work dropped", "reduced"), "drag-optimal");
}

// Why first-law recomputes dU from the positions (issue 9): under the lagging ledger the running
// tally still satisfies W - Q - dU = 0 to rounding, so a check on the tally could not fail.
TEST(Mutation, LaggingLedgerFoolsTheTallyButNotThePositions) {
  using namespace limen::physics;
  Potential pot;
  pot.add(TermKind::harmonic, "", {1.0, 0.0});
  Protocol proto(pot);
  proto.set(1, Schedule{{0.0, 2.0}, {0.0, 1.0}});
  Dynamics dyn;
  dyn.mutation.energy_before_move = true;
  const Integrator integ(pot, proto, dyn);
  Ensemble e = integ.start(1000);
  integ.advance(e, 2000);
  double tally = 0, positions = 0;
  for (size_t i = 0; i < e.size(); ++i) {
    tally = std::max(tally, std::fabs(e.work[i] - e.heat[i] - (e.u[i] - e.u0[i])));
    const double du = pot.value(proto.after(2.0).data(), e.x[i]) - pot.value(proto.before(0.0).data(), e.x0[i]);
    positions = std::max(positions, std::fabs(e.work[i] - e.heat[i] - du));
  }
  EXPECT_LT(tally, 1e-12);
  EXPECT_GT(positions, 1e-3);
}

// A grid that neither follows nor refuses returns a wrong work; a grid that moves but misplaces
// the density by 25 cells too.
TEST(Mutation, FpDomainFailsOnASilentFixedGridAndAShiftedGrid) {
  Mutation fixed;
  fixed.fixed_fp_grid = true;
  expect_fails(mutated("fp-domain", fixed, "fixed grid, no refusal"), "@");
  Mutation shifted;
  shifted.fp_shift_cells = 25;
  expect_fails(mutated("fp-domain", shifted, "grid shift 25 cells"), "drag-L=60");
}

// Every check run_checks reports has a mutation test above (a check no mutation fails is removed).
TEST(Mutation, EveryCheckHasOne) {
  for (const auto& name : limen::physics::check_names()) EXPECT_TRUE(kCovered.count(name)) << name;
}
