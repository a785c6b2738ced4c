#include "limen/bounds/project.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <optional>

#include "limen/bounds/elementary.hpp"
#include "limen/bounds/paradigm.hpp"
#include "limen/io/suggest.hpp"
#include "limen/workload/workload.hpp"

namespace limen {

const std::vector<FlagInfo>& project_flags() {
  static const std::vector<FlagInfo> flags{
      {"model", "Catalog workload (limen catalog models)", "brain-scale", false},
      {"params", "Trained parameters N (overrides the model's)", "", true},
      {"tokens", "Training samples D (overrides the model's)", "", true},
      {"flops", "Total training FLOPs F (default c N D)", "", true},
      {"flops-per-param-token", "FLOPs per parameter per sample c", "6", true},
      {"bits", "Precision b of a stored parameter, 1-64", "32", true},
      {"batch", "Samples per update B (1 = online learning)", "model's", true},
      {"train-time", "Wall-clock training time (30d, 12h, 90min, 3600s)", "30d", true},
      {"temperature", "Temperature (300K)", "300K", true},
      {"parallel", "Units working in parallel P", "N", true},
      {"tau0", "Device attempt time tau_0 = 1/nu_0 (1ns)", "1ns", true},
      {"tau-d", "Diffusion time tau_D = gamma l^2/kT", "tau0", true},
      {"retention-long", "Retention time of long-term memory", "10y", true},
      {"retention-short", "Retention time of short-term memory", "64ms", true},
      {"error-prob", "Error probability p over the retention time, in (0, 1)", "1e-9", true},
      {"update-levels", "Typical update n_u in levels (lim)", "1", true},
      {"lim-overhead", "alpha: schedule heat over its bound (lim), >= 1", "1", true},
      {"reuse", "Operand reuse; r = 2/reuse fetches per FLOP", "1", true},
      {"consolidate-every", "Update steps per consolidation (cim-volatile, vn, tech)", "1000", true},
      {"mfu", "Model-FLOPs utilisation (hw), in (0, 1]", "0.4", true},
      {"pue", "Power usage effectiveness (hw), in [1, 10]", "1", true},
      {"memory-level", "Working memory of tech: paradigms: sram or dram", "dram", false},
      {"hw-precision", "Precision of hw: peak rates (training = the chip's own)", "training", false},
      {"hardware", "Chips for hw: paradigms (comma list)", "all", false},
      {"paradigm", "Paradigms (comma list; tech = every node, hw = every --hardware chip)", "all", false},
      {"vary", "Sweep one numeric flag: NAME=START:STOP:POINTS (log-spaced)", "", false},
      {"catalog", "Extra catalog TOML file (repeatable)", "", false},
  };
  return flags;
}

std::vector<std::string> project_flag_names() {
  std::vector<std::string> n;
  for (const auto& f : project_flags()) n.push_back(f.name);
  return n;
}

namespace {

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t end = std::min(s.find(',', start), s.size());
    std::string item = s.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

// A number within [lo, hi] (open ends when asked), named by its flag.
double bounded(const std::string& flag, const std::string& text, double lo, double hi, bool lo_open, bool hi_open,
               bool integer = false) {
  const double v = parse_number(text, "--" + flag);
  const bool ok = (lo_open ? v > lo : v >= lo) && (hi_open ? v < hi : v <= hi) && (!integer || v == std::floor(v));
  if (!ok)
    throw InputError(fmt::format("--{}: expected {} in {}{:g}, {:g}{}, got '{}'", flag, integer ? "an integer" : "a number",
                                 lo_open ? "(" : "[", lo, hi, hi_open ? ")" : "]", text));
  return v;
}

// Everything a ladder needs, resolved from the flags.
struct Request {
  Catalog catalog;
  WorkloadSpec spec;
  Device device;
  std::vector<std::string> paradigms;
  std::optional<std::pair<std::string, LogRange>> vary;
};

// Applies one flag (name, text) to the request. Numeric flags go through here for --vary too.
void apply(Request& r, const std::string& name, const std::string& v) {
  const std::string flag = "--" + name;
  WorkloadSpec& s = r.spec;
  Device& d = r.device;
  if (name == "params") s.params = parse_count(v, flag);
  else if (name == "tokens") s.tokens = parse_count(v, flag);
  else if (name == "flops") s.flops = parse_count(v, flag);
  else if (name == "flops-per-param-token") {
    s.flops_per_param_token = bounded(name, v, 0, 1e30, true, false);
    s.flops.reset();  // F = c N D from now on
  }
  else if (name == "bits") s.bits = static_cast<int>(bounded(name, v, 1, 64, false, false, true));
  else if (name == "batch") s.batch = bounded(name, v, 1, 1e60, false, false);
  else if (name == "train-time") s.train_time_s = parse_duration(v, flag);
  else if (name == "temperature") d.temperature_K = parse_temperature(v, flag);
  else if (name == "parallel") s.parallel = bounded(name, v, 1, 1e60, false, false);
  else if (name == "tau0") d.tau0_s = parse_duration(v, flag);
  else if (name == "tau-d") d.tau_D_s = parse_duration(v, flag);
  else if (name == "retention-long") d.retention_long_s = parse_duration(v, flag);
  else if (name == "retention-short") d.retention_short_s = parse_duration(v, flag);
  else if (name == "error-prob") d.error_prob = bounded(name, v, 0, 1, true, true);
  else if (name == "update-levels") d.update_levels = bounded(name, v, 0, 1e30, true, false);
  else if (name == "lim-overhead") d.lim_overhead = bounded(name, v, 1, 1e30, false, false);
  else if (name == "reuse") d.reuse = bounded(name, v, 0, 1e30, true, false);
  else if (name == "consolidate-every") d.consolidate_every = bounded(name, v, 1, 1e60, false, false);
  else if (name == "mfu") d.mfu = bounded(name, v, 0, 1, true, false);
  else if (name == "pue") d.pue = bounded(name, v, 1, 10, false, false);
  else if (name == "memory-level") {
    if (v != "sram" && v != "dram") throw InputError("--memory-level: expected sram or dram, got '" + v + "'");
    d.memory_level = v;
  } else if (name == "hw-precision") d.hw_precision = v;
  else throw InputError(fmt::format("--{}: unknown flag{}", name, did_you_mean(name, project_flag_names())));
}

Request parse_request(const FlagList& flags) {
  Request r;
  r.catalog = Catalog::builtin();
  std::map<std::string, std::string> last;
  for (const auto& [name, value] : flags) {
    if (name == "catalog") r.catalog.load_file(value);
    else if (name == "format" || name == "output" || name == "quiet") continue;  // presentation, not physics
    else last[name] = value;
  }
  if (last.count("flops") && last.count("flops-per-param-token"))
    throw InputError("--flops: give either --flops or --flops-per-param-token, not both");
  // The model first, so that explicit flags override its figures.
  const bool custom = last.count("params") && !last.count("model");
  if (!custom) {
    const ModelEntry& m = r.catalog.model(last.count("model") ? last["model"] : "brain-scale");
    r.spec = m.spec;
    if (last.count("params") || last.count("tokens")) r.spec.flops.reset();  // F = c N D for a changed N or D
  }
  for (const auto& [name, value] : last)
    if (name != "model" && name != "hardware" && name != "paradigm" && name != "vary") apply(r, name, value);

  // Retention targets must leave a positive barrier: nu_0 t_ret / p > 1 (THEORY 3.3).
  for (const auto& [flag, t] : {std::pair<const char*, double>{"--retention-long", r.device.retention_long_s},
                                {"--retention-short", r.device.retention_short_s}})
    if (!(bounds::retention_barrier_kT(r.device.tau0_s, t, r.device.error_prob) > 0))
      throw InputError(fmt::format("{}: must exceed tau0 * error-prob = {:g} s so that the barrier is positive", flag,
                                   r.device.tau0_s * r.device.error_prob));

  if (r.device.retention_short_s > r.device.retention_long_s)
    throw InputError(fmt::format("--retention-short: {} exceeds --retention-long ({}); short-term memory must not retain "
                                 "longer than long-term memory", format_duration(r.device.retention_short_s),
                                 format_duration(r.device.retention_long_s)));

  const std::vector<std::string> chips = last.count("hardware") && last["hardware"] != "all"
                                             ? split_list(last["hardware"]) : r.catalog.chip_names();
  for (const auto& c : chips) r.catalog.chip(c);  // validates, suggests the nearest
  if (r.device.hw_precision != "training")
    for (const auto& c : chips) r.catalog.chip(c).peak_at(r.device.hw_precision);
  for (const auto& p : last.count("paradigm") ? split_list(last["paradigm"]) : std::vector<std::string>{"all"}) {
    const bool all = p == "all";
    if (all) r.paradigms.insert(r.paradigms.end(), physics_paradigm_names().begin(), physics_paradigm_names().end());
    if (all || p == "tech")
      for (const auto& n : r.catalog.node_names()) r.paradigms.push_back("tech:" + n);
    if (all || p == "hw")
      for (const auto& c : chips) r.paradigms.push_back("hw:" + c);
    if (!all && p != "tech" && p != "hw") r.paradigms.push_back(p);
  }
  if (r.paradigms.empty()) throw InputError("--paradigm: the list is empty");

  if (last.count("vary")) {
    const std::string& v = last["vary"];
    const size_t eq = v.find('=');
    const std::string name = v.substr(0, eq);
    std::vector<std::string> numeric;
    for (const auto& f : project_flags())
      if (f.numeric) numeric.push_back(f.name);
    if (eq == std::string::npos || std::find(numeric.begin(), numeric.end(), name) == numeric.end())
      throw InputError(fmt::format("--vary: expected NAME=START:STOP:POINTS with NAME a numeric flag{}, got '{}'",
                                   did_you_mean(name, numeric), v));
    const Unit unit = name == "train-time" || name == "tau0" || name == "tau-d" || name.rfind("retention", 0) == 0
                          ? Unit::duration : name == "temperature" ? Unit::temperature : Unit::number;
    r.vary = std::make_pair(name, parse_log_range(v.substr(eq + 1), "--vary", unit));
  }
  return r;
}

Json workload_json(const Workload& w, const Catalog& c) {
  Json j{{"name", w.name}};
  if (c.models().count(w.name)) j["description"] = c.models().at(w.name).description;
  j["N"] = w.params;
  j["D"] = w.tokens;
  j["c"] = w.flops_per_param_token;
  j["F"] = w.flops;
  j["B"] = w.batch;
  j["M"] = w.steps;
  j["OPS"] = w.update_ops;
  j["b"] = w.bits;
  j["T_train_s"] = w.train_time_s;
  j["P"] = parallel_units_in_memory(w);
  if (c.models().count(w.name)) j["source"] = c.models().at(w.name).source;
  return j;
}

Json constants_json(const Device& d, const Workload& w) {
  return Json{{"temperature_K", d.temperature_K},
              {"kT_J", d.kT_J()},
              {"kT_ln2_J", d.kT_J() * kLn2},
              {"tau0_s", d.tau0_s},
              {"nu0_Hz", 1.0 / d.tau0_s},
              {"tau_D_s", d.tau_D()},
              {"retention_long_s", d.retention_long_s},
              {"retention_short_s", d.retention_short_s},
              {"error_prob", d.error_prob},
              {"barrier_long_kT", bounds::retention_barrier_kT(d.tau0_s, d.retention_long_s, d.error_prob)},
              {"barrier_short_kT", bounds::retention_barrier_kT(d.tau0_s, d.retention_short_s, d.error_prob)},
              {"tau_op_s", tau_op_s(w)},
              {"tau_up_s", tau_up_s(w)},
              {"update_levels", d.update_levels},
              {"lim_overhead", d.lim_overhead},
              {"reuse", d.reuse},
              {"consolidate_every", d.consolidate_every},
              {"mfu", d.mfu},
              {"pue", d.pue},
              {"memory_level", d.memory_level},
              {"hw_precision", d.hw_precision}};
}

Json breakdown_json(const Breakdown& b) {
  return Json{{"compute_J", b.compute_J}, {"memory_J", b.memory_J}, {"update_J", b.update_J},
              {"consolidation_J", b.consolidation_J}};
}

// One ladder: every requested paradigm, with its ratio to lim (lim is always evaluated for it).
Json ladder_json(const Request& r, const Workload& w) {
  const auto lim = make_paradigm("lim", r.catalog);
  const double lim_total = lim->energy(w, r.device).total_J();
  Json list = Json::array();
  for (const auto& name : r.paradigms) {
    const auto p = make_paradigm(name, r.catalog);
    const Breakdown b = p->energy(w, r.device);
    Json e{{"name", p->name()}, {"total_J", b.total_J()}, {"total_kT", b.total_J() / r.device.kT_J()},
           {"ratio_to_lim", b.total_J() / lim_total}, {"walls", breakdown_json(b)}};
    if (const double lb = p->lower_bound_J(w, r.device); lb >= 0) e["lower_bound_J"] = lb;
    e["assumptions"] = p->assumptions(w, r.device);
    list.push_back(std::move(e));
  }
  return list;
}

}  // namespace

Json project_json(const FlagList& flags) {
  Request r = parse_request(flags);
  Json doc;
  if (!r.vary) {
    const Workload w = resolve(r.spec);
    doc["workload"] = workload_json(w, r.catalog);
    doc["constants"] = constants_json(r.device, w);
    doc["paradigms"] = ladder_json(r, w);
  } else {
    const auto& [name, range] = *r.vary;
    doc["vary"] = Json{{"name", name}, {"start", range.start}, {"stop", range.stop}, {"points", range.points}};
    Json points = Json::array();
    for (int i = 0; i < range.points; ++i) {
      Request ri = r;
      double value = range.at(i);
      if (name == "bits") value = std::round(value);
      apply(ri, name, fmt::format("{:.17g}", value));
      if (name == "params" || name == "tokens") ri.spec.flops.reset();
      if (name == "flops") ri.spec.flops_per_param_token.reset();
      const Workload w = resolve(ri.spec);
      points.push_back(Json{{"value", value}, {"workload", workload_json(w, ri.catalog)},
                            {"constants", constants_json(ri.device, w)}, {"paradigms", ladder_json(ri, w)}});
    }
    doc["points"] = std::move(points);
  }
  check_finite(doc);
  return doc;
}

}  // namespace limen
