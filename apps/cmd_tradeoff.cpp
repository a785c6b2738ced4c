// `limen tradeoff CONFIG.toml`: heat against training time per barrier schedule (THEORY §5).
// A thin shell over limen::learn::tradeoff; prints JSON, CSV or a table.
#include <fmt/format.h>

#include <memory>
#include <sstream>

#include "command.hpp"
#include "limen/io/interrupt.hpp"
#include "limen/io/output.hpp"
#include "limen/sweep/tradeoff_journal.hpp"
#include "limen/learn/api.hpp"
#include "limen/io/parallel.hpp"
#include "limen/sweep/footprint.hpp"

namespace limen::cli {
namespace {

struct TradeoffArgs {
  std::string config, format = "table", train_time, schedules, output, journal;
  int threads = 0;
  bool restart = false;
};

std::string tradeoff_csv(const Json& j) {
  std::string out = "train_time,schedule,eta,elapsed_time,heat_J,bound_J,alpha,exact_J,reached_target\n";
  const auto num = [](const Json& v) { return v.is_number() ? full_precision(v.get<double>()) : std::string(); };
  for (const auto& p : j["points"])
    out += fmt::format("{},{},{},{},{},{},{},{},{}\n", num(p["train_time"]), p["schedule"].get<std::string>(), num(p["eta"]),
                       num(p["elapsed_time"]), num(p["heat_J"]), num(p["bound_J"]), num(p["alpha"]), num(p["exact_J"]),
                       p["reached_target"].is_boolean() ? (p["reached_target"].get<bool>() ? "true" : "false") : "");
  return out;
}

std::string tradeoff_table(const Json& j) {
  std::vector<std::vector<std::string>> rows{{"train_time", "schedule", "heat_J", "bound_J", "alpha", "exact_J", "reached"}};
  const auto num = [](const Json& v) { return v.is_number() ? sig3(v.get<double>()) : std::string("-"); };
  for (const auto& p : j["points"])
    rows.push_back({num(p["train_time"]), p["schedule"].get<std::string>(), num(p["heat_J"]), num(p["bound_J"]),
                    num(p["alpha"]), num(p["exact_J"]), p["reached_target"].dump()});
  std::string out = format_table(rows);
  if (j["floor_J"].is_number())
    out += fmt::format("floor_J = {} (time-independent part of the bound)\n", sig3(j["floor_J"].get<double>()));
  if (j.value("partial", false)) out += "[PARTIAL: interrupted; only the finished points]\n";
  return out;
}

Register reg{{"tradeoff", "Heat against training time for each barrier schedule: the energy-speed trade-off", 41,
              [](CLI::App& sub) -> std::function<int()> {
                auto a = std::make_shared<TradeoffArgs>();
                sub.add_option("config", a->config, "Training config (TOML; see README.md, 'limen train')")->required();
                sub.add_option("--train-time", a->train_time,
                               "Total training times START:STOP:POINTS, log-spaced [default: from mu_0-limited to the heat plateau]");
                sub.add_option("--schedules", a->schedules, "Comma-separated: static,switched,matched,curve [default: all]");
                sub.add_option("--format", a->format, "Output format: table, json or csv [default: table]")
                    ->check(CLI::IsMember({"table", "json", "csv"}));
                sub.add_option("--output", a->output, "Write to FILE instead of stdout");
                sub.add_option("--threads", a->threads, "Points trained at once (0 = all cores; results do not depend on it)")
                    ->check(CLI::Range(0, 1024));
                sub.add_option("--journal", a->journal,
                               "Folder journaling each finished point, so that the same command resumes after an interrupt "
                               "[default: OUTPUT.partial, or tradeoff-<config name>.partial; removed when complete]");
                sub.add_flag("--restart", a->restart, "Discard the points an interrupted run journaled");
                return [a] {
                  install_interrupt_handler();
                  const Config config = Config::load_file(a->config);
                  sweep::check_train_memory(config, 1, resolve_threads(a->threads));  // points trained at once
                  learn::TradeoffOptions opt;
                  opt.train_time_range = a->train_time;
                  opt.threads = a->threads;
                  std::stringstream ss(a->schedules);
                  for (std::string s; std::getline(ss, s, ',');)
                    if (!s.empty()) opt.schedules.push_back(s);
                  const std::string dir = a->journal.empty() ? sweep::default_tradeoff_journal(a->config, a->output) : a->journal;
                  sweep::TradeoffJournal journal(dir, a->config, config, a->train_time, opt.schedules, a->restart);
                  opt.finished = journal.finished();
                  opt.on_point = [&journal](std::size_t i, const Json& record) { journal.append(i, record); };
                  Json doc;
                  try {
                    doc = learn::tradeoff(config, opt);
                  } catch (...) {
                    if (journal.empty()) journal.remove();  // bad input: no journal left behind
                    throw;
                  }
                  const bool partial = doc.value("partial", false);
                  std::string text;
                  if (a->format == "json") text = doc.dump(2) + "\n";
                  else if (a->format == "csv") text = tradeoff_csv(doc);
                  else text = tradeoff_table(doc);
                  write_text(text, a->output);
                  if (!partial) {
                    journal.remove();
                    return 0;
                  }
                  fmt::print(stderr, "limen: tradeoff interrupted with {} points done (journaled in {}); run the same command "
                             "again to finish it\n", doc["points"].size(), dir);
                  const int status = interrupt_exit_status();
                  return status ? status : 130;
                };
              }}};

}  // namespace
}  // namespace limen::cli
