// Nothing lost, nothing mixed (issue 10): a resumed sweep refuses when a file its points read has
// changed; one sweep per output directory; each point its own seed; grids and runs too large are
// refused before anything is written or allocated; SIGINT/SIGTERM give 130/143 with partial
// output; `limen tradeoff` journals its points and resumes to the bytes of an uninterrupted run.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "../cli/cli_helpers.hpp"
#include "limen/io/output.hpp"
#include "limen/io/resources.hpp"

using limen::Json;
using limen::test::run_cli;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("limen_integrity_" + std::to_string(::getpid()) + "_" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
std::string read(const fs::path& p) { return limen::test::slurp(p.string()); }

std::size_t count_lines(const fs::path& p) { return limen::test::count_lines(p.string()); }

const char* const kCurveConfig = limen::test::kQuadraticCurveConfig;

// Starts `limen ARGS` (stdout, stderr to files in `dir`) and returns its pid.
pid_t start_cli(const std::string& args, const fs::path& dir) {
  const std::string cmd = std::string("exec ") + LIMEN_CLI + " " + args + " >" + (dir / "out").string() + " 2>" +
                          (dir / "err").string() + " </dev/null";
  const pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", cmd.c_str(), (char*)nullptr);
    _exit(127);
  }
  return pid;
}

int wait_status(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1000 + WTERMSIG(status);
}

}  // namespace

// The issue's stale-result case: a train study over a barrier curve file, the file edited, the
// sweep run again. Was: "1 resumed, 1 computed", old and new curves mixed without a word.
TEST(Integrity, EditedReferencedFileRefusesToResumeAndNamesIt) {
  const fs::path d = scratch("edited");
  write(d / "base.toml", kCurveConfig);
  write(d / "curve.csv", "time,barrier_kT\n0,4\n5,10\n10,14\n");
  write(d / "study.toml", "[study]\ncommand = \"train\"\noutputs = [\"heat_J\"]\n[base]\nconfig = \"base.toml\"\n"
                          "[grid]\n\"train.eta\" = [0.5, 1.0]\n");
  const std::string sweep = "sweep --quiet " + (d / "study.toml").string() + " --output " + (d / "out").string();
  auto r = run_cli(sweep);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(Json::parse(read(d / "out" / "study.json"))["files"].contains((d / "curve.csv").string()));

  write(d / "curve.csv", "time,barrier_kT\n0,40\n5,50\n10,60\n");  // edited after the run
  r = run_cli(sweep);
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find((d / "curve.csv").string()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--restart"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;

  r = run_cli(sweep + " --restart");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("0 resumed, 2 computed"), std::string::npos) << r.out;
  fs::remove_all(d);
}

TEST(Integrity, EditedDataCsvRefusesToResume) {
  const fs::path d = scratch("csv");
  std::string csv = "x1,x2,label\n";
  for (int i = 0; i < 40; ++i) csv += std::to_string(i % 5) + "," + std::to_string(i % 3) + "," + std::to_string(i % 2) + "\n";
  write(d / "data.csv", csv);
  write(d / "study.toml", R"([study]
command = "train"
outputs = ["heat_J"]
[base.model]
kind = "linear"
[base.data]
source = "csv"
path = "data.csv"
task = "regression"
[base.train]
eta = 0.1
time = 1.0
steps = 20
)");
  const std::string sweep = "sweep --quiet " + (d / "study.toml").string() + " --output " + (d / "out").string();
  auto r = run_cli(sweep);
  ASSERT_EQ(r.status, 0) << r.err;
  write(d / "data.csv", csv + "1,1,1\n");
  r = run_cli(sweep);
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find((d / "data.csv").string()), std::string::npos) << r.err;
  fs::remove_all(d);
}

// One sweep per directory. Was: two sweeps into one directory both computed everything.
TEST(Integrity, LockRefusesASecondSweepAndTakesOverAStaleOne) {
  const fs::path d = scratch("lock");
  write(d / "study.toml", "[study]\ncommand = \"project\"\n[grid]\nbits = [8, 16]\n");
  fs::create_directories(d / "out");
  const std::string sweep = "sweep --quiet " + (d / "study.toml").string() + " --output " + (d / "out").string();
  write(d / "out" / "lock", std::to_string(::getpid()) + "\n");  // a live holder: this test
  auto r = run_cli(sweep);
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("pid " + std::to_string(::getpid())), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(d / "out" / "results.csv"));

  const pid_t dead = fork();  // a holder that has exited
  if (dead == 0) _exit(0);
  waitpid(dead, nullptr, 0);
  write(d / "out" / "lock", std::to_string(dead) + "\n");
  r = run_cli(sweep);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::exists(d / "out" / "results.csv"));
  EXPECT_FALSE(fs::exists(d / "out" / "lock")) << "the lock outlived its run";
  fs::remove_all(d);
}

