// `limen tradeoff CONFIG.toml`: heat against training time per barrier schedule (THEORY §5).
// A thin shell over limen::learn::tradeoff; prints JSON, CSV or a table.
#include <fmt/format.h>

#include <memory>
#include <sstream>

#include "command.hpp"
#include "limen/io/output.hpp"
#include "limen/learn/api.hpp"

namespace limen::cli {
namespace {

struct TradeoffArgs {
  std::string config, format = "table", train_time, schedules, output;
  int threads = 0;
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
  return format_table(rows) + fmt::format("floor_J = {} (time-independent part of the bound)\n", sig3(j["floor_J"].get<double>()));
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
                return [a] {
                  const Config config = Config::load_file(a->config);
                  learn::TradeoffOptions opt;
                  opt.train_time_range = a->train_time;
                  opt.threads = a->threads;
                  std::stringstream ss(a->schedules);
                  for (std::string s; std::getline(ss, s, ',');)
                    if (!s.empty()) opt.schedules.push_back(s);
                  const Json doc = learn::tradeoff(config, opt);
                  std::string text;
                  if (a->format == "json") text = doc.dump(2) + "\n";
                  else if (a->format == "csv") text = tradeoff_csv(doc);
                  else text = tradeoff_table(doc);
                  write_text(text, a->output);
                  return 0;
                };
              }}};

}  // namespace
}  // namespace limen::cli
