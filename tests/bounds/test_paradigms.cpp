// THEORY.md section 4: every paradigm on a small workload whose walls are computed by hand here,
// and the brain-scale ladder of section 4's reading.
#include <gtest/gtest.h>

#include <cmath>

#include "limen/bounds/paradigm.hpp"
#include "limen/bounds/project.hpp"
#include "../support/small_workload.hpp"

using namespace limen;

namespace {
// The hand-computed workload of tests/support/small_workload.hpp (its comment lists its symbols).
Workload small() { return limen::test::small_workload(); }
const double kT = limen::test::kT300;
const double ln2 = limen::test::kLn2;
const double Eb_long = 61.016444;   // ln(3.15576e26)
const double Eb_short = 38.697656;  // ln(6.4e16)

Breakdown energy_of(const std::string& name, const Workload& w, const Device& d = Device{}) {
  static const Catalog c = Catalog::builtin();
  return make_paradigm(name, c)->energy(w, d);
}
}  // namespace

TEST(Workload, Resolve) {
  const Workload w = small();
  EXPECT_DOUBLE_EQ(w.flops, 6e7);
  EXPECT_DOUBLE_EQ(w.steps, 1000);
  EXPECT_DOUBLE_EQ(w.update_ops, 1e6);
  WorkloadSpec s;
  s.params = 10;
  s.tokens = 25;
  s.batch = 10;
  EXPECT_DOUBLE_EQ(resolve(s).steps, 3);  // ceil(25 / 10)
  s.flops = 1000;
  EXPECT_DOUBLE_EQ(resolve(s).flops_per_param_token, 4);  // c = F / (N D)
}

TEST(Paradigms, Landauer) {
  const Breakdown b = energy_of("landauer", small());
  EXPECT_NEAR(b.total_J() / (6e7 * 8 * ln2 * kT), 1, 1e-12);
  EXPECT_EQ(b.memory_J + b.update_J + b.consolidation_J, 0);
}

TEST(Paradigms, Lim) {
  const Breakdown b = energy_of("lim", small());
  EXPECT_NEAR(b.compute_J / (6e7 * 8 * (ln2 + 1e-9 / (2.0 / 60)) * kT), 1, 1e-12);
  // OPS n_u^2 tau_D / tau_up + alpha N b ln 2 = 1e6 * 1e-9 + 1e3 * 8 ln 2.
  EXPECT_NEAR(b.update_J / ((1e-3 + 8e3 * ln2) * kT), 1, 1e-12);
  EXPECT_EQ(b.memory_J, 0);
  EXPECT_EQ(b.consolidation_J, 0);
  Device d;
  d.lim_overhead = 15;
  d.update_levels = 2;
  EXPECT_NEAR(energy_of("lim", small(), d).update_J / ((4e-3 + 15 * 8e3 * ln2) * kT), 1, 1e-12);
}

TEST(Paradigms, Cim) {
  const Breakdown b = energy_of("cim", small());
  // OPS b (E_b,long - ln(nu_0 tau_up)) = 1e6 * 8 * (61.016444 - ln 1e9).
  EXPECT_NEAR(b.update_J / (8e6 * (Eb_long - 9 * std::log(10.0)) * kT), 1, 1e-6);
  EXPECT_EQ(b.consolidation_J, 0);
}

TEST(Paradigms, CimVolatile) {
  const Breakdown b = energy_of("cim-volatile", small());
  EXPECT_NEAR(b.update_J / (8e6 * (Eb_short - 9 * std::log(10.0)) * kT), 1, 1e-6);
  // K = floor(1000 / 1000) = 1 copy of N b = 8e3 bits, written over T/K = 1000 s: ln(1e12).
  EXPECT_NEAR(b.consolidation_J / (8e3 * (Eb_long - 12 * std::log(10.0)) * kT), 1, 1e-6);
}

TEST(Paradigms, VonNeumann) {
  const Breakdown b = energy_of("vn", small());
  EXPECT_NEAR(b.compute_J / (6e7 * 8 * ln2 * kT), 1, 1e-12);
  EXPECT_NEAR(b.memory_J / (6e7 * 2 * 8 * (ln2 + 3e-8) * kT), 1, 1e-12);  // r = 2 fetches per FLOP
  EXPECT_NEAR(b.update_J / (8e6 * (Eb_short - 9 * std::log(10.0)) * kT), 1, 1e-6);
}

