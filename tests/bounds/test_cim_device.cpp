// cim:<memory> (README "Device memories"): the walls of catalog devices on a small workload,
// computed by hand here from the catalog figures, and the project command's JSON.
#include <gtest/gtest.h>

#include <cmath>

#include "limen/bounds/paradigm.hpp"
#include "limen/bounds/project.hpp"

using namespace limen;

namespace {
// N = 1e3, D = 1e4, c = 6 -> F = 6e7; B = 10 -> M = 1000, OPS = 1e6; b = 8; T = 1000 s;
// P = N -> tau_op = 1/60 s; tau_0 = tau_D = 1 ns; 300 K. Parameter reads R = 2 N D = 2e7.
Workload small() {
  WorkloadSpec s;
  s.params = 1e3;
  s.tokens = 1e4;
  s.batch = 10;
  s.bits = 8;
  s.train_time_s = 1000;
  return resolve(s);
}
const double kT = 1.380649e-23 * 300;
const double ln2 = 0.6931471805599453;
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

TEST(CimDevice, DigitalFefetWithoutReadFigure) {
  // 10 fJ per written bit, b = 8 bits rewritten per update; no sourced read energy: no memory wall.
  const Breakdown b = energy_of("cim:fefet");
  EXPECT_NEAR(b.update_J / (1e6 * 8 * 1e-14), 1, 1e-12);
  EXPECT_EQ(b.memory_J, 0);
  static const Catalog c = Catalog::builtin();
  const Json a = make_paradigm("cim:fefet", c)->assumptions(small(), Device{});
  EXPECT_TRUE(a.contains("memory_wall_note"));
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
