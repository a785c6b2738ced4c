// The device paradigms cim:<memory> (README "Device memories"; THEORY.md section 4 style): compute
// in memory on a catalog memory technology, with its published figures in place of the physics
// floor's walls.
//   compute        F b eps_L(tau_op)                       (the physics floor, as lim and cim)
//   memory         R e_read,  R = 2 N D parameter reads     (every weight read once forward and once
//                                                            backward per sample; e_read = b e_bit for a
//                                                            digital word, one cell read for an analog cell)
//   update         OPS p e_write                           (digital: p = b bits rewritten per update;
//                                                            analog: p = max(1, n_u (S - 1) / (2^b - 1))
//                                                            pulses, S the cell's states, n_u the update
//                                                            in b-bit levels)
//   consolidation  volatile memories only: K copies of N b bits into long-term cells at the floor
//                  eps_w(E_b long, T_train / K) (THEORY 4 cim-volatile) plus reading them (N b e_read),
//                  and, where the catalog gives a retention time t_ret > 0, the refresh that rewrites
//                  every stored bit once per t_ret: N b (T_train / t_ret) e_write_bit.
//   refresh        one-sided differential pairs only (PCM, README "Device memories"; the training model
//                  is memory/device_pair.cpp), added to the update wall: a parameter read reads both
//                  cells (R 2 e_read); every refresh_every steps both cells of every pair are read for
//                  the refresh check (2 N M / refresh_every e_read); and each update's p SET pulses
//                  fill the pair towards its refresh. Derived from the pair's range and step under the
//                  stated assumption that updates split evenly between g+ and g- (both cells rise
//                  together, so the difference rewritten at a refresh is ~0 and no rewrite pulses are
//                  counted) on a nominal noiseless cell: a refresh comes every 2 n_fill pulses,
//                  n_fill the noiseless exp-step pulses from the reset level to
//                  max(refresh_upper, refresh_lower) g_max, and costs 2 RESET pulses:
//                  OPS p / (2 n_fill) 2 e_reset.
// A figure the catalog does not have (no sourced read energy) is not counted, and the assumptions say so.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "limen/bounds/elementary.hpp"
#include "limen/bounds/paradigm.hpp"

namespace limen {
namespace {

using namespace bounds;

class CimDevice final : public Paradigm {
 public:
  explicit CimDevice(MemoryEntry m) : m_(std::move(m)) {}
  std::string name() const override { return "cim:" + m_.name; }

  Breakdown energy(const Workload& w, const Device& d) const override {
    Breakdown b;
    b.compute_J = w.flops * w.bits * finite_time_erasure_kT(tau_op_s(w), d.tau_D()) * d.kT_J();
    b.memory_J = parameter_reads(w) * read_J(w);
    b.update_J = w.update_ops * writes_per_update(w, d) * write_J();
    if (is_pair()) b.update_J += pair_refresh_J(w, d) + pair_check_reads(w) * cell_read_J();
    if (m_.is_volatile) {
      const double K = consolidations(w, d);
      const double copy_kT = static_write_kT(retention_barrier_kT(d.tau0_s, d.retention_long_s, d.error_prob), d.tau0_s,
                                             w.train_time_s / K);
      b.consolidation_J = K * w.params * w.bits * (copy_kT * d.kT_J() + std::max(0.0, m_.read_energy_per_bit));
      b.consolidation_J += refresh_J(w);
    }
    return b;
  }

