// `limen catalog [models|accelerators|nodes|memories]`: what the catalogs hold, with sources.
#include <fmt/format.h>

#include "command.hpp"
#include "limen/catalog/catalog_json.hpp"

namespace limen::cli {
namespace {

Register reg{{"catalog", "List the catalogs (models, accelerators, nodes, memories) with their sources", 80,
              [](CLI::App& sub) -> std::function<int()> {
                auto what = std::make_shared<std::string>("all");
                auto format = std::make_shared<std::string>("table");
                auto files = std::make_shared<std::vector<std::string>>();
                sub.add_option("what", *what, "all, models, accelerators, nodes or memories")
                    ->check(CLI::IsMember({"all", "models", "accelerators", "nodes", "memories"}));
                sub.add_option("--format", *format, "table or json")->check(CLI::IsMember({"table", "json"}));
                sub.add_option("--catalog", *files, "Extra catalog TOML file (repeatable)");
                return [=] {
                  Catalog c = Catalog::builtin();
                  for (const auto& f : *files) c.load_file(f);
                  const Json doc = catalog_json(c, *what);
                  write_text(*format == "json" ? doc.dump(2) + "\n" : catalog_table(doc), "");
                  return 0;
                };
              }}};

}  // namespace
}  // namespace limen::cli
