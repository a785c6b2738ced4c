// The technology paradigms of THEORY.md section 4: tech:<node> (per-operation energies of a
// process node) and hw:<chip> (a real accelerator's board power and peak rate).
#include <fmt/format.h>

#include <cmath>

#include "limen/bounds/paradigm.hpp"
#include "limen/io/suggest.hpp"

namespace limen {

std::unique_ptr<Paradigm> make_physics_paradigm(const std::string& name);
std::unique_ptr<Paradigm> make_cim_device_paradigm(const MemoryEntry& memory);  // cim_device.cpp

namespace {

// The node's energy of one FLOP at b bits. A FLOP is half a multiply-add, so
// e_flop = (e_add + e_mul) / 2, at the narrowest catalog precision holding b bits (int8, fp16,
// fp32). Beyond 32 bits it is extrapolated from fp32: adders scale as b, multipliers as b^2.
struct FlopEnergy {
  double joules;
  std::string precision;
  bool extrapolated;
};
FlopEnergy flop_energy(const NodeEntry& n, int bits) {
  for (const auto& [p, width] : {std::pair<const char*, int>{"int8", 8}, {"fp16", 16}, {"fp32", 32}})
    if (bits <= width && n.add.count(p) && n.mul.count(p)) return {(n.add.at(p) + n.mul.at(p)) / 2, p, false};
  const double s = bits / 32.0;
  return {(n.add.at("fp32") * s + n.mul.at("fp32") * s * s) / 2, "fp32", true};
}

class Tech final : public Paradigm {
 public:
  explicit Tech(NodeEntry node) : n_(std::move(node)) {}
  std::string name() const override { return "tech:" + n_.name; }
  // §4 tech: compute F e_flop(b); memory F (r b) e_read; update OPS b e_write;
  // consolidation K N b (e_read + e_write into DRAM).
  Breakdown energy(const Workload& w, const Device& d) const override {
    const bool sram = d.memory_level == "sram";
    const double e_read = sram ? n_.sram_read_per_bit : n_.dram_read_per_bit;
    const double e_write = sram ? n_.sram_write_per_bit : n_.dram_write_per_bit;
    Breakdown b;
    b.compute_J = w.flops * flop_energy(n_, w.bits).joules;
    b.memory_J = w.flops * (2.0 / d.reuse) * w.bits * e_read;
    b.update_J = w.update_ops * w.bits * e_write;
    b.consolidation_J = consolidations(w, d) * w.params * w.bits * (e_read + n_.dram_write_per_bit);
    return b;
  }
  Json assumptions(const Workload& w, const Device& d) const override {
    const FlopEnergy f = flop_energy(n_, w.bits);
    return Json{{"rule", "compute F e_flop(b); memory F r b e_read; update OPS b e_write; consolidation K N b (e_read + e_write,dram) (THEORY 4)"},
                {"node", n_.description},
                {"e_flop_J", f.joules},
                {"flop_precision", f.precision},
                {"flop_energy_extrapolated_beyond_32_bits", f.extrapolated},
                {"memory_level", d.memory_level},
                {"fetches_per_flop_r", 2.0 / d.reuse},
                {"consolidations_K", consolidations(w, d)},
                {"source", n_.source}};
  }

 private:
  NodeEntry n_;
};

class Hardware final : public Paradigm {
 public:
  explicit Hardware(ChipEntry chip) : c_(std::move(chip)) {}
  std::string name() const override { return "hw:" + c_.name; }
  // §4 hw: E = F / (R_peak MFU) P_board PUE. Board energy cannot be split into walls: all of it
  // is reported under compute.
  Breakdown energy(const Workload& w, const Device& d) const override {
    return {w.flops / (peak(d) * d.mfu) * c_.board_power_W * d.pue, 0, 0, 0};
  }
  double lower_bound_J(const Workload& w, const Device& d) const override {
    return w.flops / peak(d) * c_.board_power_W;
  }
  Json assumptions(const Workload& w, const Device& d) const override {
    const double chip_seconds = w.flops / (peak(d) * d.mfu);
    return Json{{"rule", "E = F / (R_peak MFU) P_board PUE; lower bound at MFU = 1, PUE = 1 (THEORY 4)"},
                {"chip", c_.description},
                {"board_power_W", c_.board_power_W},
                {"precision", precision(d)},
                {"peak_flops", peak(d)},
                {"mfu", d.mfu},
                {"pue", d.pue},
                {"chips_needed", chip_seconds / w.train_time_s},
                {"walls", "not separable at board level: all energy reported as compute"},
                {"source", c_.source}};
  }

 private:
  std::string precision(const Device& d) const { return d.hw_precision == "training" ? c_.training_precision : d.hw_precision; }
  double peak(const Device& d) const { return c_.peak_at(precision(d)); }
  ChipEntry c_;
};

}  // namespace

std::unique_ptr<Paradigm> make_paradigm(const std::string& name, const Catalog& catalog) {
  if (auto p = make_physics_paradigm(name)) return p;
  if (name.rfind("tech:", 0) == 0) return std::make_unique<Tech>(catalog.node(name.substr(5)));
  if (name.rfind("hw:", 0) == 0) return std::make_unique<Hardware>(catalog.chip(name.substr(3)));
  if (name.rfind("cim:", 0) == 0 && catalog.memories().count(name.substr(4)))
    return make_cim_device_paradigm(catalog.memory(name.substr(4)));
  std::vector<std::string> known = physics_paradigm_names();
  for (const auto& n : catalog.node_names()) known.push_back("tech:" + n);
  for (const auto& c : catalog.chip_names()) known.push_back("hw:" + c);
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  list += ", cim:<memory> (limen catalog memories)";
  for (const auto& m : catalog.memory_names()) known.push_back("cim:" + m);  // suggested when close
  throw InputError(fmt::format("--paradigm: unknown paradigm '{}'{}; known: {}", name, did_you_mean(name, known), list));
}

}  // namespace limen
