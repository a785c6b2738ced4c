// limen: the energy of learning in physical memories. Dispatches to the subcommands registered
// in apps/cmd_*.cpp. Bad input of any kind: one line on stderr, exit status 2.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "command.hpp"
#include "limen/io/progress.hpp"
#include "limen/io/suggest.hpp"
#include "limen/units/error.hpp"

namespace limen::cli {
std::vector<CommandSpec>& registry() {
  static std::vector<CommandSpec> r;
  return r;
}
}  // namespace limen::cli

int main(int argc, char** argv) {
  using namespace limen;
  CLI::App app{"limen: the energy of learning in physical memories (see README.md)", "limen"};
  app.require_subcommand(1, 1);
  app.set_version_flag("--version", "limen 0.1.0");
  bool quiet = false;
  app.add_flag("--quiet,-q", quiet, "No progress bars")->configurable(false);
  app.fallthrough();

  auto& specs = cli::registry();
  std::sort(specs.begin(), specs.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
  std::map<CLI::App*, std::function<int()>> runners;
  for (auto& spec : specs) {
    CLI::App* sub = app.add_subcommand(spec.name, spec.help);
    runners[sub] = spec.setup(*sub);
  }

  // An unknown command: suggest the nearest one ("limen projekt" -> project).
  std::vector<std::string> names;
  for (const auto& spec : specs) names.push_back(spec.name);
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (word.empty() || word[0] == '-') continue;
    if (std::find(names.begin(), names.end(), word) == names.end()) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      const std::string hint = did_you_mean(word, names);
      fmt::print(stderr, "limen: error: unknown command '{}'{}; expected one of: {} (see limen --help)\n", word, hint, list);
      return 2;
    }
    break;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    if (auto pos = msg.find('\n'); pos != std::string::npos) msg.resize(pos);
    fmt::print(stderr, "limen: error: {} (see limen --help)\n", msg);
    return 2;
  }
  Progress::set_quiet(quiet);
  try {
    for (auto& [sub, run] : runners)
      if (sub->parsed()) return run();
  } catch (const InputError& e) {
    fmt::print(stderr, "limen: error: {}\n", e.what());
    return 2;
  } catch (const RunError& e) {
    fmt::print(stderr, "limen: error: {}\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "limen: internal error: {}\n", e.what());
    return 3;
  }
  return 0;
}
