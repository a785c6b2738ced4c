// `limen constants`: the physical constants and defaults limen uses (THEORY.md section 1).
#include <fmt/format.h>

#include "command.hpp"
#include "limen/units/constants.hpp"
#include "limen/units/parse.hpp"

namespace limen::cli {
namespace {
Register reg{{"constants", "Print the physical constants and defaults (THEORY.md section 1)", 90,
              [](CLI::App& sub) -> std::function<int()> {
                auto temp = std::make_shared<std::string>("300K");
                sub.add_option("--temperature", *temp, "Temperature (e.g. 300K)");
                return [temp] {
                  const double T = parse_temperature(*temp, "--temperature");
                  fmt::print("k_B        = {:.6e} J/K (exact)\n", kBoltzmann);
                  fmt::print("T          = {:g} K\n", T);
                  fmt::print("kT         = {:.6e} J\n", kT_J(T));
                  fmt::print("kT ln 2    = {:.6e} J\n", kT_J(T) * kLn2);
                  fmt::print("tau_0      = {:g} s (nu_0 = {:g} Hz)\n", kDefaultTau0_s, 1 / kDefaultTau0_s);
                  return 0;
                };
              }}};
}  // namespace
}  // namespace limen::cli
