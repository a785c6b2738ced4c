#include "limen/sweep/report_data.hpp"

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <limits>
#include <mutex>
#include <thread>

#include "limen/bounds/project.hpp"
#include "limen/catalog/catalog.hpp"
#include "limen/io/config.hpp"
#include "limen/io/interrupt.hpp"
#include "limen/io/progress.hpp"
#include "limen/learn/api.hpp"
#include "limen/physics/api.hpp"
#include "limen/sweep/sweep.hpp"
#include "limen/units/error.hpp"

namespace fs = std::filesystem;

namespace limen::sweep {
namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

Json read_json(const std::string& path, const std::string& flag) {
  std::ifstream f(path);
  if (!f) throw InputError(fmt::format("{}: cannot open {}", flag, path));
  Json j = Json::parse(f, nullptr, false);
  if (j.is_discarded()) throw InputError(fmt::format("{}: {} is not a JSON document", flag, path));
  return j;
}

// A saved `limen validate --format json`: {"checks": [{"id", "expected", "measured", "tolerance",
// "pass"}, ...]}; anything else is refused here, naming the entry, before a figure is drawn.
void check_validation(const Json& v, const std::string& path) {
  const std::string what = "--validation: " + path;
  if (!v.is_object() || !v.contains("checks") || !v["checks"].is_array())
    throw InputError(what + " holds no \"checks\" array (expected the output of `limen validate --format json`)");
  for (std::size_t i = 0; i < v["checks"].size(); ++i) {
    const Json& c = v["checks"][i];
    const auto bad = [&](const std::string& why) {
      return InputError(fmt::format("{}: checks[{}]: {} (expected the output of `limen validate --format json`)", what, i, why));
    };
    if (!c.is_object()) throw bad("expected an object");
    if (!c.contains("id") || !c["id"].is_string()) throw bad("\"id\" must be a string");
    for (const char* k : {"expected", "measured", "tolerance"})
      if (!c.contains(k) || !c[k].is_number()) throw bad(fmt::format("\"{}\" must be a number", k));
    if (!(c["tolerance"].get<double>() >= 0)) throw bad("\"tolerance\" must be >= 0");
    if (!c.contains("pass") || !c["pass"].is_boolean()) throw bad("\"pass\" must be true or false");
  }
}

// The CNN device comparison written by examples/torch/cnn_devices.py (cnn_devices.json): {"results":
// [{"memory", "test_accuracy", "energy_J", "energy_kind": "heat"|"device", "bound_J", "energy_over_bound"
// (null where the bound is <= 0), "pulses_per_parameter", "seconds"} or {"memory", "refused"}]}.
// Checked here, naming the entry, before a figure is drawn.
void check_cnn(const Json& c, const std::string& path) {
  const std::string what = "--cnn: " + path;
  const std::string expected = " (expected the cnn_devices.json of examples/torch/cnn_devices.py)";
  if (!c.is_object() || !c.contains("results") || !c["results"].is_array() || c["results"].empty())
    throw InputError(what + " holds no \"results\" array" + expected);
  for (std::size_t i = 0; i < c["results"].size(); ++i) {
    const Json& r = c["results"][i];
    const auto bad = [&](const std::string& why) { return InputError(fmt::format("{}: results[{}]: {}{}", what, i, why, expected)); };
    if (!r.is_object()) throw bad("expected an object");
    if (!r.contains("memory") || !r["memory"].is_string()) throw bad("\"memory\" must be a string");
    if (r.contains("refused")) {
      if (!r["refused"].is_string()) throw bad("\"refused\" must be a string");
      continue;
    }
    const auto number = [&](const char* k, double lo, double hi) {
      if (!r.contains(k) || !r[k].is_number() || !(r[k].get<double>() >= lo && r[k].get<double>() <= hi))
        throw bad(fmt::format("\"{}\" must be a number in [{}, {}]", k, lo, hi));
    };
    const double inf = std::numeric_limits<double>::infinity();
    number("test_accuracy", 0, 1);
    number("energy_J", 0, inf);
    number("bound_J", -inf, inf);
    number("pulses_per_parameter", 0, inf);
    number("seconds", 0, inf);
    if (!r.contains("energy_kind") || !(r["energy_kind"] == "heat" || r["energy_kind"] == "device"))
      throw bad("\"energy_kind\" must be \"heat\" or \"device\"");
    if (r.contains("energy_over_bound") && !r["energy_over_bound"].is_null() && !r["energy_over_bound"].is_number())
      throw bad("\"energy_over_bound\" must be a number or null");
  }
}

FlagList with(const ReportOptions& o, std::initializer_list<std::pair<std::string, std::string>> extra) {
  FlagList f{{"model", o.model}};
  for (const auto& p : o.flags) f.push_back(p);
  for (const auto& p : extra) f.push_back(p);
  return f;
}

// The paradigms' totals of one `project` document: [{"name", "total_J"}].
Json totals(const Json& doc) {
  Json out = Json::array();
  for (const auto& p : doc["paradigms"]) out.push_back(Json{{"name", p["name"]}, {"total_J", p["total_J"]}});
  return out;
}

// A progress bar over the report's stages that keeps moving while one long stage (validation, a
// training run) computes. Each stage carries its typical duration on 2 cores; a background thread
// advances the bar through the current stage as t / (t + typical), so it never stands still and
// never claims a stage done before it is, and shows the stage's name and elapsed seconds.
class Stages {
 public:
  explicit Stages(double total_s) : bar_("report", total_s), ticker_([this] { tick(); }) {}
  ~Stages() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    ticker_.join();
    bar_.finish();
  }
  void begin(const std::string& name, double typical_s) {
    std::lock_guard lock(mu_);
    done_ += typical_;
    typical_ = typical_s;
    name_ = name;
    start_ = std::chrono::steady_clock::now();
    draw();
  }

