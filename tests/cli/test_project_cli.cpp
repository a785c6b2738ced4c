// `limen project` end to end: JSON schema, formats, and every bad input of issue 2 item 6:
// exit status 2, a one-line message naming the flag, nothing on stdout.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_helpers.hpp"

using limen::test::run_cli;

TEST(ProjectCli, DefaultJsonSchema) {
  const auto r = run_cli("project --format json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  for (const char* k : {"N", "D", "c", "F", "B", "M", "OPS", "b", "T_train_s", "P"}) EXPECT_TRUE(doc["workload"].contains(k)) << k;
  for (const char* k : {"temperature_K", "kT_J"}) EXPECT_TRUE(doc["constants"].contains(k)) << k;
  bool saw_hw = false;
  for (const auto& p : doc["paradigms"]) {
    for (const char* k : {"name", "total_J", "walls", "assumptions"}) EXPECT_TRUE(p.contains(k)) << k;
    for (const char* k : {"compute_J", "memory_J", "update_J", "consolidation_J"}) EXPECT_TRUE(p["walls"].contains(k)) << k;
    if (p["name"].get<std::string>().rfind("hw:", 0) == 0) {
      saw_hw = true;
      EXPECT_TRUE(p.contains("lower_bound_J"));
    }
  }
  EXPECT_TRUE(saw_hw);
  EXPECT_EQ(doc["paradigms"].size(), 10u);  // 5 physics + tech:45nm + 4 chips
}

TEST(ProjectCli, TableCsvAndVary) {
  const auto t = run_cli("project");
  ASSERT_EQ(t.status, 0) << t.err;
  EXPECT_NE(t.out.find("brain-scale"), std::string::npos);
  EXPECT_NE(t.out.find("kT ln 2"), std::string::npos);
  EXPECT_NE(t.out.find("lim "), std::string::npos);
  const auto c = run_cli("project --format csv --paradigm lim,cim");
  ASSERT_EQ(c.status, 0) << c.err;
  EXPECT_EQ(std::count(c.out.begin(), c.out.end(), '\n'), 3);
  const auto v = run_cli("project --vary train-time=1d:100d:3 --format json --paradigm lim");
  ASSERT_EQ(v.status, 0) << v.err;
  const auto doc = nlohmann::json::parse(v.out);
  ASSERT_EQ(doc["points"].size(), 3u);
  EXPECT_DOUBLE_EQ(doc["points"][2]["value"].get<double>(), 100 * 86400.0);
  const auto custom = run_cli("project --params 1e9 --tokens 2e10 --train-time 12h --temperature 77K --format json");
  ASSERT_EQ(custom.status, 0) << custom.err;
  EXPECT_EQ(nlohmann::json::parse(custom.out)["constants"]["temperature_K"].get<double>(), 77);
}

TEST(ProjectCli, OutputFile) {
  const std::string path = "/tmp/limen_project_test_" + std::to_string(::getpid()) + ".json";
  const auto r = run_cli("project --format json --output " + path);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_NO_THROW(nlohmann::json::parse(limen::test::slurp(path)));
  std::remove(path.c_str());
}

struct BadInput {
  const char* args;
  const char* flag;  // must appear in the message
};
void PrintTo(const BadInput& b, std::ostream* os) { *os << b.args; }

class ProjectBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(ProjectBadInput, ExitsTwoNamingTheFlag) {
  const auto r = run_cli(std::string("project ") + GetParam().args);
  EXPECT_EQ(r.status, 2) << GetParam().args << "\n" << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find(GetParam().flag), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;  // one line
  if (std::string(GetParam().args).find("nan") == std::string::npos) {
    EXPECT_EQ(r.err.find("nan"), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Item6, ProjectBadInput,
    ::testing::Values(
        BadInput{"--params -5 --tokens 1e9", "--params"}, BadInput{"--params 0 --tokens 1e9", "--params"},
        BadInput{"--params nan --tokens 1e9", "--params"}, BadInput{"--params inf --tokens 1e9", "--params"},
        BadInput{"--params 1e9", "--tokens"}, BadInput{"--params 1e9 --tokens -1", "--tokens"},
        BadInput{"--flops 0", "--flops"}, BadInput{"--bits 0", "--bits"}, BadInput{"--bits 65", "--bits"},
        BadInput{"--bits 8.5", "--bits"}, BadInput{"--bits abc", "--bits"}, BadInput{"--temperature 0", "--temperature"},
        BadInput{"--temperature -3K", "--temperature"}, BadInput{"--temperature hot", "--temperature"},
        BadInput{"--train-time 30x", "--train-time"}, BadInput{"--train-time -1d", "--train-time"},
        BadInput{"--train-time 0s", "--train-time"}, BadInput{"--mfu 0", "--mfu"}, BadInput{"--mfu 1.5", "--mfu"},
        BadInput{"--mfu nan", "--mfu"}, BadInput{"--pue 0.5", "--pue"}, BadInput{"--batch 0", "--batch"},
        BadInput{"--parallel 0", "--parallel"}, BadInput{"--tau0 0ns", "--tau0"}, BadInput{"--error-prob 1", "--error-prob"},
        BadInput{"--retention-short 1e-20s", "--retention-short"}, BadInput{"--lim-overhead 0.5", "--lim-overhead"},
        BadInput{"--model gpt3", "did you mean 'gpt-3'"}, BadInput{"--model nosuch", "--model"},
        BadInput{"--hardware h10", "did you mean 'h100'"}, BadInput{"--paradigm limm", "did you mean 'lim'"},
        BadInput{"--vary bitz=1:2:2", "--vary"}, BadInput{"--vary bits=8:64", "--vary"},
        BadInput{"--format xml", "--format"}, BadInput{"--catalog /nonexistent.toml", "--catalog"},
        BadInput{"--memory-level l3", "--memory-level"}, BadInput{"--hw-precision fp2", "--hw-precision"},
        BadInput{"--flops 1e20 --flops-per-param-token 6", "--flops"}, BadInput{"--reuse 0", "--reuse"}),
    [](const ::testing::TestParamInfo<BadInput>& info) {
      std::string n = std::to_string(info.index) + "_";
      for (const char* c = info.param.args; *c; ++c) n += std::isalnum(static_cast<unsigned char>(*c)) ? *c : '_';
      return n;
    });