  Json assumptions(const Workload& w, const Device& d) const override {
    Json a{{"rule", "compute F b eps_L(tau_op); memory R e_read with R = 2 N D; update OPS p e_write (digital: p = b bits, "
                    "analog: p = max(1, n_u (S-1)/(2^b-1)) pulses); volatile: K N b (eps_w(E_b long, T/K) + e_read) plus "
                    "refresh N b (T/t_ret) e_write_bit; one-sided pairs: 2 cells per read, plus refresh checks and RESETs in the "
                    "update wall (see refresh) (README, Device memories)"},
           {"memory", m_.description},
           {"analog", m_.analog},
           {"volatile", m_.is_volatile},
           {"tau_op_s", tau_op_s(w)},
           {"eps_L_kT", finite_time_erasure_kT(tau_op_s(w), d.tau_D())},
           {"parameter_reads_R", parameter_reads(w)},
           {"read_J_per_parameter", m_.read_energy_per_bit >= 0 ? Json(read_J(w)) : Json(nullptr)},
           {"writes_per_update_p", writes_per_update(w, d)},
           {"write_J_per_write", write_J()},
           {"update_levels", d.update_levels},
           {"source", m_.source}};
    Json figures = Json::object();
    const auto figure = [&](const char* key, double v) {
      if (v < 0) return;
      std::string src = m_.sources.count(key) ? m_.sources.at(key) : m_.source;
      if (std::string(key) == "states" && !m_.analog && !m_.sources.count(key)) src = "a digital cell holds one bit";
      figures[key] = Json{{"value", v}, {"source", src}};
    };
    figure("write_energy_per_bit", m_.write_energy_per_bit);
    figure("write_energy_per_pulse", m_.write_energy_per_pulse);
    figure("read_energy_per_bit", m_.read_energy_per_bit);
    figure("states", m_.states);
    figure("endurance_cycles", m_.endurance_cycles);
    figure("retention_s", m_.retention_s);
    figure("reset_energy_per_pulse", m_.reset_energy_per_pulse);
    a["device_figures"] = figures;
    if (m_.read_energy_per_bit < 0)
      a["memory_wall_note"] = fmt::format("not counted: the catalog has no sourced read energy for {}", m_.name);
    if (m_.analog) {
      a["cell_bits"] = m_.cell_bits();
      if (m_.cell_bits() < w.bits)
        a["precision_note"] = fmt::format("a cell resolves {:.3g} bits < b = {}: an update is one pulse, the precision "
                                          "beyond the cell's is not reached", m_.cell_bits(), w.bits);
    }
    const double writes_per_cell = w.steps * writes_per_update(w, d) / (m_.analog ? 1.0 : w.bits);
    a["writes_per_cell"] = writes_per_cell;
    if (m_.endurance_cycles > 0) a["endurance_exceeded"] = writes_per_cell > m_.endurance_cycles;
    if (is_pair()) {
      const PairResponse& p = m_.response->pair;
      a["refresh"] = Json{
          {"rule", "one-sided pair: R 2 cell reads per parameter read; refresh check 2 N M / refresh_every cell reads; "
                   "OPS p / (2 n_fill) refreshes of 2 RESET pulses each"},
          {"assumption", "updates split evenly between g+ and g-: both cells rise together from the reset level and a "
                         "pair is refreshed when both pass max(refresh_upper, refresh_lower) g_max; the rewritten "
                         "difference is then ~0, so no rewrite SET pulses are counted; nominal cell (no c2c or d2d "
                         "spread), noiseless aihwkit exp step"},
          {"pulses_to_refresh_n_fill", pulses_to_refresh()},
          {"refreshes_per_update", refreshes_per_update(w, d)},
          {"refreshes", w.update_ops * refreshes_per_update(w, d)},
          {"reset_J_per_pulse", m_.reset_energy_per_pulse},
          {"refresh_J", pair_refresh_J(w, d)},
          {"check_reads", pair_check_reads(w)},
          {"check_read_J", pair_check_reads(w) * cell_read_J()},
          {"refresh_every_steps", p.refresh_every}};
    }
    if (m_.is_volatile) {
      a["consolidations_K"] = consolidations(w, d);
      a["refresh_J"] = refresh_J(w);
      if (!(m_.retention_s > 0)) a["refresh_note"] = "no retention time in the catalog: no refresh counted";
    }
    return a;
  }

 private:
  static double parameter_reads(const Workload& w) { return 2 * w.params * w.tokens; }
  // J per parameter read: b bits of a digital word, one analog cell, or both cells of a pair.
  double read_J(const Workload& w) const {
    if (m_.read_energy_per_bit < 0) return 0;
    return m_.analog ? (is_pair() ? 2 : 1) * m_.read_energy_per_bit : w.bits * m_.read_energy_per_bit;
  }
  double cell_read_J() const { return std::max(0.0, m_.read_energy_per_bit); }
  bool is_pair() const { return m_.response && m_.response->model == "one-sided-pair"; }
  // Noiseless SET pulses of the aihwkit exp step (device_pair.cpp step_at, nominal cell) from the
  // reset level to max(refresh_upper, refresh_lower) g_max. The catalog loader checks the step is
  // positive at 0 and g_max, and it is monotone in g, so the loop ends.
  double pulses_to_refresh() const {
    const PairResponse& p = m_.response->pair;
    const double goal = std::max(p.refresh_upper, p.refresh_lower) * p.g_max;
    double g = p.reset, n = 0;
    while (g < goal) {
      g += p.dw_min * std::max(0.0, 1 - p.exp_A * std::exp(p.exp_gamma * (2 * p.exp_a * g / p.g_max + p.exp_b)));
      n += 1;
    }
    return n;
  }
  // One refresh per 2 n_fill SET pulses on a pair (both cells filled).
  double refreshes_per_update(const Workload& w, const Device& d) const {
    return writes_per_update(w, d) / (2 * pulses_to_refresh());
  }
  double pair_refresh_J(const Workload& w, const Device& d) const {
    return w.update_ops * refreshes_per_update(w, d) * 2 * m_.reset_energy_per_pulse;
  }
  // Both cells of every pair read every refresh_every steps.
  double pair_check_reads(const Workload& w) const {
    return 2 * w.params * std::floor(w.steps / static_cast<double>(m_.response->pair.refresh_every));
  }
  double write_J() const { return m_.analog ? m_.write_energy_per_pulse : m_.write_energy_per_bit; }
  // Digital: the b-bit word is rewritten. Analog: the update's n_u levels of the b-bit grid in
  // device steps, S - 1 steps spanning the range, and at least one pulse.
  double writes_per_update(const Workload& w, const Device& d) const {
    if (!m_.analog) return w.bits;
    return std::max(1.0, d.update_levels * (m_.states - 1) / (std::ldexp(1.0, w.bits) - 1));
  }
  double refresh_J(const Workload& w) const {
    if (!(m_.retention_s > 0)) return 0;
    return w.params * w.bits * std::floor(w.train_time_s / m_.retention_s) * m_.write_energy_per_bit;
  }
  MemoryEntry m_;
};

}  // namespace

std::unique_ptr<Paradigm> make_cim_device_paradigm(const MemoryEntry& memory) {
  if (memory.analog && !(memory.states >= 2))
    throw InputError(fmt::format("--paradigm: cim:{} needs the cell's number of states (states in the catalog)", memory.name));
  return std::make_unique<CimDevice>(memory);
}

}  // namespace limen
