#pragma once
// The catalogs of THEORY.md section 8, as data files in data/catalog/*.toml: workloads,
// accelerators, process nodes and memory technologies. Every entry carries its source; an entry
// without one, or with an impossible number, is rejected at load with file:line.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "limen/units/error.hpp"
#include "limen/workload/workload.hpp"

namespace limen {

class Config;

struct ModelEntry {
  std::string name, description, source;
  WorkloadSpec spec;
};

struct ChipEntry {
  std::string name, description, source;
  double board_power_W = 0;
  std::string training_precision;
  std::map<std::string, double> peak;  // FLOP/s per precision
  double peak_at(const std::string& precision) const;  // throws InputError if absent
};

struct NodeEntry {
  std::string name, description, source;
  std::map<std::string, double> add, mul;  // J per operation per precision
  double sram_read_per_bit = 0, sram_write_per_bit = 0, dram_read_per_bit = 0, dram_write_per_bit = 0;
};

// How an analog cell's state answers one programming pulse (the linear-step model documented by
// aihwkit, LinearStepDevice; Gokmen & Vlasov, Front. Neurosci. 10, 333, 2016), in the device's own
// normalised weight units w in [w_min, w_max]:
//   up:   w += dw_up   (1 - gamma_up   w / w_max) (+ c2c noise),  dw_up   = dw_min (1 + up_down)
//   down: w -= dw_down (1 - gamma_down w / w_min) (+ c2c noise),  dw_down = dw_min (1 - up_down)
// then clipped to [w_min, w_max]. gamma = 0: constant step (hard bounds); gamma = 1: soft bounds.
// Cycle-to-cycle noise: a step's standard deviation c2c dw (additive) or c2c times the step
// (multiplicative). Device-to-device: relative spreads of dw_min, of up_down (absolute), of the bounds.
// model = "one-sided-pair" (README "Device memories"; aihwkit OneSidedUnitCell with the
// ExpStepDevice of PCMPresetDevice): w = g+ - g-, each device only potentiated by SET pulses of
//   dg = dw_min_i max(0, 1 - exp_A exp(exp_gamma z)),  z = 2 exp_a g / g_max_i + exp_b,
// plus cycle-to-cycle noise of sd c2c (dg + c2c_add + c2c_slope g) (c2c times dg when add and slope
// are 0), clipped to [0, g_max_i]. Device-to-device: dw_min_i = dw_min |1 + dw_min_d2d xi + up_down_d2d xi'|,
// g_max_i = g_max |1 + g_max_d2d xi''|, reset level reset + reset_d2d xi''' (then reset_c2c per reset).
// Every refresh_every steps both devices are read; a pair whose larger device exceeds refresh_upper
// g_max and the smaller refresh_lower g_max is refreshed: both RESET, and the difference rewritten
// into one device with SET pulses, "verify" (a read after every pulse, stop at the pulse nearest the
// target) or "open-loop" (round(|diff| / dw_min) pulses, aihwkit's rewrite); at most refresh_max_pulses.
struct PairResponse {
  double dw_min = 0, g_max = 1, exp_a = 0, exp_b = 0, exp_A = 0, exp_gamma = 0;
  double dw_min_d2d = 0, up_down_d2d = 0, g_max_d2d = 0;
  double c2c = 0, c2c_add = 0, c2c_slope = 0;
  double reset = 0, reset_d2d = 0, reset_c2c = 0;
  double refresh_upper = 0.75, refresh_lower = 0.25;
  long long refresh_every = 1, refresh_max_pulses = 31;
  bool refresh_verify = true;
};

struct ResponseEntry {
  std::string model = "linear-step", source;  // or "one-sided-pair" (then `pair` holds it)
  double dw_min = 0, w_min = -1, w_max = 1, gamma_up = 0, gamma_down = 0, up_down = 0;
  double c2c = 0;
  bool c2c_multiplicative = false;
  double dw_min_d2d = 0, up_down_d2d = 0, w_max_d2d = 0, w_min_d2d = 0;
  PairResponse pair;
};

struct MemoryEntry {
  std::string name, description, source;
  bool is_volatile = false;
  double retention_s = -1, write_energy_per_bit = 0, write_time_s = -1;  // < 0: not sourced
  // Training figures (README "Device memories"); < 0 where no sourced figure exists. Each present
  // figure has its own line in `sources` (key -> where it comes from).
  bool analog = false;                  // a multi-level cell programmed by pulses (else digital bits)
  double write_energy_per_pulse = -1;   // J per programming pulse (analog)
  double read_energy_per_bit = -1;      // J per read of one bit (digital) or one cell (analog)
  double endurance_cycles = -1;         // write cycles before wear-out
  double states = -1;                   // distinguishable states per cell (2 for a digital bit)
  double reset_energy_per_pulse = -1;   // J per RESET pulse (a one-sided pair's refresh)
  std::map<std::string, std::string> sources;
  std::optional<ResponseEntry> response;  // analog: the pulse response; absent = not sourced
  std::string response_missing;           // why there is no response, when there is none
  // Bits a cell resolves: log2(states).
  double cell_bits() const;
};

class Catalog {
 public:
  // The catalog shipped in data/catalog (LIMEN_DATA_DIR, overridable by the environment variable
  // of the same name).
  static Catalog builtin();
  static std::string data_dir();
  // Adds (or replaces, by name) the entries of one TOML file. `flag` names where the file came from.
  void load_file(const std::string& path);
  void load_text(const std::string& text, const std::string& source_name);

  const ModelEntry& model(const std::string& name) const;  // InputError with a suggestion
  const ChipEntry& chip(const std::string& name) const;
  const NodeEntry& node(const std::string& name) const;
  const MemoryEntry& memory(const std::string& name) const;

  std::vector<std::string> model_names() const;
  std::vector<std::string> chip_names() const;
  std::vector<std::string> node_names() const;
  std::vector<std::string> memory_names() const;

  const std::map<std::string, ModelEntry>& models() const { return models_; }
  const std::map<std::string, ChipEntry>& chips() const { return chips_; }
  const std::map<std::string, NodeEntry>& nodes() const { return nodes_; }
  const std::map<std::string, MemoryEntry>& memories() const { return memories_; }

 private:
  void load_config(const Config& root);
  std::map<std::string, ModelEntry> models_;
  std::map<std::string, ChipEntry> chips_;
  std::map<std::string, NodeEntry> nodes_;
  std::map<std::string, MemoryEntry> memories_;
};

}  // namespace limen
