// One step of a memory (THEORY §5.3, 5.5) against the exact transport, from an independent
// reference (mpmath, tests/memory/reference_values.py): under a constant force F the coarse memory
// moves by v(F, E_b) dt on average with variance 2 D(F, E_b) dt, its stationary density books the
// memory potential's heat, and a barrier change is paid with the density before it (the 30.5 kT
// of THEORY §5.3's raise from 0 to 61 kT). The linear-response memory moves with mu_eff.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "limen/memory/memory.hpp"
#include "limen/physics/mobility.hpp"
#include "../support/boltzmann_share.hpp"

using namespace limen;
using memory::Model;

namespace {
constexpr long long kN = 100000;

std::unique_ptr<memory::Memory> make(Model model) {
  memory::MemorySpec s;
  s.model = model;
  s.mobility0 = 1;  // l = 1, kT = 1, D_0 = 1: reduced units
  s.level = 1;
  s.bits = 30;
  s.offset = -std::ldexp(1.0, 29);  // walls far away
  std::vector<uint64_t> ids(kN);
  std::iota(ids.begin(), ids.end(), 0);
  return memory::make_memory(s, ids, 42);
}

struct Moments {
  double mean, var, se_mean, se_var;
};
Moments displacement(const std::vector<double>& before, const std::vector<double>& after) {
  double s = 0, s2 = 0;
  for (size_t i = 0; i < before.size(); ++i) {
    const double d = after[i] - before[i];
    s += d;
    s2 += d * d;
  }
  const double n = static_cast<double>(before.size()), mean = s / n, var = s2 / n - mean * mean;
  return {mean, var, std::sqrt(var / n), var * std::sqrt(2 / n)};
}
using limen::test::boltzmann_share;  // the reference share (tests/support)
const memory::Landscape kNoLandscape = [](std::span<const double>, std::span<double>) { return 0.0; };
}  // namespace

TEST(MemoryStep, CoarseMovesWithTheExactDriftAndDiffusion) {
  // E_b = 20 kT, beta F l = 40: v/F = 0.01632041652 mu_0, D = 0.3171190083 D_0, share 0.1669166092 (mpmath).
  const double e = 20, f = 40, v_ref = f * 0.01632041652, d_ref = 0.3171190083, share_ref = 0.1669166092;
  const double share0 = boltzmann_share(61);  // held at retention: the density when E_b dropped to 20 kT
  const auto m = make(Model::coarse);
  std::vector<double> w(kN, 0.0), grad(kN, -f), start;
  memory::Ledger ledger;
  m->hold(w, ledger);
  m->set_barrier(w, e, ledger);
  const double heat0 = ledger.heat_kT;
  start = w;
  const double dt = 2.0;
  m->move(w, grad, 1.0, kNoLandscape, 0, dt, ledger);  // force -kappa g = 40
  const Moments d = displacement(start, w);
  EXPECT_NEAR(d.mean, v_ref * dt, std::max(4 * d.se_mean, 1e-3 * v_ref * dt));
  EXPECT_NEAR(d.var, 2 * d_ref * dt, std::max(4 * d.se_var, 1e-3 * d_ref * dt));
  EXPECT_LT(d.se_var / d.var, 0.01);  // the test resolves a 5% error in D
  // After the drop at fixed state the density relaxes from the 61 kT well's to p_s(F, E_b): heat
  // E_b (share_0 - share_ps) each.
  EXPECT_NEAR((ledger.heat_kT - heat0) / kN, e * (share0 - share_ref), 1e-3 * e * share_ref);
  // A raise at fixed state is paid with the density before it (THEORY §5.3, §6).
  const double work0 = ledger.work_kT;
  m->set_barrier(w, 61, ledger);
  EXPECT_NEAR((ledger.work_kT - work0) / kN, (61 - e) * share_ref, 1e-3 * 41 * share_ref);
  // Odd in the force: the opposite gradient, with the same noise, moves the other way by v dt; the
  // half-difference is the drift without the noise.
  std::vector<double> w2(kN, 0.0), back(kN, f);
  const auto m2 = make(Model::coarse);
  memory::Ledger l2;
  m2->hold(w2, l2);
  m2->set_barrier(w2, e, l2);
  m2->move(w2, back, 1.0, kNoLandscape, 0, dt, l2);
  EXPECT_NEAR(0.5 * (d.mean - displacement(std::vector<double>(kN, 0.0), w2).mean), v_ref * dt, 1e-3 * v_ref * dt);
}

// THEORY §5.3: lowering the barrier to 0, relaxing (uniform density) and raising it to 61 kT costs
// 61 * 1/2 = 30.5 kT per parameter with the pre-jump density.
TEST(MemoryStep, RaiseFromZeroCostsHalfTheBarrier) {
  const auto m = make(Model::coarse);
  std::vector<double> w(kN, 0.0), zero(kN, 0.0);
  memory::Ledger ledger;
  m->hold(w, ledger);
  m->set_barrier(w, 0, ledger);
  m->move(w, zero, 0.0, kNoLandscape, 0, 1.0, ledger);
  const double before = ledger.work_kT;
  m->set_barrier(w, 61, ledger);
  EXPECT_NEAR((ledger.work_kT - before) / kN, 30.5, 1e-3);
}

// Linear response (THEORY §5.5): v = mu_eff F, D = mu_eff kT.
TEST(MemoryStep, LinearResponseMovesWithTheLifsonJacksonMobility) {
  const double e = 8, f = 0.3, mu_eff = 0.0078288034947653284;  // 1/I_0(4)^2, mpmath
  const auto m = make(Model::linear_response);
  std::vector<double> w(kN, 0.0), grad(kN, -f);
  memory::Ledger ledger;
  m->hold(w, ledger);
  m->set_barrier(w, e, ledger);
  const double dt = 50;
  m->move(w, grad, 1.0, kNoLandscape, 0, dt, ledger);
  const Moments d = displacement(std::vector<double>(kN, 0.0), w);
  EXPECT_NEAR(d.mean, mu_eff * f * dt, 4 * d.se_mean);
  EXPECT_NEAR(d.var, 2 * mu_eff * dt, 4 * d.se_var);
}
