// Table and CSV renderings of the `limen project` JSON document (one code path: JSON first).
#include <fmt/format.h>

#include "limen/bounds/project.hpp"

namespace limen {
namespace {

std::string duration_text(double s) { return format_duration(s); }

std::string header(const Json& w, const Json& c) {
  std::string h = fmt::format(
      "{}: N = {:.3g} parameters, D = {:.3g} samples, F = {:.3g} FLOP, B = {:.3g}, M = {:.3g} steps, b = {} bits, "
      "T_train = {}, P = {:.3g}\n",
      w["name"].get<std::string>(), w["N"].get<double>(), w["D"].get<double>(), w["F"].get<double>(),
      w["B"].get<double>(), w["M"].get<double>(), w["b"].get<int>(), duration_text(w["T_train_s"].get<double>()),
      w["P"].get<double>());
  h += fmt::format(
      "constants: T = {:g} K, kT = {:.4g} J, kT ln 2 = {:.4g} J, tau_0 = {:.3g} s, tau_D = {:.3g} s, "
      "E_b long = {:.1f} kT ({}), E_b short = {:.1f} kT ({}), p = {:g}, MFU = {:g}, PUE = {:g}, alpha = {:g}\n",
      c["temperature_K"].get<double>(), c["kT_J"].get<double>(), c["kT_ln2_J"].get<double>(), c["tau0_s"].get<double>(),
      c["tau_D_s"].get<double>(), c["barrier_long_kT"].get<double>(), duration_text(c["retention_long_s"].get<double>()),
      c["barrier_short_kT"].get<double>(), duration_text(c["retention_short_s"].get<double>()),
      c["error_prob"].get<double>(), c["mfu"].get<double>(), c["pue"].get<double>(), c["lim_overhead"].get<double>());
  return h;
}

std::string ladder_rows(const Json& paradigms) {
  std::vector<std::vector<std::string>> rows{
      {"paradigm", "total J", "compute J", "memory J", "update J", "consolidation J", "x lim", "hw lower bound J"}};
  for (const auto& p : paradigms) {
    const Json& w = p["walls"];
    rows.push_back({p["name"].get<std::string>(), sig3(p["total_J"].get<double>()), sig3(w["compute_J"].get<double>()),
                    sig3(w["memory_J"].get<double>()), sig3(w["update_J"].get<double>()),
                    sig3(w["consolidation_J"].get<double>()), sig3(p["ratio_to_lim"].get<double>()),
                    p.contains("lower_bound_J") ? sig3(p["lower_bound_J"].get<double>()) : "-"});
  }
  return format_table(rows);
}

}  // namespace

std::string project_table(const Json& doc) {
  if (!doc.contains("points")) return header(doc["workload"], doc["constants"]) + "\n" + ladder_rows(doc["paradigms"]);
  // A sweep: one row per point, one column per paradigm (total J).
  const Json& points = doc["points"];
  const std::string name = doc["vary"]["name"].get<std::string>();
  std::string out = header(points[0]["workload"], points[0]["constants"]);
  out += fmt::format("sweep of --{} over {} log-spaced points; totals in J\n\n", name, points.size());
  std::vector<std::vector<std::string>> rows{{name}};
  for (const auto& p : points[0]["paradigms"]) rows[0].push_back(p["name"].get<std::string>());
  for (const auto& pt : points) {
    const double v = pt["value"].get<double>();
    std::vector<std::string> row{name == "train-time" ? duration_text(v) : sig3(v)};
    for (const auto& p : pt["paradigms"]) row.push_back(sig3(p["total_J"].get<double>()));
    rows.push_back(std::move(row));
  }
  return out + format_table(rows);
}

std::string project_csv(const Json& doc) {
  const bool sweep = doc.contains("points");
  std::string out = sweep ? "vary,value," : "";
  out += "model,paradigm,total_J,compute_J,memory_J,update_J,consolidation_J,ratio_to_lim,lower_bound_J\n";
  const auto rows = [&](const Json& ladder, const Json& workload, const std::string& prefix) {
    for (const auto& p : ladder) {
      const Json& w = p["walls"];
      out += prefix + csv_cell(workload["name"].get<std::string>()) + "," + csv_cell(p["name"].get<std::string>());
      out += "," + full_precision(p["total_J"].get<double>());
      for (const char* k : {"compute_J", "memory_J", "update_J", "consolidation_J"}) out += "," + full_precision(w[k].get<double>());
      out += "," + full_precision(p["ratio_to_lim"].get<double>());
      out += "," + (p.contains("lower_bound_J") ? full_precision(p["lower_bound_J"].get<double>()) : std::string());
      out += "\n";
    }
  };
  if (!sweep) rows(doc["paradigms"], doc["workload"], "");
  else
    for (const auto& pt : doc["points"])
      rows(pt["paradigms"], pt["workload"], doc["vary"]["name"].get<std::string>() + "," + full_precision(pt["value"].get<double>()) + ",");
  return out;
}

}  // namespace limen
