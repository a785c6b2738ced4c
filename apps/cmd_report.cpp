// `limen report`: an HTML page with the figures of a workload (ladder, energy vs model size and vs
// training time, validation, training curves, a sweep's results). The numbers come from the
// library (sweep::report_data); matplotlib draws them through python/limen/report.py, run by
// Debian's /usr/bin/python3 (or $LIMEN_PYTHON), which sees python3-matplotlib.
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "command.hpp"
#include "limen/bounds/project.hpp"
#include "limen/io/interrupt.hpp"
#include "limen/io/output.hpp"
#include "limen/io/progress.hpp"
#include "limen/sweep/report_data.hpp"
#include "limen/units/error.hpp"

extern char** environ;

namespace limen::cli {
namespace {
namespace fs = std::filesystem;

struct ReportArgs {
  sweep::ReportOptions o;
  std::vector<std::string> set;
  std::string output = "limen-report", python;
};

std::string interpreter(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("LIMEN_PYTHON")) return env;
  return fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

// python/limen/report.py of this source tree ($LIMEN_REPORT_SCRIPT overrides).
std::string script() {
  if (const char* env = std::getenv("LIMEN_REPORT_SCRIPT")) return env;
  return (fs::path(LIMEN_DATA_DIR).parent_path() / "python" / "limen" / "report.py").string();
}

int run_python(const std::string& python, const std::vector<std::string>& args) {
  std::vector<char*> argv;
  std::vector<std::string> all{python};
  all.insert(all.end(), args.begin(), args.end());
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, python.c_str(), nullptr, nullptr, argv.data(), environ) != 0)
    throw InputError(fmt::format("--python: cannot run '{}' (install python3 and python3-matplotlib, or name the interpreter)", python));
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

Register reg{{"report", "Write an HTML report with figures (ladder, size, time, validation, training, study, CNN devices)", 70,
              [](CLI::App& sub) -> std::function<int()> {
                auto a = std::make_shared<ReportArgs>();
                sub.add_option("--model", a->o.model, "Catalog workload of the ladder")->capture_default_str();
                sub.add_option("--set", a->set, "A flag of limen project for every figure, NAME=VALUE (repeatable), e.g. train-time=10d");
                sub.add_option("--validation", a->o.validation,
                               "Validation panel: quick, full, none, or a saved `limen validate --format json` file")
                    ->capture_default_str();
                sub.add_option("--train", a->o.train, "Training curves: a train config to run, or a steps CSV of `limen train`");
                sub.add_option("--tradeoff", a->o.tradeoff, "Heat vs time of the training simulator: a tradeoff config, or its saved JSON");
                sub.add_option("--study", a->o.study, "A sweep's output directory (or its results.json) to plot, or a study file to run first");
                sub.add_option("--cnn", a->o.cnn,
                               "CNN device comparison: the output directory of examples/torch/cnn_devices.py, or its cnn_devices.json");
                sub.add_option("--output,-o", a->output, "Output directory")->capture_default_str();
                sub.add_option("--threads", a->o.threads, "Threads for validation and training (0 = all cores)")->check(CLI::Range(0, 4096));
                sub.add_option("--python", a->python, "Python interpreter with matplotlib (default $LIMEN_PYTHON or /usr/bin/python3)");
                return [a] {
                  for (const auto& s : a->set) {
                    const auto eq = s.find('=');
                    if (eq == std::string::npos || eq == 0)
                      throw InputError("--set: expected NAME=VALUE with NAME a flag of limen project, got '" + s + "'");
                    a->o.flags.emplace_back(s.substr(0, eq), s.substr(eq + 1));
                  }
                  install_interrupt_handler();
                  const std::string py = interpreter(a->python), path = script();
                  if (!fs::exists(path)) throw InputError("cannot find the report script " + path + " (set LIMEN_REPORT_SCRIPT)");
                  std::error_code ec;
                  const bool created = !fs::exists(a->output);
                  fs::create_directories(a->output, ec);
                  if (!fs::is_directory(a->output)) throw InputError("--output: cannot create the directory " + a->output);
                  a->o.output_dir = a->output;
                  try {
                    Json data = sweep::report_data(a->o);
                    if (interrupted()) data["partial"] = true;  // drawn from what finished before the signal
                    const std::string data_path = (fs::path(a->output) / "report-data.json").string();
                    write_text(data.dump(1) + "\n", data_path);
                    // The script names each figure as it draws it, on a terminal and without --quiet only.
                    if (!Progress::terminal()) setenv("LIMEN_QUIET", "1", 1);
                    const int status = run_python(py, {"-B", path, data_path, a->output});  // -B: no bytecode in the source tree
                    if (interrupted()) {
                      fmt::print(stderr, "limen: report interrupted; {} holds what finished before (report-data.json says partial)\n",
                                 a->output);
                      return interrupt_exit_status();
                    }
                    if (status != 0)
                      throw RunError(fmt::format("{} {} failed with status {} (does it see matplotlib? try --python /usr/bin/python3)", py, path, status));
                  } catch (...) {
                    // Bad input or a failed drawing leaves no half-written report behind.
                    if (created) fs::remove_all(a->output, ec);
                    throw;
                  }
                  return 0;
                };
              }}};
}  // namespace
}  // namespace limen::cli