 private:
  void draw() {
    const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    bar_.update(done_ + typical_ * t / (t + typical_), fmt::format("{} ({:.0f} s)", name_, t));
  }
  void tick() {
    std::unique_lock lock(mu_);
    while (!cv_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stop_; })) draw();
  }
  Progress bar_;
  double done_ = 0, typical_ = 0;
  std::string name_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  bool stop_ = false;
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread ticker_;
};

}  // namespace

Json report_data(const ReportOptions& o) {
  // Typical seconds of each stage on 2 cores (measured; README "limen report").
  const bool validate = o.validation == "quick" || o.validation == "full";
  const double validation_s = o.validation == "full" ? 120 : validate ? 25 : 0.1;
  const double tradeoff_s = o.tradeoff.empty() ? 0 : ends_with(o.tradeoff, ".json") ? 0.1 : 60;
  const double train_s = o.train.empty() ? 0 : ends_with(o.train, ".csv") ? 0.1 : 10;
  const double study_s = o.study.empty() ? 0 : ends_with(o.study, ".toml") ? 10 : 0.1;
  const double cnn_s = o.cnn.empty() ? 0 : 0.1;
  Stages stages(0.2 + 1 + 0.3 + validation_s + tradeoff_s + train_s + study_s + cnn_s);
  stages.begin("ladder", 0.2);
  Json d;
  d["model"] = o.model;
  Json flags = Json::object();
  for (const auto& [k, v] : o.flags) flags[k] = v;
  d["flags"] = flags;
  // The ladder of the workload (THEORY section 4).
  d["ladder"] = project_json(with(o, {}));
  // Energy vs model size: N varied over ten decades, the other quantities the workload's own;
  // the catalog's models marked at their own (N, D, F) with the same flags.
  stages.begin("energy vs model size", 1);
  d["size"] = project_json(with(o, {{"vary", "params=1e6:1e16:41"}}));
  Json cat = Json::array();
  for (const auto& name : Catalog::builtin().model_names()) {
    FlagList f{{"model", name}};
    for (const auto& p : o.flags)
      if (p.first != "params" && p.first != "tokens" && p.first != "flops") f.push_back(p);
    const Json doc = project_json(f);
    cat.push_back(Json{{"name", name}, {"N", doc["workload"]["N"]}, {"D", doc["workload"]["D"]},
                       {"paradigms", totals(doc)}});
  }
  d["catalog"] = std::move(cat);
  // Energy vs training time: the speed trade-off of the ladder (THEORY sections 3.2 and 5).
  stages.begin("energy vs training time", 0.3);
  d["time"] = project_json(with(o, {{"vary", "train-time=3600:3.15576e8:41"}}));

  if (!interrupted() && validate) {
    stages.begin("validation (THEORY section 7 checks)", validation_s);
    const auto level = o.validation == "full" ? physics::Level::full : physics::Level::quick;
    const auto checks = learn::validation_suite(level, o.threads);
    d["validation"] = physics::checks_json(checks);
    d["validation"]["level"] = o.validation;
    // Checks cut short by SIGINT/SIGTERM ran on part of their ensembles: never shown as results.
    if (interrupted()) d.erase("validation");
  } else if (o.validation != "none" && o.validation != "quick" && o.validation != "full" && !o.validation.empty()) {
    d["validation"] = read_json(o.validation, "--validation");
    check_validation(d["validation"], o.validation);
  }

  if (!interrupted() && !o.tradeoff.empty()) {
    stages.begin("tradeoff", tradeoff_s);
    if (ends_with(o.tradeoff, ".json")) d["tradeoff"] = read_json(o.tradeoff, "--tradeoff");
    else d["tradeoff"] = learn::tradeoff(Config::load_file(o.tradeoff), learn::TradeoffOptions{});
  }

  if (!interrupted() && !o.train.empty()) {
    stages.begin("training run", train_s);
    Json t;
    if (ends_with(o.train, ".csv")) {
      t["steps_csv"] = fs::absolute(o.train).string();
    } else {
      const std::string csv = (fs::path(o.output_dir.empty() ? "." : o.output_dir) / "train-steps.csv").string();
      learn::TrainOptions opt;
      opt.steps_csv = csv;
      opt.threads = o.threads;
      t["result"] = learn::train(Config::load_file(o.train), opt);
      t["steps_csv"] = fs::absolute(csv).string();
    }
    t["source"] = o.train;
    d["train"] = std::move(t);
  }

  if (!interrupted() && !o.study.empty()) {
    stages.begin("study", study_s);
    fs::path p = fs::is_directory(o.study) ? fs::path(o.study) / "results.json" : fs::path(o.study);
    if (ends_with(o.study, ".toml")) {  // a study file: run (or resume) its sweep beside the report
      const Study study = load_study(o.study);
      const std::string dir = (fs::path(o.output_dir.empty() ? "." : o.output_dir) / default_output_dir(study)).string();
      Ranks one;
      const auto summary = run_sweep(study, {dir, o.threads > 0 ? o.threads : -1, false}, one);
      p = summary.json_path;
    }
    d["study"] = read_json(p.string(), "--study");
    if (!d["study"].contains("results"))
      throw InputError("--study: " + p.string() + " holds no \"results\" (expected a sweep's results.json)");
  }
  if (!interrupted() && !o.cnn.empty()) {
    stages.begin("CNN device comparison", 0.1);
    const fs::path p = fs::is_directory(o.cnn) ? fs::path(o.cnn) / "cnn_devices.json" : fs::path(o.cnn);
    d["cnn"] = read_json(p.string(), "--cnn");
    check_cnn(d["cnn"], p.string());
    d["cnn"]["source"] = fs::absolute(p).string();
  }
  check_finite(d);
  return d;
}

}  // namespace limen::sweep
