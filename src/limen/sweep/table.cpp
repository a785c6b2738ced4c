#include "limen/sweep/table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "limen/io/suggest.hpp"
#include "limen/units/error.hpp"

namespace limen::sweep {
namespace {

std::string element_name(const Json& e, std::size_t i) {
  if (e.is_object())
    for (const char* k : {"name", "id", "paradigm"})
      if (e.contains(k) && e[k].is_string()) return e[k].get<std::string>();
  return std::to_string(i);
}

void walk(const Json& j, const std::string& path, std::vector<std::pair<std::string, Json>>& out) {
  auto join = [&](const std::string& k) { return path.empty() ? k : path + "." + k; };
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) walk(it.value(), join(it.key()), out);
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) walk(j[i], join(element_name(j[i], i)), out);
  } else {
    out.emplace_back(path, j);
  }
}

std::string cell(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return csv_cell(v.get<std::string>());
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return v.dump();
  if (v.is_number()) return fmt::format("{}", v.get<double>());  // shortest round-trip form
  return csv_cell(v.dump());
}

std::vector<std::string> parameter_keys(const Study& study) {
  std::vector<std::string> keys;
  std::set<std::string> seen;
  for (const auto& p : study.points)
    for (const auto& [k, v] : p.values)
      if (seen.insert(k).second) keys.push_back(k);
  return keys;
}

std::map<std::string, Json> leaves(const Json& record) {
  std::map<std::string, Json> m;
  if (!record.contains("result")) return m;
  std::vector<std::pair<std::string, Json>> flat;
  walk(record["result"], "", flat);
  for (auto& [k, v] : flat) m.emplace(std::move(k), std::move(v));
  return m;
}

}  // namespace

std::vector<std::pair<std::string, Json>> flatten(const Json& doc) {
  std::vector<std::pair<std::string, Json>> out;
  walk(doc, "", out);
  return out;
}

std::vector<std::string> result_columns(const Study& study, const Records& records) {
  std::vector<std::string> cols;
  std::set<std::string> seen, all;
  for (const auto& [i, r] : records) {
    if (!r.contains("result")) continue;
    for (const auto& [k, v] : flatten(r["result"])) {
      all.insert(k);
      if (study.outputs.empty() && v.is_number() && seen.insert(k).second) cols.push_back(k);
    }
  }
  if (study.outputs.empty()) return cols;
  const bool any_result = std::any_of(records.begin(), records.end(), [](const auto& r) { return r.second.contains("result"); });
  const std::vector<std::string> known(all.begin(), all.end());
  for (const auto& o : study.outputs)
    if (any_result && !all.count(o))
      throw InputError(fmt::format("{}: [study] outputs: no result holds '{}'{}", study.path, o, did_you_mean(o, known)));
  return study.outputs;
}

std::string results_csv(const Study& study, const Records& records, const std::vector<std::string>& columns) {
  const auto params = parameter_keys(study);
  std::vector<std::string> header{"index"};
  if (!study.seed_key.empty()) header.push_back("seed");
  for (const auto& k : params) header.push_back(k);
  for (const auto& c : columns) header.push_back(c);
  header.push_back("error");
  std::string out;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (i) out += ',';
    out += csv_cell(header[i]);
  }
  out += "\n";
  for (const auto& [i, r] : records) {
    std::string line = std::to_string(i);
    auto add = [&line](const std::string& c) {
      line += ',';
      line += c;
    };
    if (!study.seed_key.empty()) add(std::to_string(study.points[i].seed));
    const Json& pv = r["parameters"];
    for (const auto& k : params) add(pv.contains(k) ? cell(pv[k]) : std::string());
    const auto m = leaves(r);
    for (const auto& c : columns) {
      auto it = m.find(c);
      add(it == m.end() ? std::string() : cell(it->second));
    }
    add(r.contains("error") ? csv_cell(r["error"].get<std::string>()) : std::string());
    out += line + "\n";
  }
  return out;
}

Json results_json(const Study& study, const Records& records, const std::vector<std::string>& columns) {
  Json j;
  j["study"] = study.name;
  j["command"] = command_name(study.command);
  j["seed"] = study.seed;
  j["points"] = study.points.size();
  j["finished"] = records.size();
  j["complete"] = records.size() == study.points.size();
  j["failed"] = std::count_if(records.begin(), records.end(), [](const auto& r) { return r.second.contains("error"); });
  j["columns"] = columns;
  Json rows = Json::array();
  for (const auto& [i, r] : records) {
    if (study.full_results || !r.contains("result")) {
      rows.push_back(r);
      continue;
    }
    Json slim = r;  // results = "columns": only the table's values, by path
    const auto m = leaves(r);
    Json cols = Json::object();
    for (const auto& c : columns)
      if (auto it = m.find(c); it != m.end()) cols[c] = it->second;
    slim["result"] = std::move(cols);
    rows.push_back(std::move(slim));
  }
  j["results"] = std::move(rows);
  return j;
}

}  // namespace limen::sweep
