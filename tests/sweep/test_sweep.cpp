// Sweeps end to end: results in point order whatever the threads, resumption from a journal
// (including a torn last line), refusal to mix two studies, and a killed CLI run that resumes.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <set>
#include <filesystem>
#include <fstream>
#include <thread>

#include "../cli/cli_helpers.hpp"
#include "limen/sweep/journal.hpp"
#include "limen/sweep/sweep.hpp"
#include "limen/units/error.hpp"

using namespace limen;
using namespace limen::sweep;
namespace fs = std::filesystem;

namespace {

const char* kStudy = R"([study]
command = "project"
name = "t"
outputs = ["paradigms.lim.total_J", "paradigms.cim.total_J", "workload.N"]
[base]
model = "gpt-3"
paradigm = "landauer,lim,cim"
[grid]
bits = [8, 32]
params = { log = "1e9:1e12:4" }
train-time = ["1d", "30d"]
)";

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("limen_sweep_test_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(d);
  return d;
}

std::string read(const fs::path& p) { return limen::test::slurp(p.string()); }

std::size_t count_lines(const fs::path& p) { return limen::test::count_lines(p.string()); }

}  // namespace

TEST(Sweep, ResultsAreInPointOrderAndIndependentOfThreads) {
  const Study s = parse_study(kStudy, "t.toml", ".");
  Ranks ranks;
  const fs::path a = fresh_dir("a"), b = fresh_dir("b");
  const auto ra = run_sweep(s, {a.string(), 1, false}, ranks);
  const auto rb = run_sweep(s, {b.string(), 2, false}, ranks);
  EXPECT_TRUE(ra.complete);
  EXPECT_EQ(ra.points, 16u);
  EXPECT_EQ(ra.computed, 16u);
  EXPECT_EQ(rb.threads, 2);
  EXPECT_EQ(read(a / "results.csv"), read(b / "results.csv"));
  EXPECT_EQ(read(a / "results.json"), read(b / "results.json"));
  // The CSV: a header, then one row per point in order, the chosen outputs as columns.
  std::ifstream csv(a / "results.csv");
  std::string header, first;
  std::getline(csv, header);
  std::getline(csv, first);
  EXPECT_EQ(header, "index,bits,params,train-time,paradigms.lim.total_J,paradigms.cim.total_J,workload.N,error");
  EXPECT_EQ(first.rfind("0,8,1000000000,1d,", 0), 0u) << first;
  const Json j = Json::parse(read(a / "results.json"));
  ASSERT_EQ(j["results"].size(), 16u);
  for (std::size_t i = 0; i < 16; ++i) EXPECT_EQ(j["results"][i]["index"], i);
  // The numbers are project's own: workload.N is the point's params.
  EXPECT_DOUBLE_EQ(j["results"][2]["result"]["workload"]["N"].get<double>(), 1e10);  // bits 8, params 1e10, 1d
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST(Sweep, ColumnsOnlyResultsKeepTheTable) {
  std::string text = kStudy;
  text.replace(text.find("name = \"t\""), 10, "name = \"t\"\nresults = \"columns\"");
  const Study slim = parse_study(text, "t.toml", ".");
  EXPECT_FALSE(slim.full_results);
  Ranks ranks;
  const fs::path a = fresh_dir("full"), b = fresh_dir("slim");
  run_sweep(parse_study(kStudy, "t.toml", "."), {a.string(), 1, false}, ranks);
  run_sweep(slim, {b.string(), 1, false}, ranks);
  EXPECT_EQ(read(a / "results.csv"), read(b / "results.csv"));
  const Json j = Json::parse(read(b / "results.json"));
  EXPECT_EQ(j["results"][3]["result"].size(), 3u);
  EXPECT_EQ(j["results"][3]["result"]["workload.N"], Json::parse(read(a / "results.json"))["results"][3]["result"]["workload"]["N"]);
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST(Sweep, ResumesFromATornJournalWithoutLostOrDuplicatedPoints) {
  const Study s = parse_study(kStudy, "t.toml", ".");
  Ranks ranks;
  const fs::path ref = fresh_dir("ref"), d = fresh_dir("torn");
  run_sweep(s, {ref.string(), 2, false}, ranks);
  // A previous run that finished points 0..6 (point 3 twice, as two ranks might) and was killed
  // while writing point 7.
  fs::create_directories(d);
  run_sweep(s, {d.string(), 1, false}, ranks);  // writes study.json and a full journal
  std::ifstream full(d / "journal.jsonl");
  std::vector<std::string> lines;
  for (std::string l; std::getline(full, l);) lines.push_back(l);
  ASSERT_EQ(lines.size(), 16u);
  full.close();
  fs::remove(d / "results.csv");
  fs::remove(d / "results.json");
  {
    std::ofstream j(d / "journal.jsonl", std::ios::trunc);
    for (int i = 0; i < 7; ++i) j << lines[i] << "\n";
    std::ofstream r1(d / "journal.r1.jsonl");
    r1 << lines[3] << "\n" << lines[7].substr(0, lines[7].size() / 2);  // duplicate + torn line
  }
  const auto r = run_sweep(s, {d.string(), 2, false}, ranks);
  EXPECT_EQ(r.resumed, 7u);
  EXPECT_EQ(r.computed, 9u);
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(read(ref / "results.csv"), read(d / "results.csv"));
  EXPECT_EQ(read(ref / "results.json"), read(d / "results.json"));
  EXPECT_EQ(count_lines(d / "journal.jsonl"), 16u);
  EXPECT_FALSE(fs::exists(d / "journal.r1.jsonl"));
  // A re-run of a finished study computes nothing.
  const auto again = run_sweep(s, {d.string(), 2, false}, ranks);
  EXPECT_EQ(again.computed, 0u);
  EXPECT_EQ(read(ref / "results.csv"), read(d / "results.csv"));
  fs::remove_all(ref);
  fs::remove_all(d);
}

TEST(Sweep, RefusesToMixStudiesUnlessRestarted) {
  Ranks ranks;
  const fs::path d = fresh_dir("mix");
  run_sweep(parse_study(kStudy, "t.toml", "."), {d.string(), 1, false}, ranks);
  std::string other = kStudy;
  other.replace(other.find("gpt-3"), 5, "palm");
  const Study s2 = parse_study(other, "t.toml", ".");
  try {
    run_sweep(s2, {d.string(), 1, false}, ranks);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("different study"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--restart"), std::string::npos) << e.what();
  }
  const auto r = run_sweep(s2, {d.string(), 1, true}, ranks);
  EXPECT_EQ(r.computed, 16u);
  EXPECT_EQ(Json::parse(read(d / "results.json"))["results"][0]["result"]["workload"]["name"], "palm");
  fs::remove_all(d);
}

TEST(Sweep, BadFlagsAndOutputsAreInputErrors) {
  Ranks ranks;
  const fs::path d = fresh_dir("bad");
  std::string bad = kStudy;
  bad.replace(bad.find("bits = [8, 32]"), 14, "bitz = [8, 32]");
  try {
    run_sweep(parse_study(bad, "t.toml", "."), {d.string(), 1, false}, ranks);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'bits'"), std::string::npos) << e.what();
  }
  std::string out = kStudy;
  out.replace(out.find("workload.N"), 10, "workload.Q");
  fs::remove_all(d);
  try {
    run_sweep(parse_study(out, "t.toml", "."), {d.string(), 1, false}, ranks);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("workload.Q"), std::string::npos) << e.what();
  }
  fs::remove_all(d);
}

// The CLI, killed with SIGKILL part-way, then run again: the same bytes as an uninterrupted run.
TEST(SweepCli, KilledRunResumesToTheSameResults) {
  const fs::path dir = fresh_dir("kill");
  fs::create_directories(dir);
  const fs::path study = dir / "big.toml";
  std::ofstream(study) << R"([study]
command = "project"
name = "big"
outputs = ["paradigms.lim.total_J", "paradigms.cim.total_J"]
[base]
model = "gpt-3"
paradigm = "landauer,lim,cim"
[grid]
bits = [4, 8, 16, 32, 64]
params = { log = "1e6:1e16:25" }
train-time = { log = "1h:1000d:12" }
)";
  const fs::path ref = dir / "ref", run = dir / "run";
  auto r = limen::test::run_cli("sweep --quiet " + study.string() + " --output " + ref.string() + " --threads 2");
  ASSERT_EQ(r.status, 0) << r.err;

  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const std::string s = study.string(), o = run.string();
    execl(LIMEN_CLI, LIMEN_CLI, "sweep", "--quiet", s.c_str(), "--output", o.c_str(), "--threads", "1", (char*)nullptr);
    _exit(127);
  }
  // Wait until some points are in the journal, then kill without warning.
  const auto t0 = std::chrono::steady_clock::now();
  while (count_lines(run / "journal.r0.jsonl") < 100 && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(60))
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the run finished before it could be killed";
  const std::size_t journaled = count_lines(run / "journal.r0.jsonl");
  EXPECT_LT(journaled, 1500u);
  EXPECT_FALSE(fs::exists(run / "results.csv"));

  r = limen::test::run_cli("sweep --quiet " + study.string() + " --output " + run.string());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("1500 points"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(std::to_string(journaled) + " resumed"), std::string::npos) << r.out;
  EXPECT_EQ(read(ref / "results.csv"), read(run / "results.csv"));
  EXPECT_EQ(read(ref / "results.json"), read(run / "results.json"));
  fs::remove_all(dir);
}