TEST(Paradigms, Tech45nm) {
  const Breakdown b = energy_of("tech:45nm", small());
  EXPECT_NEAR(b.compute_J / (6e7 * (0.03e-12 + 0.2e-12) / 2), 1, 1e-12);  // int8 add + mul, half each
  EXPECT_NEAR(b.memory_J / (6e7 * 2 * 8 * 2e-11), 1, 1e-12);             // DRAM 640 pJ / 32 bit
  EXPECT_NEAR(b.update_J / (1e6 * 8 * 2e-11), 1, 1e-12);
  EXPECT_NEAR(b.consolidation_J / (1 * 1e3 * 8 * 4e-11), 1, 1e-12);
}

TEST(Paradigms, HardwareH100) {
  static const Catalog c = Catalog::builtin();
  const auto p = make_paradigm("hw:h100", c);
  const Workload w = small();
  EXPECT_NEAR(p->energy(w, Device{}).total_J() / (6e7 / (989e12 * 0.4) * 700), 1, 1e-12);
  EXPECT_NEAR(p->lower_bound_J(w, Device{}) / (6e7 / 989e12 * 700), 1, 1e-12);
}

TEST(Paradigms, UnknownNameSuggests) {
  try {
    energy_of("hw:h10", small());
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'h100'"), std::string::npos) << e.what();
  }
}

namespace {
double total(const Json& doc, const std::string& name, const char* key = "total_J") {
  for (const auto& p : doc["paradigms"])
    if (p["name"] == name) return p[key].get<double>();
  ADD_FAILURE() << "no paradigm " << name;
  return NAN;
}
}  // namespace

TEST(Ladder, BrainScaleReadingOfTheory) {
  const Json doc = project_json({});
  const double lim = total(doc, "lim"), landauer = total(doc, "landauer");
  // By hand: F b kT ln 2 = 1.8e27 * 32 * 2.870979e-21 J = 1.6537e8 J.
  EXPECT_NEAR(landauer / 1.6537e8, 1, 1e-4);
  EXPECT_GT(lim, 1e8);
  EXPECT_LT(lim, 1e9);
  EXPECT_GT(lim / landauer, 0.9);
  EXPECT_LT(lim / landauer, 1.1);
  const double h100 = total(doc, "hw:h100", "lower_bound_J");
  EXPECT_NEAR(h100 / 1.274e15, 1, 1e-3);  // 1.8e27 / 989e12 * 700
  EXPECT_GT(h100 / lim, 1e6);
  EXPECT_LT(h100 / lim, 1e8);
  EXPECT_GT(total(doc, "cim") / lim, 5);
  const Json batched = project_json({{"batch", "4000000"}});
  EXPECT_LT(total(batched, "cim") / total(batched, "lim"), 2);
}

TEST(Ladder, VaryIsLogSpacedAndMovesTheAnswer) {
  const Json doc = project_json({{"vary", "bits=8:32:3"}, {"paradigm", "landauer"}});
  ASSERT_EQ(doc["points"].size(), 3u);
  EXPECT_EQ(doc["points"][1]["value"].get<double>(), 16);
  const double e8 = doc["points"][0]["paradigms"][0]["total_J"].get<double>();
  const double e32 = doc["points"][2]["paradigms"][0]["total_J"].get<double>();
  EXPECT_NEAR(e32 / e8, 4, 1e-12);  // Landauer is linear in b
}

TEST(Ladder, ModelFlagsOverride) {
  const Json doc = project_json({{"model", "gpt-3"}, {"bits", "16"}});
  EXPECT_EQ(doc["workload"]["F"].get<double>(), 3.14e23);  // the catalog's F is kept
  EXPECT_EQ(doc["workload"]["b"].get<int>(), 16);
  const Json custom = project_json({{"model", "gpt-3"}, {"params", "1e9"}});
  EXPECT_DOUBLE_EQ(custom["workload"]["F"].get<double>(), 6 * 1e9 * 3e11);  // F = c N D once N changes
}
