// Bad input for the memories (THEORY §5.2, 5.3; COMMON standards): one line on stderr naming the
// key and the accepted range, exit 2, nothing on stdout.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <regex>

#include "../cli/cli_helpers.hpp"

using limen::test::run_cli;
using limen::test::slurp;

namespace {
constexpr double kPi = 3.14159265358979323846;

std::string example(const std::string& name) { return slurp(std::string(LIMEN_SOURCE_DIR) + "/examples/" + name); }
std::string write(const std::string& name, const std::string& text) {
  const std::string p = "/tmp/limen_memory_" + name + ".toml";
  std::ofstream(p) << text;
  return p;
}
std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}
void expect_refused(const limen::test::CliResult& r, const std::string& key) {
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find(key), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}
}  // namespace

// THEORY §5.2: dt mu_0 2 pi^2 E_b / l^2 <= 0.02 at the schedule's largest barrier; a larger [memory] dt
// is refused naming the key and the largest dt allowed.
TEST(MemoryRefusals, ResolvedSubstepTooLarge) {
  // The resolved example: mu_0 = 1, l = 1, static E_b = 20 kT.
  const std::string text = replace(example("train-quadratic-resolved.toml"), "model = \"resolved\"", "model = \"resolved\"\ndt = 0.001");
  const auto r = run_cli("train " + write("dt", text));
  expect_refused(r, "[memory] dt");
  const double limit = 0.02 / (2 * kPi * kPi * 20);  // 5.07e-5
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.err, m, std::regex(R"(<= ([0-9.eE+-]+))"))) << r.err;
  EXPECT_NEAR(std::stod(m[1]) / limit, 1.0, 1e-3) << r.err;
  // At the limit it is accepted (a short run).
  const std::string ok = replace(replace(text, "dt = 0.001", "dt = 5e-5"), "steps = 500", "steps = 5");
  const auto fine = run_cli("train " + write("dt_ok", replace(ok, "time = 5.0", "time = 0.05")) + " --format json");
  EXPECT_EQ(fine.status, 0) << fine.err;
}

// The coarse memory's transport is tabulated for E_b in [0, 80] kT: beyond, refused naming the key.
TEST(MemoryRefusals, CoarseBarrierBeyondTheTable) {
  const std::string text = example("train-quadratic-static.toml");
  auto r = run_cli("train " + write("b90", replace(text, "barrier = 20.0", "barrier = 90.0")));
  expect_refused(r, "[schedule] barrier");
  EXPECT_NE(r.err.find("80"), std::string::npos) << r.err;
  r = run_cli("train " + write("ret90", replace(text, "bits = 8", "bits = 8\nretention_barrier = 90.0")));
  expect_refused(r, "[memory] retention_barrier");
  EXPECT_NE(r.err.find("80"), std::string::npos) << r.err;
  // The linear-response memory has no table: the same barrier is accepted there (checked, not run).
  const std::string lr = replace(replace(text, "barrier = 20.0", "barrier = 90.0"), "model = \"coarse\"", "model = \"linear-response\"");
  r = run_cli("train " + write("b90lr", replace(replace(lr, "steps = 10000", "steps = 2"), "parameters = 1000", "parameters = 2")) +
              " --format json");
  EXPECT_EQ(r.status, 0) << r.err;
}