// Was: a simulate study without seed_key ran every point with the base's seed.
TEST(Integrity, EachPointHasItsOwnSeedUnlessTheStudySaysNone) {
  const fs::path d = scratch("seeds");
  const std::string base = R"([base.run]
particles = 200
dt = 0.01
duration = 0.1
seed = 5
[base.potential]
kind = "harmonic"
stiffness = 1.0
center = 0.0
[grid]
"potential.stiffness" = [1.0, 1.0]
)";
  write(d / "own.toml", "[study]\ncommand = \"simulate\"\noutputs = [\"seed\", \"work_kT.mean\"]\n" + base);
  write(d / "none.toml", "[study]\ncommand = \"simulate\"\nseed_key = \"none\"\noutputs = [\"seed\", \"work_kT.mean\"]\n" + base);
  for (const std::string name : {"own", "none"}) {
    const auto r = run_cli("sweep --quiet " + (d / (name + ".toml")).string() + " --output " + (d / name).string());
    ASSERT_EQ(r.status, 0) << r.err;
  }
  const Json own = Json::parse(read(d / "own" / "results.json"))["results"];
  const Json none = Json::parse(read(d / "none" / "results.json"))["results"];
  EXPECT_NE(own[0]["result"]["seed"], own[1]["result"]["seed"]);
  EXPECT_EQ(own[0]["result"]["seed"], own[0]["seed"]);
  EXPECT_EQ(none[0]["result"]["seed"].get<long>(), 5);
  EXPECT_EQ(none[1]["result"]["seed"].get<long>(), 5);
  fs::remove_all(d);
}

// Was: 16 s and a 537 MB study.json before failing at point 0.
TEST(Integrity, HugeGridRefusedBeforeWritingAnything) {
  const fs::path d = scratch("grid");
  write(d / "study.toml", "[study]\ncommand = \"project\"\n[grid]\nparams = { log = \"1e6:1e16:5000\" }\n"
                          "bits = { linear = \"1:64:1000\" }\n");
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = run_cli("sweep --quiet " + (d / "study.toml").string() + " --output " + (d / "out").string());
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("5e+06 points"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("at most 1e+06"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(d / "out"));
  EXPECT_LT(s, 5.0);
  fs::remove_all(d);
}

// Was: the 2e8-particle case died with std::bad_alloc after 10 s under a 4 GB limit.
TEST(Integrity, RunsTooLargeForMemoryAreRefusedUpFront) {
  const fs::path d = scratch("mem");
  write(d / "sim.toml", "[run]\nparticles = 200000000\ndt = 0.001\nduration = 1.0\n[potential]\nkind = \"harmonic\"\n"
                        "stiffness = 1.0\ncenter = 0.0\n");
  write(d / "train.toml", "[model]\nkind = \"quadratic\"\nparameters = 100000000\n[train]\neta = 1.0\ntime = 1.0\n"
                          "steps = 10\nreplicas = 256\n");
  ::setenv("LIMEN_MEMORY_BYTES", "4e9", 1);
  auto r = run_cli("simulate " + (d / "sim.toml").string());
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_TRUE(r.out.empty());
  for (const char* s : {"[run] particles", "16 GB", "4 GB", "LIMEN_MEMORY_BYTES"})
    EXPECT_NE(r.err.find(s), std::string::npos) << s << " in " << r.err;
  r = run_cli("train " + (d / "train.toml").string());
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("[model] parameters"), std::string::npos) << r.err;
  ::unsetenv("LIMEN_MEMORY_BYTES");
  const auto m = limen::available_memory();  // this machine's: cgroup or /proc/meminfo
  EXPECT_GT(m.bytes, 0);
  fs::remove_all(d);
}

