#include "limen/catalog/catalog_json.hpp"

namespace limen {

Json catalog_json(const Catalog& c, const std::string& what) {
  Json doc;
  if (what == "all" || what == "models")
    for (const auto& [n, m] : c.models()) {
      Json e{{"description", m.description}, {"params", *m.spec.params}, {"tokens", *m.spec.tokens}};
      if (m.spec.flops) e["flops"] = *m.spec.flops;
      if (m.spec.batch) e["batch"] = *m.spec.batch;
      if (m.spec.bits) e["bits"] = *m.spec.bits;
      e["source"] = m.source;
      doc["models"][n] = e;
    }
  if (what == "all" || what == "accelerators")
    for (const auto& [n, h] : c.chips())
      doc["accelerators"][n] = Json{{"description", h.description}, {"board_power_W", h.board_power_W},
                                    {"training_precision", h.training_precision}, {"peak_flops", h.peak}, {"source", h.source}};
  if (what == "all" || what == "nodes")
    for (const auto& [n, x] : c.nodes())
      doc["nodes"][n] = Json{{"description", x.description}, {"add_J", x.add}, {"mul_J", x.mul},
                             {"sram_read_per_bit_J", x.sram_read_per_bit}, {"sram_write_per_bit_J", x.sram_write_per_bit},
                             {"dram_read_per_bit_J", x.dram_read_per_bit}, {"dram_write_per_bit_J", x.dram_write_per_bit},
                             {"source", x.source}};
  if (what == "all" || what == "memories")
    for (const auto& [n, m] : c.memories()) {
      const auto opt = [](double v) { return v >= 0 ? Json(v) : Json(nullptr); };  // null: no sourced figure
      Json e{{"description", m.description}, {"volatile", m.is_volatile}, {"retention_s", opt(m.retention_s)},
             {"write_energy_per_bit_J", m.write_energy_per_bit}, {"write_time_s", opt(m.write_time_s)},
             {"analog", m.analog}, {"write_energy_per_pulse_J", opt(m.write_energy_per_pulse)},
             {"read_energy_per_bit_J", opt(m.read_energy_per_bit)}, {"endurance_cycles", opt(m.endurance_cycles)},
             {"states", opt(m.states)}, {"source", m.source}, {"sources", m.sources}};
      if (m.response) {
        const auto& r = *m.response;
        if (r.model == "one-sided-pair") {
          const PairResponse& p = r.pair;
          e["response"] = Json{{"model", r.model}, {"dw_min", p.dw_min}, {"g_max", p.g_max}, {"exp_a", p.exp_a},
                               {"exp_b", p.exp_b}, {"exp_A", p.exp_A}, {"exp_gamma", p.exp_gamma},
                               {"dw_min_d2d", p.dw_min_d2d}, {"up_down_d2d", p.up_down_d2d}, {"g_max_d2d", p.g_max_d2d},
                               {"c2c", p.c2c}, {"c2c_add", p.c2c_add}, {"c2c_slope", p.c2c_slope}, {"reset", p.reset},
                               {"reset_d2d", p.reset_d2d}, {"reset_c2c", p.reset_c2c}, {"refresh_upper", p.refresh_upper},
                               {"refresh_lower", p.refresh_lower}, {"refresh_every", p.refresh_every},
                               {"refresh_write", p.refresh_verify ? "verify" : "open-loop"},
                               {"refresh_max_pulses", p.refresh_max_pulses}, {"source", r.source}};
          e["reset_energy_per_pulse_J"] = m.reset_energy_per_pulse;
        } else {
          e["response"] = Json{{"model", r.model}, {"dw_min", r.dw_min}, {"w_min", r.w_min}, {"w_max", r.w_max},
                               {"gamma_up", r.gamma_up}, {"gamma_down", r.gamma_down}, {"up_down", r.up_down},
                               {"c2c", r.c2c}, {"c2c_multiplicative", r.c2c_multiplicative}, {"dw_min_d2d", r.dw_min_d2d},
                               {"up_down_d2d", r.up_down_d2d}, {"w_max_d2d", r.w_max_d2d}, {"w_min_d2d", r.w_min_d2d},
                               {"source", r.source}};
        }
      } else {
        e["response"] = nullptr;
        if (!m.response_missing.empty()) e["response_missing"] = m.response_missing;
      }
      doc["memories"][n] = e;
    }
  return doc;
}

std::string catalog_table(const Json& doc) {
  std::string out;
  if (doc.contains("models")) {
    std::vector<std::vector<std::string>> rows{{"model", "N", "D", "F", "B", "source"}};
    for (const auto& [n, m] : doc["models"].items())
      rows.push_back({n, sig3(m["params"].get<double>()), sig3(m["tokens"].get<double>()),
                      m.contains("flops") ? sig3(m["flops"].get<double>()) : "6 N D", sig3(m["batch"].get<double>()),
                      m["source"].get<std::string>()});
    out += format_table(rows) + "\n";
  }
  if (doc.contains("accelerators")) {
    std::vector<std::vector<std::string>> rows{{"chip", "board W", "training precision", "peak FLOP/s", "source"}};
    for (const auto& [n, h] : doc["accelerators"].items())
      rows.push_back({n, sig3(h["board_power_W"].get<double>()), h["training_precision"].get<std::string>(),
                      sig3(h["peak_flops"][h["training_precision"].get<std::string>()].get<double>()),
                      h["source"].get<std::string>()});
    out += format_table(rows) + "\n";
  }
  if (doc.contains("nodes")) {
    std::vector<std::vector<std::string>> rows{{"node", "fp32 add J", "fp32 mul J", "SRAM J/bit", "DRAM J/bit", "source"}};
    for (const auto& [n, x] : doc["nodes"].items())
      rows.push_back({n, sig3(x["add_J"]["fp32"].get<double>()), sig3(x["mul_J"]["fp32"].get<double>()),
                      sig3(x["sram_read_per_bit_J"].get<double>()), sig3(x["dram_read_per_bit_J"].get<double>()),
                      x["source"].get<std::string>()});
    out += format_table(rows) + "\n";
  }
  if (doc.contains("memories")) {
    std::vector<std::vector<std::string>> rows{{"memory", "volatile", "retention s", "write J/bit", "write time s", "states", "response", "source"}};
    for (const auto& [n, m] : doc["memories"].items())
      rows.push_back({n, m["volatile"].get<bool>() ? "yes" : "no",
                      m["retention_s"].is_null() ? "-" : sig3(m["retention_s"].get<double>()),
                      sig3(m["write_energy_per_bit_J"].get<double>()),
                      m["write_time_s"].is_null() ? "-" : sig3(m["write_time_s"].get<double>()),
                      m["states"].is_null() ? "-" : sig3(m["states"].get<double>()),
                      m["response"].is_null() ? "-" : m["response"]["model"].get<std::string>(),
                      m["source"].get<std::string>()});
    out += format_table(rows);
  }
  return out;
}

}  // namespace limen
