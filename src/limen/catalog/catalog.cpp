#include "limen/catalog/catalog.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "limen/io/config.hpp"
#include "limen/io/suggest.hpp"

namespace limen {
namespace {

const std::vector<std::string> kPrecisions{"fp64", "fp32", "tf32", "bf16", "fp16", "fp8", "int32", "int8", "fp4"};

// Reads source and description; a missing or empty source rejects the entry (file:line).
void read_common(const Config& e, std::string& description, std::string& source) {
  description = e.string("description", "");
  source = e.string("source", "");
  if (source.size() < 3) e.fail("source", "every catalog entry needs a source line (where its figures come from)");
}

// A table of per-precision figures, e.g. peak = { bf16 = 989e12 }.
std::map<std::string, double> per_precision(const Config& e, const std::string& key, Range r) {
  std::map<std::string, double> out;
  const Config t = e.table(key);
  for (const auto& p : t.keys()) {
    bool known = false;
    for (const auto& k : kPrecisions) known = known || k == p;
    if (!known) t.fail(p, "unknown precision" + did_you_mean(p, kPrecisions));
    out[p] = t.number(p, r);
  }
  if (out.empty()) e.fail(key, "needs at least one precision");
  t.finish();
  return out;
}

// [memory.X.response] model = "one-sided-pair" (catalog.hpp, PairResponse): every key in its range,
// and a SET step that is positive across [0, g_max] (else the device could not be programmed).
PairResponse read_pair(const Config& r) {
  PairResponse p;
  p.g_max = r.number("g_max", Range{0, 1e6, true, false});
  p.dw_min = r.number("dw_min", Range{0, p.g_max, true, false});
  p.exp_a = r.number("exp_a", Range::closed(-100, 100));
  p.exp_b = r.number("exp_b", Range::closed(-100, 100));
  p.exp_A = r.number("exp_A", Range::closed(-1e6, 1e6));
  p.exp_gamma = r.number("exp_gamma", Range::closed(0, 100));
  for (const double g : {0.0, p.g_max}) {
    const double y = 1 - p.exp_A * std::exp(p.exp_gamma * (2 * p.exp_a * g / p.g_max + p.exp_b));
    if (!(y > 0) || !std::isfinite(y))
      r.fail("exp_A", fmt::format("the SET step 1 - exp_A exp(exp_gamma z) is {:.3g} at g = {:g}: it must be positive and "
                                  "finite across [0, g_max]", y, g));
  }
  p.dw_min_d2d = r.number("dw_min_d2d", 0.0, Range::closed(0, 10));
  p.up_down_d2d = r.number("up_down_d2d", 0.0, Range::closed(0, 1));
  p.g_max_d2d = r.number("g_max_d2d", 0.0, Range::closed(0, 1));
  p.c2c = r.number("c2c", 0.0, Range::closed(0, 100));
  p.c2c_add = r.number("c2c_add", 0.0, Range::closed(0, p.g_max));
  p.c2c_slope = r.number("c2c_slope", 0.0, Range::closed(0, 100));
  p.reset = r.number("reset", 0.0, Range{0, p.g_max, false, true});
  p.reset_d2d = r.number("reset_d2d", 0.0, Range::closed(0, p.g_max));
  p.reset_c2c = r.number("reset_c2c", 0.0, Range::closed(0, p.g_max));
  p.refresh_upper = r.number("refresh_upper", 0.75, Range{0, 1, true, false});
  p.refresh_lower = r.number("refresh_lower", 0.25, Range::closed(0, p.refresh_upper));
  p.refresh_every = r.integer("refresh_every", 1, Range{1, 1e9});
  p.refresh_max_pulses = r.integer("refresh_max_pulses", 31, Range{1, 1e6});
  p.refresh_verify = r.choice("refresh_write", {"verify", "open-loop"}, "verify") == "verify";
  return p;
}

// The figures a training simulation needs (README "Device memories"). Each one given needs its
// own source line in [memory.NAME.sources]; a figure without a source is rejected, never used.
void read_training_figures(const Config& e, MemoryEntry& m) {
  const Range energy{0, 1e-3, true, false};
  m.analog = e.boolean("analog", false);
  std::map<std::string, std::string> sources;
  std::optional<Config> src = e.optional_table("sources");
  if (src) {
    for (const auto& k : src->keys()) sources[k] = src->string(k);
  }
  const auto sourced = [&](const std::string& key) {
    if (!sources.count(key) || sources[key].size() < 3)
      e.fail(key, fmt::format("needs its source: add {} = \"...\" to [memory.{}.sources]", key, m.name));
    m.sources[key] = sources[key];
  };
  if (e.has("write_energy_per_pulse")) {
    m.write_energy_per_pulse = e.number("write_energy_per_pulse", energy);
    sourced("write_energy_per_pulse");
  } else if (m.analog) {
    e.fail("analog", "an analog memory needs write_energy_per_pulse (J per programming pulse)");
  }
  if (e.has("read_energy_per_bit")) {
    m.read_energy_per_bit = e.number("read_energy_per_bit", energy);
    sourced("read_energy_per_bit");
  }
  if (e.has("endurance_cycles")) {
    m.endurance_cycles = e.number("endurance_cycles", Range{1, 1e30});
    sourced("endurance_cycles");
  }
  if (e.has("states")) {
    m.states = e.number("states", Range{2, 1e12});
    sourced("states");
  } else if (!m.analog) {
    m.states = 2;  // a digital cell holds one bit
  }
  m.response_missing = e.string("response_missing", "");
  if (e.has("reset_energy_per_pulse")) {
    m.reset_energy_per_pulse = e.number("reset_energy_per_pulse", energy);
    sourced("reset_energy_per_pulse");
  }
  if (auto r = e.optional_table("response")) {
    ResponseEntry x;
    x.model = r->choice("model", {"linear-step", "one-sided-pair"}, "linear-step");
    x.source = r->string("source", "");
    if (x.source.size() < 3) r->fail("source", "the response needs its source (the fit or paper its numbers come from)");
    if (x.model == "one-sided-pair") {
      x.pair = read_pair(*r);
      if (m.reset_energy_per_pulse < 0)
        e.fail("response", "a one-sided pair is refreshed by RESET pulses: it needs reset_energy_per_pulse (J) and its source");
    } else {
      x.w_min = r->number("w_min", Range{-1e6, 0, false, true});
      x.w_max = r->number("w_max", Range{0, 1e6, true, false});
      x.dw_min = r->number("dw_min", Range{0, x.w_max - x.w_min, true, false});
      x.gamma_up = r->number("gamma_up", 0.0, Range::closed(0, 1));
      x.gamma_down = r->number("gamma_down", 0.0, Range::closed(0, 1));
      x.up_down = r->number("up_down", 0.0, Range{-1, 1, true, true});
      x.c2c = r->number("c2c", 0.0, Range::closed(0, 100));
      x.c2c_multiplicative = r->boolean("c2c_multiplicative", false);
      x.dw_min_d2d = r->number("dw_min_d2d", 0.0, Range::closed(0, 10));
      x.up_down_d2d = r->number("up_down_d2d", 0.0, Range::closed(0, 1));
      x.w_max_d2d = r->number("w_max_d2d", 0.0, Range::closed(0, 1));
      x.w_min_d2d = r->number("w_min_d2d", 0.0, Range::closed(0, 1));
    }
    r->finish();
    if (!m.analog) e.fail("response", "only an analog memory (analog = true) has a pulse response");
    m.response = x;
  } else if (m.analog && m.response_missing.empty()) {
    e.fail("analog", "an analog memory needs [response] or response_missing = \"why no sourced fit exists\"");
  }
  if (m.response && !m.response_missing.empty())
    e.fail("response_missing", "an entry with a [response] has nothing missing: remove response_missing");
  if (src) {
    for (const auto& k : src->keys())
      if (!m.sources.count(k)) src->fail(k, "a source for a figure this entry does not give");
    src->finish();
  }
}

}  // namespace

double MemoryEntry::cell_bits() const { return states > 0 ? std::log2(states) : 0; }

double ChipEntry::peak_at(const std::string& precision) const {
  const auto it = peak.find(precision);
  if (it == peak.end()) {
    std::vector<std::string> have;
    for (const auto& [p, _] : peak) have.push_back(p);
    throw InputError(fmt::format("--hw-precision: chip '{}' has no peak rate for '{}'{}", name, precision,
                                 did_you_mean(precision, have)));
  }
  return it->second;
}

std::string Catalog::data_dir() {
  if (const char* env = std::getenv("LIMEN_DATA_DIR"); env && *env) return env;
  return LIMEN_DATA_DIR;
}

Catalog Catalog::builtin() {
  // Parsed once per process (the files do not change while it runs); each caller gets its own copy
  // to extend with --catalog. A load error is not cached: it is thrown again on the next call.
  static const Catalog parsed = [] {
    Catalog c;
    const std::string dir = data_dir() + "/catalog";
    for (const char* f : {"workloads.toml", "accelerators.toml", "nodes.toml", "memories.toml"}) c.load_file(dir + "/" + f);
    return c;
  }();
  return parsed;
}

void Catalog::load_file(const std::string& path) {
  if (!std::filesystem::exists(path)) throw InputError(fmt::format("--catalog: no such file '{}'", path));
  if (!std::filesystem::is_regular_file(path))
    throw InputError(fmt::format("--catalog: '{}' is not a file; expected a catalog TOML file (one --catalog per file)", path));
  load_config(Config::load_file(path));
}

void Catalog::load_text(const std::string& text, const std::string& source_name) {
  load_config(Config::parse(text, source_name));
}

void Catalog::load_config(const Config& root) {
  const auto each = [&](const std::string& kind, auto&& read) {
    if (auto t = root.optional_table(kind)) {
      for (const auto& name : t->keys()) {
        const Config e = t->table(name);
        read(name, e);
        e.finish();
      }
      t->finish();
    }
  };
  each("workload", [&](const std::string& name, const Config& e) {
    ModelEntry m;
    m.name = name;
    read_common(e, m.description, m.source);
    m.spec.name = name;
    m.spec.params = e.number("params", Range{1, 1e60});
    m.spec.tokens = e.number("tokens", Range{1, 1e60});
    if (e.has("flops")) m.spec.flops = e.number("flops", Range{1, 1e80});
    if (e.has("flops_per_param_token")) m.spec.flops_per_param_token = e.number("flops_per_param_token", Range::positive());
    m.spec.batch = e.number("batch", 1.0, Range{1, 1e60});
    if (e.has("bits")) m.spec.bits = static_cast<int>(e.integer("bits", Range{1, 64}));
    if (m.spec.flops && *m.spec.flops < *m.spec.params * *m.spec.tokens)
      e.fail("flops", fmt::format("impossible: fewer than one FLOP per parameter per sample (F < N D = {:g})",
                                  *m.spec.params * *m.spec.tokens));
    models_[name] = m;
  });
  each("accelerator", [&](const std::string& name, const Config& e) {
    ChipEntry c;
    c.name = name;
    read_common(e, c.description, c.source);
    c.board_power_W = e.number("board_power_W", Range{0, 1e6, true, false});
    c.peak = per_precision(e, "peak", Range{0, 1e21, true, false});
    c.training_precision = e.string("training_precision");
    if (!c.peak.count(c.training_precision))
      e.fail("training_precision", fmt::format("'{}' has no entry in peak", c.training_precision));
    chips_[name] = c;
  });
  each("node", [&](const std::string& name, const Config& e) {
    NodeEntry n;
    n.name = name;
    read_common(e, n.description, n.source);
    const Range energy{0, 1e-6, true, false};  // an operation costs more than 0 and less than 1 uJ
    n.add = per_precision(e, "add", energy);
    n.mul = per_precision(e, "mul", energy);
    n.sram_read_per_bit = e.number("sram_read_per_bit", energy);
    n.sram_write_per_bit = e.number("sram_write_per_bit", energy);
    n.dram_read_per_bit = e.number("dram_read_per_bit", energy);
    n.dram_write_per_bit = e.number("dram_write_per_bit", energy);
    e.string("write_note", "");
    if (!n.add.count("fp32") || !n.mul.count("fp32")) e.fail("add", "needs fp32 entries in add and mul");
    nodes_[name] = n;
  });
  each("memory", [&](const std::string& name, const Config& e) {
    MemoryEntry m;
    m.name = name;
    read_common(e, m.description, m.source);
    m.is_volatile = e.boolean("volatile", false);
    // Retention and write time may be absent where no publication gives them (-1: not sourced).
    m.retention_s = e.number("retention_s", -1.0, Range{0, 1e12});  // up to ~30,000 years
    if (e.has("retention_s") && !m.is_volatile && !(m.retention_s > 0))
      e.fail("retention_s", "a non-volatile memory needs retention_s > 0");
    m.write_energy_per_bit = e.number("write_energy_per_bit", Range{0, 1e-3, true, false});
    m.write_time_s = e.number("write_time_s", -1.0, Range{0, 1e3, true, false});
    read_training_figures(e, m);
    memories_[name] = m;
  });
  root.finish();
}

namespace {
template <class Map>
const typename Map::mapped_type& find(const Map& m, const std::string& name, const char* flag, const char* what) {
  const auto it = m.find(name);
  if (it != m.end()) return it->second;
  std::vector<std::string> names;
  std::string list;
  for (const auto& [k, _] : m) names.push_back(k), list += (list.empty() ? "" : ", ") + k;
  throw InputError(fmt::format("{}: unknown {} '{}'{}; known: {}", flag, what, name, did_you_mean(name, names), list));
}
template <class Map>
std::vector<std::string> names_of(const Map& m) {
  std::vector<std::string> v;
  for (const auto& [k, _] : m) v.push_back(k);
  return v;
}
}  // namespace

const ModelEntry& Catalog::model(const std::string& n) const { return find(models_, n, "--model", "model"); }
const ChipEntry& Catalog::chip(const std::string& n) const { return find(chips_, n, "--hardware", "chip"); }
const NodeEntry& Catalog::node(const std::string& n) const { return find(nodes_, n, "--paradigm", "process node"); }
const MemoryEntry& Catalog::memory(const std::string& n) const { return find(memories_, n, "--memory", "memory technology"); }
std::vector<std::string> Catalog::model_names() const { return names_of(models_); }
std::vector<std::string> Catalog::chip_names() const { return names_of(chips_); }
std::vector<std::string> Catalog::node_names() const { return names_of(nodes_); }
std::vector<std::string> Catalog::memory_names() const { return names_of(memories_); }

}  // namespace limen
