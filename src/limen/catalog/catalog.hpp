#pragma once
// The catalogs of THEORY.md section 8, as data files in data/catalog/*.toml: workloads,
// accelerators, process nodes and memory technologies. Every entry carries its source; an entry
// without one, or with an impossible number, is rejected at load with file:line.
#include <map>
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

struct MemoryEntry {
  std::string name, description, source;
  bool is_volatile = false;
  double retention_s = 0, write_energy_per_bit = 0, write_time_s = 0;
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
