// cim:<memory> (README "Device memories"): the walls of catalog devices on a small workload,
// computed by hand here from the catalog figures, and the project command's JSON.
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
const double compute = 6e7 * 8 * (ln2 + 1e-9 / (2.0 / 60)) * kT;  // F b eps_L(tau_op)

Breakdown energy_of(const std::string& name) {
  static const Catalog c = Catalog::builtin();
  return make_paradigm(name, c)->energy(small(), Device{});
}
}  // namespace

TEST(CimDevice, AnalogRram) {
  // 1000 states, 1 pJ per pulse, 12.5 fJ per cell read: p = (1000 - 1) / (2^8 - 1) pulses per update.
  const Breakdown b = energy_of("cim:rram");
  EXPECT_NEAR(b.compute_J / compute, 1, 1e-12);
  EXPECT_NEAR(b.memory_J / (2e7 * 1.25e-14), 1, 1e-12);
  EXPECT_NEAR(b.update_J / (1e6 * (999.0 / 255.0) * 1e-12), 1, 1e-12);
  EXPECT_EQ(b.consolidation_J, 0);
}

TEST(CimDevice, DigitalFefetReadsItsWord) {
  // 10 fJ per written bit, b = 8 bits rewritten per update; a parameter read reads 8 bits at
  // (0.5 V)^2 x 1.788 uS x 5 ns = 2.235 fJ each (NeuroSim's 2T-1FeFET cell, issue 11c).
  const Breakdown b = energy_of("cim:fefet");
  EXPECT_NEAR(b.update_J / (1e6 * 8 * 1e-14), 1, 1e-12);
  EXPECT_NEAR(b.memory_J / (2e7 * 8 * 0.25 * 1.788e-6 * 5e-9), 1, 1e-12);
  static const Catalog c = Catalog::builtin();
  const Json a = make_paradigm("cim:fefet", c)->assumptions(small(), Device{});
  EXPECT_FALSE(a.contains("memory_wall_note"));
  EXPECT_NE(a["device_figures"]["read_energy_per_bit"]["source"].get<std::string>().find("NeuroSim"), std::string::npos);
}

TEST(CimDevice, AnalogEcramWithoutReadFigure) {
  // No published ECRAM read energy was found: no memory wall, and the assumptions say so.
  const Breakdown b = energy_of("cim:ecram");
  EXPECT_EQ(b.memory_J, 0);
  EXPECT_NEAR(b.update_J / (1e6 * (999.0 / 255.0) * 1e-15), 1, 1e-12);
  static const Catalog c = Catalog::builtin();
  EXPECT_TRUE(make_paradigm("cim:ecram", c)->assumptions(small(), Device{}).contains("memory_wall_note"));
}

TEST(CimDevice, PcmPairPaysItsRefreshes) {
  // PCM, a one-sided pair: 200 states -> p = max(1, 199 / 255) = 1 SET pulse of 3.375 pJ per update.
  // n_fill: the noiseless exp step of aihwkit's PCM preset, dg = 0.01 (1 + 27.235 exp(-2.5 g)) (a = -1,
  // b = 0, g_max = 2), from the reset level 0.01 to max(0.75, 0.25) g_max = 1.5 takes 35 pulses
  // (iterated by hand; the continuum ln((e^{3.75} + A) / (e^{0.025} + A)) / 0.025 = 36.1 agrees).
  // Both cells fill evenly: one refresh (2 RESETs of 10 pJ) per 2 x 35 pulses; the refresh check reads
  // 2 cells of every pair every step (2 N M), and a parameter read reads both cells, at 2 pJ each.
  const double n_fill = 35;
  EXPECT_NEAR(std::log((std::exp(3.75) + 27.235) / (std::exp(0.025) + 27.235)) / 0.025, n_fill, 1.5);
  const Breakdown b = energy_of("cim:pcm");
  const double set = 1e6 * 1 * 3.375e-12, refresh = 1e6 * (1 / (2 * n_fill)) * 2 * 1e-11;
  const double checks = 2 * 1e3 * 1000 * 2e-12;
  EXPECT_NEAR(b.update_J / (set + refresh + checks), 1, 1e-12);
  EXPECT_NEAR(b.memory_J / (2e7 * 2 * 2e-12), 1, 1e-12);
  EXPECT_EQ(b.consolidation_J, 0);
  static const Catalog c = Catalog::builtin();
  const Json a = make_paradigm("cim:pcm", c)->assumptions(small(), Device{});
  EXPECT_EQ(a["refresh"]["pulses_to_refresh_n_fill"], n_fill);
  EXPECT_NEAR(a["refresh"]["refreshes"].get<double>(), 1e6 / 70, 1e-6);
  EXPECT_NE(a["refresh"]["assumption"].get<std::string>().find("split evenly"), std::string::npos);
  EXPECT_NE(a["device_figures"]["reset_energy_per_pulse"]["source"].get<std::string>().find("Wong"), std::string::npos);
}

