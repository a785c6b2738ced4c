// Study files: grid expansion, axes, explicit points, seeds, and the errors people will meet.
#include <gtest/gtest.h>

#include "limen/sweep/evaluate.hpp"
#include "limen/sweep/study.hpp"
#include "limen/io/config.hpp"
#include "limen/units/error.hpp"

using namespace limen;
using namespace limen::sweep;

namespace {
Study parse(const std::string& text) { return parse_study(text, "study.toml", "."); }

std::string message_of(const std::string& text) {
  try {
    parse(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(Study, GridIsEveryCombinationLastKeyFastest) {
  const Study s = parse(R"([study]
command = "project"
[base]
model = "gpt-3"
[grid]
bits = [8, 16]
train-time = ["1d", "30d", "300d"]
)");
  ASSERT_EQ(s.points.size(), 6u);
  EXPECT_EQ(s.points[0].values[0].first, "bits");
  EXPECT_EQ(s.points[0].values[0].second, 8);
  EXPECT_EQ(s.points[0].values[1].second, "1d");
  EXPECT_EQ(s.points[1].values[1].second, "30d");
  EXPECT_EQ(s.points[3].values[0].second, 16);
  EXPECT_EQ(s.points[3].values[1].second, "1d");
  EXPECT_EQ(s.points[5].index, 5u);
  EXPECT_EQ(s.base["model"], "gpt-3");
}

TEST(Study, LogAndLinearAxesWithUnits) {
  const Study s = parse(R"([study]
[grid]
params = { log = "1e9:1e15:7" }
)");
  ASSERT_EQ(s.points.size(), 7u);
  EXPECT_DOUBLE_EQ(s.points[0].values[0].second.get<double>(), 1e9);
  EXPECT_DOUBLE_EQ(s.points[1].values[0].second.get<double>(), 1e10);
  EXPECT_DOUBLE_EQ(s.points[6].values[0].second.get<double>(), 1e15);
  EXPECT_EQ(flag_text(s.points[1].values[0].second), "10000000000");
  const Study t = parse(R"([study]
[grid]
train-time = { linear = "1d:3d:3" }
)");
  ASSERT_EQ(t.points.size(), 3u);
  EXPECT_DOUBLE_EQ(t.points[1].values[0].second.get<double>(), 2 * 86400.0);
}

TEST(Study, ExplicitPointsFollowTheGrid) {
  const Study s = parse(R"([study]
[grid]
bits = [8, 16]
[[point]]
bits = 32
params = 1e12
[[point]]
model = "palm"
)");
  ASSERT_EQ(s.points.size(), 4u);
  EXPECT_EQ(s.points[2].values.size(), 2u);
  EXPECT_EQ(s.points[3].values[0].first, "model");
}

TEST(Study, NoGridMeansOnePointOfTheBase) {
  const Study s = parse("[study]\n[base]\nmodel = \"gpt-3\"\n");
  ASSERT_EQ(s.points.size(), 1u);
  EXPECT_TRUE(s.points[0].values.empty());
}

TEST(Study, PointSeedsDependOnlyOnStudySeedAndIndex) {
  EXPECT_EQ(point_seed(1, 5), point_seed(1, 5));
  EXPECT_NE(point_seed(1, 5), point_seed(1, 6));
  EXPECT_NE(point_seed(1, 5), point_seed(2, 5));
  EXPECT_LT(point_seed(123, 0), 1ULL << 53);  // exact in JSON and TOML
}

TEST(Study, FlagTextOfValues) {
  EXPECT_EQ(flag_text(Json(1e15)), "1000000000000000");
  EXPECT_EQ(flag_text(Json(2.5e-21)), "2.5e-21");
  EXPECT_EQ(flag_text(Json(0.1)), "0.1");
  EXPECT_EQ(flag_text(Json(32)), "32");
  EXPECT_EQ(flag_text(Json::array({"lim", "cim"})), "lim,cim");
}

TEST(Study, ErrorsNameFileLineAndKey) {
  // An unknown key of [study], with the nearest known one.
  auto m = message_of("[study]\ncomand = \"project\"\n");
  EXPECT_NE(m.find("study.toml:2"), std::string::npos) << m;
  EXPECT_NE(m.find("did you mean 'command'"), std::string::npos) << m;
  // An unknown command lists the accepted ones.
  m = message_of("[study]\ncommand = \"projekt\"\n");
  EXPECT_NE(m.find("project"), std::string::npos) << m;
  // A bad axis: line, table, key and the accepted form.
  m = message_of("[study]\n[grid]\nparams = { log = \"1e9:1e15\" }\n");
  EXPECT_NE(m.find("study.toml:3: [grid] params"), std::string::npos) << m;
  EXPECT_NE(m.find("START:STOP:POINTS"), std::string::npos) << m;
  m = message_of("[study]\n[grid]\nparams = { log = \"0:1e15:3\" }\n");
  EXPECT_NE(m.find("START > 0"), std::string::npos) << m;
  m = message_of("[study]\n[grid]\nparams = []\n");
  EXPECT_NE(m.find("at least one value"), std::string::npos) << m;
  m = message_of("[study]\nthreads = -1\n");
  EXPECT_NE(m.find("threads"), std::string::npos) << m;
  // project is deterministic: a seed key is a mistake.
  m = message_of("[study]\nseed_key = \"run.seed\"\n");
  EXPECT_NE(m.find("seed_key"), std::string::npos) << m;
  // A missing [study] table.
  m = message_of("[grid]\nbits = [8]\n");
  EXPECT_NE(m.find("study"), std::string::npos) << m;
  // A TOML syntax error keeps its line and column.
  m = message_of("[study]\ncommand = \n");
  EXPECT_NE(m.find("study.toml:2"), std::string::npos) << m;
}

TEST(Study, PointConfigSetsDottedKeysAndTheSeed) {
  Study s = parse(R"([study]
command = "simulate"
seed = 7
seed_key = "run.seed"
[base.run]
particles = 100
dt = 0.01
[grid]
"run.particles" = [10, 20]
"potential.stiffness" = [1.5]
)");
  ASSERT_EQ(s.points.size(), 2u);
  const std::string text = point_config_text(s, s.points[1]);
  const Config c = Config::parse(text, "point");
  EXPECT_EQ(c.table("run").integer("particles"), 20);
  EXPECT_DOUBLE_EQ(c.table("run").number("dt"), 0.01);
  EXPECT_DOUBLE_EQ(c.table("potential").number("stiffness"), 1.5);
  EXPECT_EQ(static_cast<unsigned long long>(c.table("run").integer("seed")), point_seed(7, 1));
}

TEST(Study, FingerprintChangesWithWhatDefinesTheResults) {
  const Study a = parse("[study]\n[base]\nmodel = \"gpt-3\"\n[grid]\nbits = [8, 16]\n");
  const Study b = parse("[study]\n[base]\nmodel = \"palm\"\n[grid]\nbits = [8, 16]\n");
  const Study c = parse("[study]\noutputs = [\"paradigms.lim.total_J\"]\n[base]\nmodel = \"gpt-3\"\n[grid]\nbits = [8, 16]\n");
  EXPECT_NE(a.fingerprint, b.fingerprint);
  EXPECT_EQ(a.fingerprint, c.fingerprint);  // the columns shown do not change what is computed
}

TEST(Study, SplitEnsemblesIsForSimulateStudiesOnly) {
  EXPECT_FALSE(parse("[study]\ncommand = \"simulate\"\n").split_ensembles);  // default "points"
  EXPECT_TRUE(parse("[study]\ncommand = \"simulate\"\nsplit = \"ensembles\"\n").split_ensembles);
  const std::string m = message_of("[study]\ncommand = \"train\"\nsplit = \"ensembles\"\n");
  EXPECT_NE(m.find("study.toml:3"), std::string::npos) << m;
  EXPECT_NE(m.find("split"), std::string::npos) << m;
  EXPECT_NE(message_of("[study]\ncommand = \"simulate\"\nsplit = \"ensemble\"\n").find("ensembles"), std::string::npos);
}
