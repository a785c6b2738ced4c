#pragma once
// Each subcommand of the `limen` CLI lives in its own apps/cmd_<name>.cpp and registers itself
// here with a static Register object. The CLI parses and prints; it holds no physics.
#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

namespace limen::cli {

// setup() adds the subcommand's options to `sub` and returns the function that runs it
// (returning the process exit status) once the command line is parsed.
struct CommandSpec {
  std::string name;
  std::string help;
  int order;  // position in `limen --help`
  std::function<std::function<int()>(CLI::App& sub)> setup;
};

std::vector<CommandSpec>& registry();

struct Register {
  explicit Register(CommandSpec spec) { registry().push_back(std::move(spec)); }
};

}  // namespace limen::cli
