#pragma once
// Runs the built `limen` binary and captures its exit status, stdout and stderr.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace limen::test {

struct CliResult {
  int status = -1;
  std::string out, err;
};

inline std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// A quick quadratic training config (about 0.1 s) whose barrier follows a user curve, "curve.csv"
// beside it: the defect and sweep-integrity tests write it with the curve they need.
inline const char* kQuadraticCurveConfig = R"([model]
kind = "quadratic"
parameters = 50
[memory]
mobility = 1000.0
[schedule]
kind = "curve"
curve = "curve.csv"
[train]
eta = 1.0
time = 10.0
steps = 500
seed = 1
)";


// The non-empty lines of a file (a journal's records).
inline std::size_t count_lines(const std::string& path) {
  std::ifstream f(path);
  std::size_t n = 0;
  std::string line;
  while (std::getline(f, line)) n += !line.empty();
  return n;
}

// `args` is appended to the binary's path as shell words (quote them yourself).
inline CliResult run_cli(const std::string& args, const std::string& stdin_text = "") {
  static int counter = 0;
  const std::string base = std::string("/tmp/limen_cli_test_") + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  const std::string cmd = std::string(LIMEN_CLI) + " " + args + " >" + base + ".out 2>" + base + ".err </dev/null";
  const int raw = std::system(cmd.c_str());
  CliResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(base + ".out");
  r.err = slurp(base + ".err");
  std::remove((base + ".out").c_str());
  std::remove((base + ".err").c_str());
  return r;
}

}  // namespace limen::test