// simulate: SIGTERM gives 143, SIGINT 130, each with the partial result on stdout.
TEST(Integrity, SimulateExitsWithTheSignalAndPartialOutput) {
  const fs::path d = scratch("signals");
  write(d / "long.toml", "[run]\nparticles = 20000\ndt = 0.0001\nduration = 1000.0\n[potential]\nkind = \"harmonic\"\n"
                         "stiffness = 1.0\ncenter = 0.0\n");
  for (const auto& [sig, code] : {std::pair{SIGTERM, 143}, std::pair{SIGINT, 130}}) {
    const pid_t pid = start_cli("simulate --quiet --format json " + (d / "long.toml").string(), d);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    kill(pid, sig);
    EXPECT_EQ(wait_status(pid), code) << read(d / "err");
    const Json j = Json::parse(read(d / "out"));
    EXPECT_TRUE(j["partial"].get<bool>());
    EXPECT_LT(j["steps_done"].get<long>(), 10000000L);
  }
  fs::remove_all(d);
}

// tradeoff: each finished point journaled at once; SIGINT gives 130 and the finished points
// (partial); the same command then trains only the rest, to the bytes of an uninterrupted run.
// Was: the process died at once and every finished point was lost.
TEST(Integrity, TradeoffResumesToTheBytesOfAnUninterruptedRun) {
  const fs::path d = scratch("tradeoff");
  write(d / "q.toml", R"([model]
kind = "quadratic"
parameters = 400
[memory]
mobility = 1000.0
[schedule]
kind = "matched"
barrier = 20.0
[train]
eta = 1.0
time = 10.0
steps = 20000
target_error = 0.25
)");
  const std::string cfg = (d / "q.toml").string();
  const std::string common = "tradeoff --quiet " + cfg + " --format json --threads 1 --train-time 1:100:8";
  auto r = run_cli("tradeoff " + cfg + " --schedules nope --output " + (d / "bad.json").string());
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_FALSE(fs::exists(d / "bad.json.partial")) << "bad input left a journal behind";
  r = run_cli(common + " --output " + (d / "ref.json").string());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_FALSE(fs::exists(d / "ref.json.partial")) << "a complete run leaves no journal";

  const fs::path journal = d / "run.json.partial" / "journal.r0.jsonl";
  const pid_t pid = start_cli(common + " --output " + (d / "run.json").string(), d);
  const auto t0 = std::chrono::steady_clock::now();
  while (count_lines(journal) < 3 && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(60))
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill(pid, SIGINT);
  EXPECT_EQ(wait_status(pid), 130) << read(d / "err");
  const Json partial = Json::parse(read(d / "run.json"));
  EXPECT_TRUE(partial["partial"].get<bool>());
  const auto done = partial["points"].size();
  EXPECT_GE(done, 3u);
  EXPECT_LT(done, 24u) << "the run finished before it could be interrupted";
  EXPECT_NE(read(d / "err").find("run the same command again"), std::string::npos);

  r = run_cli(common + " --output " + (d / "run.json").string());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(read(d / "ref.json"), read(d / "run.json"));
  EXPECT_FALSE(fs::exists(d / "run.json.partial"));
  fs::remove_all(d);
}

// train and sweep: the exit status says which signal stopped them; the output is marked partial.
TEST(Integrity, TrainAndSweepExitWithTheSignal) {
  const fs::path d = scratch("signals2");
  write(d / "q.toml", "[model]\nkind = \"quadratic\"\nparameters = 20000\n[train]\neta = 1.0\ntime = 10.0\n"
                      "steps = 1000000\n");
  pid_t pid = start_cli("train --quiet --format json " + (d / "q.toml").string(), d);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  kill(pid, SIGINT);
  EXPECT_EQ(wait_status(pid), 130) << read(d / "err");
  EXPECT_TRUE(Json::parse(read(d / "out"))["partial"].get<bool>());

  write(d / "s.toml", "[study]\ncommand = \"project\"\n[base]\nmodel = \"gpt-3\"\n[grid]\n"
                      "params = { log = \"1e6:1e16:300\" }\ntrain-time = { log = \"1h:1000d:300\" }\n");
  const fs::path out = d / "sweep";
  pid = start_cli("sweep --quiet " + (d / "s.toml").string() + " --threads 1 --output " + out.string(), d);
  const auto t0 = std::chrono::steady_clock::now();
  while (count_lines(out / "journal.r0.jsonl") < 50 && std::chrono::steady_clock::now() - t0 < std::chrono::seconds(60))
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill(pid, SIGTERM);
  EXPECT_EQ(wait_status(pid), 143) << read(d / "err");
  EXPECT_FALSE(Json::parse(read(out / "results.json"))["complete"].get<bool>());
  EXPECT_FALSE(fs::exists(out / "lock"));
  fs::remove_all(d);
}
