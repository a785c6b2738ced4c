// `limen project`: the energy ladder of a training workload (THEORY.md sections 2-4).
// Parses flags as text and hands them to limen::project_json; prints table, JSON or CSV.
#include <map>
#include <memory>

#include "command.hpp"
#include "limen/bounds/project.hpp"

namespace limen::cli {
namespace {

struct Options {
  std::map<std::string, std::string> values;
  std::vector<std::string> catalogs;
  std::string format = "table", output;
};

Register reg{{"project", "Energy ladder of a training workload: Landauer, LIM, CIM, von Neumann, process nodes, accelerators", 10,
              [](CLI::App& sub) -> std::function<int()> {
                auto o = std::make_shared<Options>();
                for (const auto& f : project_flags()) {
                  if (f.name == "catalog") continue;
                  const std::string help = f.help + (f.default_text.empty() ? "" : " [default: " + f.default_text + "]");
                  sub.add_option("--" + f.name, o->values[f.name], help);
                }
                sub.add_option("--catalog", o->catalogs, "Extra catalog TOML file (repeatable)");
                sub.add_option("--format", o->format, "Output format: table, json or csv [default: table]")
                    ->check(CLI::IsMember({"table", "json", "csv"}));
                sub.add_option("--output", o->output, "Write to FILE instead of stdout");
                return [o, &sub] {
                  FlagList flags;
                  for (const auto& c : o->catalogs) flags.emplace_back("catalog", c);
                  for (const auto& [name, value] : o->values)
                    if (sub.count("--" + name)) flags.emplace_back(name, value);
                  const Json doc = project_json(flags);
                  std::string text;
                  if (o->format == "json") text = doc.dump(2) + "\n";
                  else if (o->format == "csv") text = project_csv(doc);
                  else text = project_table(doc);
                  write_text(text, o->output);
                  return 0;
                };
              }}};

}  // namespace
}  // namespace limen::cli
