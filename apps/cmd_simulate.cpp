// `limen simulate CONFIG.toml`: one stochastic-thermodynamics run (issue 3, THEORY §6): a thin
// shell over physics::simulate. Under `mpirun -n K` the ensemble is split across the K ranks
// (sweep::simulate_distributed) and rank 0 prints the same document as one process.
#include <fmt/format.h>

#include <optional>

#include "command.hpp"
#include "limen/io/interrupt.hpp"
#include "limen/physics/api.hpp"
#include "limen/sweep/distributed.hpp"
#include "limen/sweep/footprint.hpp"

namespace limen::cli {
namespace {

std::string table_of(const Json& j) {
  const auto ms = [&](const char* k) {
    return fmt::format("{:.6g} +- {:.2g}", j[k]["mean"].get<double>(), j[k]["stderr"].get<double>());
  };
  const auto& J = j["joules"];
  std::vector<std::vector<std::string>> rows{
      {"quantity", "kT", "joules"},
      {"work", ms("work_kT"), sig3(J["work"].get<double>())},
      {"heat", ms("heat_kT"), sig3(J["heat"].get<double>())},
      {"delta_U", ms("delta_U_kT"), sig3(J["delta_U"].get<double>())},
      {"delta_F_neq", fmt::format("{:.6g}", j["delta_F_neq_kT"].get<double>()), sig3(J["delta_F_neq"].get<double>())},
      {"w2_bound (gamma W2^2/tau)", fmt::format("{:.6g}", j["w2_bound_kT"].get<double>()),
       sig3(J["w2_bound"].get<double>())}};
  std::string out = fmt::format("limen simulate: {} ({}{}), {} steps of dt = {:g}{}\n", j["config"].get<std::string>(),
                                j["method"].get<std::string>(),
                                j["method"] == "langevin" ? ", " + j["integrator"].get<std::string>() : "",
                                j["steps_done"].get<long>(), j["dt"].get<double>(),
                                j["partial"].get<bool>() ? "  [PARTIAL: interrupted]" : "");
  out += format_table(rows);
  if (j.contains("first_law_max_residual"))
    out += fmt::format("first law: max |W - Q - dU| / scale = {:.2g}\n", j["first_law_max_residual"].get<double>());
  const auto& h = j["histogram"];
  const bool prob = h.contains("probability");
  const auto& c = prob ? h["probability"] : h["counts"];
  double top = 0;
  for (const auto& v : c) top = std::max(top, v.get<double>());
  const double lo = h["lo"].get<double>(), hi = h["hi"].get<double>();
  out += "final positions:\n";
  for (size_t i = 0; i < c.size(); ++i) {
    const double v = c[i].get<double>();
    out += fmt::format("  {:>9.3g} {:<40} {}\n", lo + (hi - lo) * (i + 0.5) / c.size(),
                       std::string(top > 0 ? static_cast<size_t>(40 * v / top + 0.5) : 0, '#'), prob ? sig3(v) : fmt::format("{:g}", v));
  }
  out += fmt::format("{:.2f} s\n", j["timing"]["seconds"].get<double>());
  return out;
}

Register reg{{"simulate", "Simulate a physical memory: work, heat, free energy (THEORY.md section 6)", 30,
              [](CLI::App& sub) -> std::function<int()> {
                struct Args {
                  std::string config, format = "table";
                  physics::SimulateOptions opt;
                };
                auto a = std::make_shared<Args>();
                sub.add_option("config", a->config, "Config file (TOML; see examples/simulate-*.toml)")->required();
                sub.add_option("--threads", a->opt.threads, "Threads (0 = all cores)")->check(CLI::Range(0, 1024));
                sub.add_option("--format", a->format, "Output format")->check(CLI::IsMember({"table", "json"}));
                sub.add_option("--trajectories", a->opt.trajectories_csv,
                               "Write per-particle x0, x, work, heat, dU to this CSV file");
                return [a] {
                  install_interrupt_handler();
                  std::optional<sweep::Ranks> ranks;  // MPI only under mpirun/srun
                  if (sweep::Ranks::launched_by_mpi()) ranks.emplace();
                  Json j;
                  try {
                    const Config cfg = Config::load_file(a->config);
                    sweep::check_simulate_memory(cfg, ranks ? ranks->size() : 1);  // before any allocation
                    j = ranks ? sweep::simulate_distributed(cfg, a->opt, *ranks) : physics::simulate(cfg, a->opt);
                  } catch (const InputError&) {
                    if (ranks && !ranks->root()) return 2;  // every rank sees the same bad input; rank 0 says it once
                    throw;
                  }
                  if (ranks && !ranks->root()) return interrupt_exit_status();  // rank 0 prints (and writes --trajectories)
                  if (a->format == "json") fmt::print("{}\n", j.dump(2));
                  else fmt::print("{}", table_of(j));
                  return interrupt_exit_status();  // 130 / 143 after SIGINT / SIGTERM (the output says partial)
                };
              }}};

}  // namespace
}  // namespace limen::cli