// SIGINT: the run stops after the points in progress, says how to continue, exits 130.
TEST(SweepCli, InterruptedRunSaysHowToContinue) {
  const fs::path dir = fresh_dir("int");
  fs::create_directories(dir);
  const fs::path study = dir / "big.toml";
  std::ofstream(study) << R"([study]
command = "project"
[base]
model = "gpt-3"
[grid]
params = { log = "1e6:1e16:60" }
train-time = { log = "1h:1000d:40" }
)";
  const fs::path run = dir / "run";
  const std::string cmd = std::string(LIMEN_CLI) + " sweep --quiet " + study.string() + " --output " + run.string() +
                          " --threads 1 >" + (dir / "out").string() + " 2>" + (dir / "err").string();
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", ("exec " + cmd).c_str(), (char*)nullptr);
    _exit(127);
  }
  const auto t0 = std::chrono::steady_clock::now();
  while (count_lines(run / "journal.r0.jsonl") < 50 && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(60))
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130) << read(dir / "err");
  EXPECT_NE(read(dir / "err").find("run the same command again"), std::string::npos) << read(dir / "err");
  const Json partial = Json::parse(read(run / "results.json"));
  EXPECT_FALSE(partial["complete"].get<bool>());
  auto r = limen::test::run_cli("sweep --quiet " + study.string() + " --output " + run.string());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(Json::parse(read(run / "results.json"))["complete"].get<bool>());
  EXPECT_EQ(Json::parse(read(run / "results.json"))["results"].size(), 2400u);
  fs::remove_all(dir);
}

