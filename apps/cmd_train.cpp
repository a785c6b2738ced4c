// `limen train CONFIG.toml`: learning in simulated barrier-controlled memories (THEORY §5, issue 4).
// A thin shell over limen::learn::train; prints a table or the JSON summary.
#include <cstdio>
#include <memory>

#include "command.hpp"
#include "limen/io/interrupt.hpp"
#include "limen/io/output.hpp"
#include "limen/learn/api.hpp"
#include "limen/io/parallel.hpp"
#include "limen/sweep/footprint.hpp"

namespace limen::cli {
namespace {

struct TrainArgs {
  std::string config, format = "table", steps_csv, output;
  int threads = 0;
};

void table_rows(const Json& j, const std::string& prefix, std::vector<std::vector<std::string>>& rows) {
  for (const auto& [k, v] : j.items()) {
    if (v.is_object()) {
      table_rows(v, prefix + k + ".", rows);
      continue;
    }
    std::string s;
    if (v.is_number_float()) s = sig3(v.get<double>());
    else if (v.is_string()) s = v.get<std::string>();
    else s = v.dump();
    rows.push_back({prefix + k, s});
  }
}

std::string train_table(const Json& j) {
  std::vector<std::vector<std::string>> rows{{"quantity", "value"}};
  table_rows(j, "", rows);
  return format_table(rows);
}

Register reg{{"train", "Train a model whose parameters live in simulated barrier-controlled memories; measure its heat", 40,
              [](CLI::App& sub) -> std::function<int()> {
                auto a = std::make_shared<TrainArgs>();
                sub.add_option("config", a->config, "Training config (TOML; see README.md, 'limen train')")->required();
                sub.add_option("--format", a->format, "Output format: table or json [default: table]")
                    ->check(CLI::IsMember({"table", "json"}));
                sub.add_option("--steps-csv", a->steps_csv,
                               "Per-step CSV of replica 0: step,time,loss,metric,barrier_kT,drive,heat_kT");
                sub.add_option("--threads", a->threads, "Threads for the replicas (0 = all cores) [default: 0]")
                    ->check(CLI::Range(0, 4096));
                sub.add_option("--output", a->output, "Write to FILE instead of stdout");
                return [a] {
                  install_interrupt_handler();
                  const Config config = Config::load_file(a->config);
                  sweep::check_train_memory(config, resolve_threads(a->threads));  // before any allocation
                  const Json doc = learn::train(config, {a->steps_csv, a->threads});
                  if (doc.contains("warnings"))
                    for (const auto& w : doc["warnings"]) std::fprintf(stderr, "limen train: warning: %s\n", w.get<std::string>().c_str());
                  write_text(a->format == "json" ? doc.dump(2) + "\n" : train_table(doc), a->output);
                  return interrupt_exit_status();  // 130 / 143 after SIGINT / SIGTERM (the output says partial)
                };
              }}};

}  // namespace
}  // namespace limen::cli
