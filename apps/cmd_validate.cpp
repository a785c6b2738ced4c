// `limen validate [--quick|--full]`: the validation suite of THEORY §7, one row per check case
// (id name@case), printed as id / kind / expected / measured / tolerance / error or margin / pass;
// exit 1 when a check fails.
#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "command.hpp"
#include "limen/io/output.hpp"
#include "limen/physics/api.hpp"
#include "limen/learn/api.hpp"

namespace limen::cli {
namespace {

Register reg{{"validate", "Check the physics engine against closed forms (THEORY.md section 7)", 60,
              [](CLI::App& sub) -> std::function<int()> {
                struct Args {
                  bool quick = false, full = false;
                  std::string format = "table";
                  int threads = 0;
                };
                auto a = std::make_shared<Args>();
                auto* q = sub.add_flag("--quick", a->quick, "Small ensembles, under two minutes (default)");
                sub.add_flag("--full", a->full, "Larger ensembles (about 5x; several minutes)")->excludes(q);
                sub.add_option("--format", a->format, "Output format")->check(CLI::IsMember({"table", "json"}));
                sub.add_option("--threads", a->threads, "Threads (0 = all cores)")->check(CLI::Range(0, 1024));
                return [a] {
                  const auto level = a->full ? physics::Level::full : physics::Level::quick;
                  const auto t0 = std::chrono::steady_clock::now();
                  const auto checks = learn::validation_suite(level, a->threads);
                  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                  Json j = physics::checks_json(checks);
                  j["level"] = a->full ? "full" : "quick";
                  j["seconds"] = secs;
                  if (a->format == "json") {
                    fmt::print("{}\n", j.dump(2));
                  } else {
                    std::vector<std::vector<std::string>> rows{
                        {"id", "kind", "expected", "measured", "tolerance", "error / margin", "pass", "detail"}};
                    for (const auto& c : checks) {
                      // equality: relative error; inequality: margin over the bound; absolute: |error|.
                      std::string err;
                      if (c.kind == physics::CheckKind::inequality)
                        err = fmt::format("margin {:+.3g}", c.measured - c.expected);
                      else if (c.kind == physics::CheckKind::absolute)
                        err = fmt::format("{:.2g}", std::fabs(c.measured - c.expected));
                      else
                        err = c.expected != 0 ? fmt::format("{:+.3g}%", 100.0 * (c.measured / c.expected - 1.0))
                                              : fmt::format("{:+.3g}", c.measured);
                      rows.push_back({c.id, physics::kind_name(c.kind), fmt::format("{:.6g}", c.expected),
                                      fmt::format("{:.6g}", c.measured), fmt::format("{:.3g}", c.tolerance), err,
                                      c.pass ? "pass" : "FAIL", c.detail});
                    }
                    fmt::print("{}{} passed, {} failed ({:.1f} s)\n", format_table(rows), j["passed"].get<int>(),
                               j["failed"].get<int>(), secs);
                  }
                  return j["failed"].get<int>() == 0 ? 0 : 1;
                };
              }}};

}  // namespace
}  // namespace limen::cli
