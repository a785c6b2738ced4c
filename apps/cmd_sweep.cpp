// `limen sweep STUDY.toml...`: a grid or list of points over any parameter of project, simulate,
// train or tradeoff, across threads and (under mpirun) MPI ranks; resumable; CSV and JSON.
#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <set>

#include "command.hpp"
#include "limen/io/interrupt.hpp"
#include "limen/sweep/sweep.hpp"
#include "limen/units/error.hpp"

namespace limen::cli {
namespace {
struct SweepArgs {
  std::vector<std::string> studies;
  std::string output;
  int threads = -1;
  bool restart = false;
};

// Runs one study; rank 0 prints its summary. Returns false when it was interrupted.
bool run_one(const sweep::Study& study, const std::string& dir, const SweepArgs& a, const sweep::Ranks& ranks) {
  const auto s = sweep::run_sweep(study, {dir, a.threads, a.restart}, ranks);
  if (!ranks.root()) return s.complete;
  const double rate = s.seconds > 0 ? static_cast<double>(s.computed) / s.seconds : 0;
  fmt::print("sweep {}: {} points ({} resumed, {} computed, {} failed) on {} rank{} x {} thread{} in {:.3g} s: {:.3g} points/s\n",
             study.name, s.points, s.resumed, s.computed, s.failed, s.ranks, s.ranks == 1 ? "" : "s", s.threads,
             s.threads == 1 ? "" : "s", s.seconds, rate);
  fmt::print("wrote {} and {}\n", s.csv_path, s.json_path);
  if (!s.complete)
    fmt::print(stderr, "limen: sweep {} interrupted with {} of {} points done; run the same command again to finish it\n",
               study.name, s.resumed + s.computed, s.points);
  return s.complete;
}

Register reg{{"sweep", "Run studies (grids or lists of points) across threads and MPI ranks; resumable", 60,
              [](CLI::App& sub) -> std::function<int()> {
                auto a = std::make_shared<SweepArgs>();
                sub.add_option("study", a->studies, "Study files (TOML; see README.md, 'limen sweep')")->required();
                sub.add_option("--output,-o", a->output,
                               "Output directory (default sweep-<study name>; with several studies, DIR/sweep-<study name>)");
                sub.add_option("--threads", a->threads, "Points computed at once per rank (0 = all cores; default: the study's)")
                    ->check(CLI::Range(0, 4096));
                sub.add_flag("--restart", a->restart, "Discard the results already in the output directory");
                return [a] {
                  sweep::Ranks ranks;
                  try {
                    std::vector<sweep::Study> studies;
                    std::set<std::string> names;
                    for (const auto& path : a->studies) {
                      studies.push_back(sweep::load_study(path));
                      if (!names.insert(studies.back().name).second)
                        throw InputError(fmt::format("{}: another study is also named '{}'; give each [study] name its own", path,
                                                     studies.back().name));
                    }
                    for (const auto& study : studies) {
                      std::string dir = a->output;
                      if (studies.size() > 1)
                        dir = (std::filesystem::path(a->output.empty() ? "." : a->output) / sweep::default_output_dir(study)).string();
                      if (!run_one(study, dir, *a, ranks)) {
                        const int status = interrupt_exit_status();  // 130 after SIGINT, 143 after SIGTERM
                        return status ? status : 130;                // (another rank was interrupted)
                      }
                    }
                    return 0;
                  } catch (const InputError&) {
                    if (!ranks.root()) return 2;  // every rank sees the same bad input; rank 0 says it once
                    throw;
                  }
                };
              }}};
}  // namespace
}  // namespace limen::cli
