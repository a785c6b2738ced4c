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
    for (const auto& [n, m] : c.memories())
      doc["memories"][n] = Json{{"description", m.description}, {"volatile", m.is_volatile}, {"retention_s", m.retention_s},
                                {"write_energy_per_bit_J", m.write_energy_per_bit}, {"write_time_s", m.write_time_s},
                                {"source", m.source}};
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
    std::vector<std::vector<std::string>> rows{{"memory", "volatile", "retention s", "write J/bit", "write time s", "source"}};
    for (const auto& [n, m] : doc["memories"].items())
      rows.push_back({n, m["volatile"].get<bool>() ? "yes" : "no", sig3(m["retention_s"].get<double>()),
                      sig3(m["write_energy_per_bit_J"].get<double>()), sig3(m["write_time_s"].get<double>()),
                      m["source"].get<std::string>()});
    out += format_table(rows);
  }
  return out;
}

}  // namespace limen
