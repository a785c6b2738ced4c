// The bad inputs of issue 10 item 3, each as a new user met it: one line on stderr naming the
// flag, key or file:line with the accepted range, exit status 2, nothing on stdout. Each case
// failed before its fix (the comment says how).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>

#include "cli_helpers.hpp"

using limen::test::run_cli;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("limen_defects_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// Exit 2, nothing on stdout, one line on stderr holding every `needle`.
void expect_refused(const limen::test::CliResult& r, std::initializer_list<std::string> needles) {
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  for (const auto& n : needles) EXPECT_NE(r.err.find(n), std::string::npos) << "missing '" << n << "' in: " << r.err;
}

const char* const kQuadratic = limen::test::kQuadraticCurveConfig;

}  // namespace

// Was: "value at workload.xxx is not finite" (an internal JSON path).
TEST(Defects, TinyTrainTimeNamesTheFlag) {
  expect_refused(run_cli("project --train-time 1e-300s"), {"--train-time", "1e-18 s"});
  expect_refused(run_cli("project --tau0 1e40y"), {"--tau0", "1e30 s"});
}

// Was: a directory read as an empty catalog, silently.
TEST(Defects, CatalogDirectoryIsRefused) {
  const fs::path d = scratch("catdir");
  expect_refused(run_cli("project --catalog " + d.string()), {"--catalog", d.string()});
  fs::remove_all(d);
}

// Was: accepted, though the catalog refuses F < N D.
TEST(Defects, FlopsBelowParamsTimesTokens) {
  expect_refused(run_cli("project --flops 1"), {"--flops", "N D"});
  expect_refused(run_cli("project --params 1e9 --tokens 1e10 --flops 1e18"), {"--flops"});
  EXPECT_EQ(run_cli("project --params 1e9 --tokens 1e10 --flops 1e19 --format json").status, 0);
}

// Was: accepted (B larger than the whole training set).
TEST(Defects, BatchLargerThanTheSamples) {
  expect_refused(run_cli("project --batch 1e30"), {"--batch", "[1, D]"});
  EXPECT_EQ(run_cli("project --params 1e9 --tokens 1e10 --batch 1e10 --format json").status, 0);
}

// Was: accepted (a short-term memory that outlives the long-term one).
TEST(Defects, ShortRetentionLongerThanLong) {
  expect_refused(run_cli("project --retention-short 20y"), {"--retention-short", "--retention-long"});
  expect_refused(run_cli("project --retention-long 1s --retention-short 2s"), {"--retention-short"});
}

// The text and the behaviour agree: a bare number is seconds, and the message says so.
TEST(Defects, BareDurationIsSecondsAndTheTextSaysSo) {
  const auto r = run_cli("project --train-time 30 --format json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["workload"]["T_train_s"].get<double>(), 30.0);
  expect_refused(run_cli("project --train-time 30x"), {"--train-time", "a number of seconds"});
}

// Was: CLI11's "The following argument was not expected: projekt".
TEST(Defects, UnknownCommandSuggestsTheNearest) {
  expect_refused(run_cli("projekt"), {"projekt", "did you mean 'project'"});
  expect_refused(run_cli("--quiet simulat x.toml"), {"did you mean 'simulate'"});
}

// Was: "missing table [run]" (the directory read as an empty config).
TEST(Defects, SimulateDirectory) {
  const fs::path d = scratch("simdir");
  expect_refused(run_cli("simulate " + d.string()), {d.string(), "directory"});
  expect_refused(run_cli("sweep " + d.string()), {d.string(), "directory"});
  fs::remove_all(d);
}

// Was: ran 4 s, then "the ensemble diverged: reduce [run] dt".
TEST(Defects, HugeProtocolValueRefusedUpFront) {
  const fs::path d = scratch("proto");
  write(d / "c.toml", R"([run]
particles = 100000
dt = 0.001
duration = 10.0
[potential]
kind = "harmonic"
stiffness = 1.0
center = 0.0
[protocol]
center = { times = [0.0, 10.0], values = [0.0, 1e300] }
)");
  const auto r = run_cli("simulate " + (d / "c.toml").string());
  expect_refused(r, {"c.toml:10", "values", "1e+15"});
  fs::remove_all(d);
}

// Was: a 100-class problem, silently.
TEST(Defects, StrayCsvLabelNamesItsLine) {
  const fs::path d = scratch("csv");
  std::string csv = "x1,x2,label\n";
  for (int i = 0; i < 30; ++i) csv += std::to_string(i % 5) + "," + std::to_string(i % 3) + "," + std::to_string(i % 2) + "\n";
  csv += "1,2,99\n";  // line 32
  write(d / "data.csv", csv);
  write(d / "c.toml", R"([model]
kind = "softmax"
[data]
source = "csv"
path = "data.csv"
[train]
eta = 1.0
time = 1.0
steps = 10
)");
  expect_refused(run_cli("train " + (d / "c.toml").string()), {"data.csv:32", "label 99", "0..K-1"});
  fs::remove_all(d);
}

// Was: the truncated labels file blamed on the [data] images key.
TEST(Defects, TruncatedIdxLabelsNamesTheLabelsKey) {
  const fs::path d = scratch("idx");
  const auto be32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  std::string images = std::string("\0\0\x08\x03", 4) + be32(10) + be32(2) + be32(2);
  for (int i = 0; i < 40; ++i) images += static_cast<char>(i);
  std::string labels = std::string("\0\0\x08\x01", 4) + be32(10) + std::string("\x00\x01\x00", 3);  // 3 of 10 labels
  write(d / "im.idx", images);
  write(d / "lb.idx", labels);
  write(d / "c.toml", R"([model]
kind = "softmax"
[data]
source = "idx"
images = "im.idx"
labels = "lb.idx"
[train]
eta = 1.0
time = 1.0
steps = 10
)");
  const auto r = run_cli("train " + (d / "c.toml").string());
  expect_refused(r, {"[data] labels", "lb.idx"});
  EXPECT_EQ(r.err.find("[data] images"), std::string::npos) << r.err;
  fs::remove_all(d);
}

// Was: a Python traceback, exit 2 from `limen report`, and a half-written report directory.
TEST(Defects, ReportWithBadValidationFile) {
  const fs::path d = scratch("report");
  write(d / "bad.json", R"({"checks": [{"id": "x", "expected": 1.0}]})");
  const fs::path out = d / "rep";
  const auto r = run_cli("report --quiet --validation " + (d / "bad.json").string() + " --output " + out.string());
  expect_refused(r, {"--validation", "checks[0]", "measured"});
  EXPECT_EQ(r.err.find("Traceback"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out)) << "a half-written report directory was left behind";
  fs::remove_all(d);
}

// Was: the path opened was the error-context text glued to the file name: relative names in a
// study's base config resolve against that config's folder, whatever the working directory.
TEST(Defects, StudyBaseConfigResolvesRelativeFilesAgainstItsFolder) {
  const fs::path d = scratch("relcurve");
  fs::create_directories(d / "configs");
  write(d / "configs" / "base.toml", kQuadratic);
  write(d / "configs" / "curve.csv", "time,barrier_kT\n0,4\n5,10\n10,14\n");
  write(d / "study.toml", R"([study]
command = "train"
outputs = ["heat_J"]
[base]
config = "configs/base.toml"
[grid]
"train.eta" = [0.5, 1.0]
)");
  const auto r = run_cli("sweep --quiet " + (d / "study.toml").string() + " --output " + (d / "out").string());
  EXPECT_EQ(r.status, 0) << r.err;
  fs::remove_all(d);
}
