// `limen report` and `limen sweep` on bad input: one line naming the flag, exit status 2.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "../cli/cli_helpers.hpp"

using limen::test::run_cli;
namespace fs = std::filesystem;

namespace {
std::string tmp(const std::string& name) {
  return (fs::temp_directory_path() / ("limen_report_cli_" + std::to_string(::getpid()) + "_" + name)).string();
}
void expect_one_line_error(const limen::test::CliResult& r, const std::string& needle) {
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;  // exactly one line
}
}  // namespace

TEST(ReportCli, BadInputIsOneLine) {
  const std::string out = tmp("out");
  expect_one_line_error(run_cli("report --set train-time --output " + out), "--set");
  expect_one_line_error(run_cli("report --set trian-time=3d --validation none --output " + out), "did you mean 'train-time'");
  expect_one_line_error(run_cli("report --validation nope.json --output " + out), "--validation");
  expect_one_line_error(run_cli("report --model gpt3 --validation none --output " + out), "gpt-3");
  expect_one_line_error(run_cli("report --study /nonexistent/dir --validation none --output " + out), "--study");
  expect_one_line_error(run_cli("report --cnn /nonexistent/dir --validation none --output " + out), "--cnn: cannot open");
  expect_one_line_error(run_cli("report --validation none --python /nonexistent/python3 --output " + out), "--python");
  fs::remove_all(out);
}

TEST(SweepCliErrors, BadInputIsOneLine) {
  expect_one_line_error(run_cli("sweep /nonexistent/study.toml"), "cannot open the study file");
  const std::string study = tmp("bad.toml");
  {
    std::FILE* f = std::fopen(study.c_str(), "w");
    std::fputs("[study]\ncommand = \"project\"\n[grid]\nbits = [8, 99]\n", f);
    std::fclose(f);
  }
  const auto r = run_cli("sweep " + study + " --output " + tmp("badout"));
  expect_one_line_error(r, "point 1 (bits=99)");
  EXPECT_NE(r.err.find("--bits"), std::string::npos) << r.err;
  fs::remove(study);
  fs::remove_all(tmp("badout"));
}