TEST(CimDevice, VolatileDramConsolidatesAndRefreshes) {
  // 20 pJ per bit read and written; K = 1 copy into long-term cells at eps_w(61.016444 kT, 1000 s)
  // = 61.016444 - ln(1e12) kT, plus refresh floor(1000 / 0.064) = 15625 times N b bits.
  const Breakdown b = energy_of("cim:dram");
  EXPECT_NEAR(b.memory_J / (2e7 * 8 * 2e-11), 1, 1e-12);
  EXPECT_NEAR(b.update_J / (1e6 * 8 * 2e-11), 1, 1e-12);
  const double copy = 1e3 * 8 * ((61.016444 - std::log(1e12)) * kT + 2e-11);
  const double refresh = 1e3 * 8 * 15625 * 2e-11;
  EXPECT_NEAR(b.consolidation_J / (copy + refresh), 1, 1e-6);
}

TEST(CimDevice, ProjectJsonCarriesSourcedFigures) {
  const Json doc = project_json({{"paradigm", "cim:rram,cim:fefet,lim,landauer"}});
  ASSERT_EQ(doc["paradigms"].size(), 4u);
  EXPECT_EQ(doc["paradigms"][0]["name"], "cim:rram");
  const Json& f = doc["paradigms"][0]["assumptions"]["device_figures"];
  EXPECT_NE(f["write_energy_per_pulse"]["source"].get<std::string>().find("Wong"), std::string::npos);
  EXPECT_EQ(f["states"]["value"], 1000);
  EXPECT_EQ(doc["paradigms"][3]["name"], "landauer");
  // A device never costs less than the physics floor it shares (compute) and pays real walls on top.
  EXPECT_GT(doc["paradigms"][0]["total_J"].get<double>(), doc["paradigms"][2]["total_J"].get<double>());
}

TEST(CimDevice, UnknownMemoryNamesTheFlag) {
  try {
    project_json({{"paradigm", "cim:rrma"}});
    FAIL();
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("--paradigm"), std::string::npos) << m;
    EXPECT_NE(m.find("cim:rram"), std::string::npos) << m;
  }
}

TEST(CimDevice, TrainingFiguresNeedSources) {
  Catalog c;
  const std::string base = "[memory.x]\nvolatile = false\nretention_s = 1\nwrite_energy_per_bit = 1e-12\nsource = \"notes\"\n";
  EXPECT_THROW(c.load_text(base + "read_energy_per_bit = 1e-15\n", "user.toml"), InputError);
  EXPECT_NO_THROW(c.load_text(base + "read_energy_per_bit = 1e-15\n[memory.x.sources]\nread_energy_per_bit = \"my data\"\n",
                              "user.toml"));
  // An analog memory needs a per-pulse energy and a response (or the reason it has none).
  EXPECT_THROW(c.load_text(base + "analog = true\n", "user.toml"), InputError);
  EXPECT_THROW(c.load_text(base + "analog = true\nwrite_energy_per_pulse = 1e-15\n[memory.x.sources]\n"
                                  "write_energy_per_pulse = \"d\"\n",
                           "user.toml"),
               InputError);
}