// Studies over the simulation engine and the training simulator: every point has its own seed,
// so the files do not depend on how many points run at once (nor on the threads each point gets).
TEST(SweepCli, SimulateAndTrainStudiesAreIndependentOfThreads) {
  for (const std::string name : {"sweep-drag", "sweep-train"}) {
    const fs::path dir = fresh_dir(name);
    const std::string study = std::string(LIMEN_SOURCE_DIR) + "/examples/" + name + ".toml";
    for (const std::string t : {"1", "2"}) {
      const auto r = limen::test::run_cli("--quiet sweep " + study + " --output " + (dir / t).string() + " --threads " + t);
      ASSERT_EQ(r.status, 0) << r.err;
    }
    EXPECT_EQ(read(dir / "1" / "results.csv"), read(dir / "2" / "results.csv")) << name;
    EXPECT_EQ(read(dir / "1" / "results.json"), read(dir / "2" / "results.json")) << name;
    const Json j = Json::parse(read(dir / "1" / "results.json"));
    EXPECT_TRUE(j["complete"].get<bool>());
    EXPECT_EQ(j["failed"], 0);
    std::set<std::uint64_t> seeds;
    for (const auto& r : j["results"]) {
      seeds.insert(r["seed"].get<std::uint64_t>());
      EXPECT_FALSE(r["result"].contains("timing"));  // wall-clock times never reach the files
    }
    EXPECT_EQ(seeds.size(), j["results"].size());
    fs::remove_all(dir);
  }
}

// THEORY.md section 7 (drag-linear) through a sweep: the mean work of each listed duration agrees
// with W = (L^2/t_f)[1 - (1 - e^{-t_f})/t_f] (k = gamma = kT = 1, L = 5) within 5 standard errors.
TEST(SweepCli, DragStudyMatchesTheClosedForm) {
  const fs::path dir = fresh_dir("drag-physics");
  const auto r = limen::test::run_cli("--quiet sweep " + std::string(LIMEN_SOURCE_DIR) + "/examples/sweep-drag.toml --output " + dir.string());
  ASSERT_EQ(r.status, 0) << r.err;
  const Json j = Json::parse(read(dir / "results.json"));
  ASSERT_EQ(j["results"].size(), 5u);
  for (const auto& p : j["results"]) {
    const double tf = p["parameters"]["run.duration"].get<double>();
    const double exact = 25.0 / tf * (1 - (1 - std::exp(-tf)) / tf);
    const double mean = p["result"]["work_kT"]["mean"].get<double>(), se = p["result"]["work_kT"]["stderr"].get<double>();
    EXPECT_NEAR(mean, exact, 5 * se + 0.01 * exact) << "t_f = " << tf;
  }
  fs::remove_all(dir);
}
