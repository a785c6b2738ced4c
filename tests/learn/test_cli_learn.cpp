// `limen train` and `limen tradeoff` end to end: JSON keys, CSV, bad input -> exit 2.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "../cli/cli_helpers.hpp"

using limen::test::run_cli;

namespace {
std::string write_config(const std::string& name, const std::string& text) {
  const std::string p = "/tmp/limen_learn_" + name + ".toml";
  std::ofstream(p) << text;
  return p;
}
const char* kQuadratic = R"([model]
kind = "quadratic"
parameters = 100
[schedule]
kind = "matched"
barrier = 20.0
[train]
eta = 1.0
time = 10.0
steps = 2000
target_error = 0.25
)";
}  // namespace

TEST(CliTrain, JsonSummaryAndStepsCsv) {
  const std::string cfg = write_config("q", kQuadratic), csv = "/tmp/limen_learn_steps.csv";
  const auto r = run_cli("train " + cfg + " --format json --steps-csv " + csv);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  for (const char* k : {"final_loss", "heat_J", "heat_kT_per_param", "bound_J", "alpha", "exact_J", "reached_target",
                        "train_time", "schedule"})
    EXPECT_TRUE(j.contains(k)) << k;
  EXPECT_TRUE(j["reached_target"].get<bool>());
  EXPECT_GT(j["heat_J"].get<double>(), j["bound_J"].get<double>());
  EXPECT_NEAR(j["heat_J"].get<double>() / j["exact_J"].get<double>(), 1, 0.03);
  std::ifstream f(csv);
  std::string header;
  std::getline(f, header);
  EXPECT_EQ(header, "step,time,loss,mean_sq_error,barrier_kT,mobility,heat_kT");
  std::remove(csv.c_str());
}

TEST(CliTrain, BadInputExitsTwoNamingTheKey) {
  std::string text = kQuadratic;
  text.replace(text.find("eta = 1.0"), 9, "etaa = 1.0");
  auto r = run_cli("train " + write_config("bad", text));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("eta"), std::string::npos) << r.err;
  text = kQuadratic;
  text.replace(text.find("kind = \"matched\""), 16, "kind = \"matchd\"");
  r = run_cli("train " + write_config("bad2", text));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("did you mean"), std::string::npos) << r.err;
  r = run_cli("train /nonexistent.toml");
  EXPECT_EQ(r.status, 2);
}

TEST(CliTradeoff, MatchedHeatFallsToPlateauAboveBound) {
  const std::string cfg = write_config("t", kQuadratic);
  const auto r = run_cli("tradeoff " + cfg + " --format json --schedules matched,static --train-time 0.2:200:4");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["points"].size(), 8u);
  EXPECT_GT(j["floor_J"].get<double>(), 0);
  double prev = 1e300;
  for (const auto& p : j["points"]) {
    EXPECT_GT(p["heat_J"].get<double>(), p["bound_J"].get<double>());
    if (p["schedule"] == "matched") {
      EXPECT_LE(p["heat_J"].get<double>(), prev * (1 + 1e-3));
      prev = p["heat_J"].get<double>();
    }
  }
  const auto bad = run_cli("tradeoff " + cfg + " --schedules matchd");
  EXPECT_EQ(bad.status, 2);
  const auto csv = run_cli("tradeoff " + cfg + " --format csv --schedules switched --train-time 1:10:2");
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')), "train_time,schedule,eta,elapsed_time,heat_J,bound_J,alpha,exact_J,reached_target");
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 3);
  EXPECT_EQ(run_cli("tradeoff " + cfg + " --train-time 1:10:0").status, 2);
}

TEST(CliTrain, CurveScheduleAndIdxData) {
  std::ofstream("/tmp/limen_learn_curve.csv") << "t,E_b\n0,6\n5,10\n10,14\n";
  std::string text = kQuadratic;
  text.replace(text.find("kind = \"matched\""), 16, "kind = \"curve\"\ncurve = \"/tmp/limen_learn_curve.csv\"");
  auto r = run_cli("train " + write_config("curve", text) + " --format json");
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["schedule"], "curve");
  EXPECT_NEAR(j["heat_J"].get<double>() / j["exact_J"].get<double>(), 1, 0.03);
  // A curve with decreasing times is bad input naming the file and line.
  std::ofstream("/tmp/limen_learn_curve.csv") << "0,6\n5,10\n4,14\n";
  r = run_cli("train " + write_config("curve", text));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("limen_learn_curve.csv:3"), std::string::npos) << r.err;

  // IDX images (4 pixels) and labels, two separable classes.
  const auto be32 = [](uint32_t v) { return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; };
  std::string im = std::string("\0\0\x08\x02", 4) + be32(40) + be32(4), lb = std::string("\0\0\x08\x01", 4) + be32(40);
  for (int i = 0; i < 40; ++i) {
    const int c = i % 2;
    for (int p = 0; p < 4; ++p) im += char(c ? 200 - 10 * p + i : 20 + 5 * p + i);
    lb += char(c);
  }
  std::ofstream("/tmp/limen_learn_x.idx", std::ios::binary) << im;
  std::ofstream("/tmp/limen_learn_y.idx", std::ios::binary) << lb;
  const std::string cfg = write_config("idx", R"([model]
kind = "softmax"
[data]
source = "idx"
images = "/tmp/limen_learn_x.idx"
labels = "/tmp/limen_learn_y.idx"
test_fraction = 0.25
[memory]
level = 0.015625
[train]
eta = 1.0
time = 20.0
steps = 400
replicas = 2
target_accuracy = 0.9
)");
  r = run_cli("train " + cfg + " --format json");
  ASSERT_EQ(r.status, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  EXPECT_GE(j["test_accuracy"].get<double>(), 0.9);
  EXPECT_TRUE(j["exact_J"].is_null());
}
