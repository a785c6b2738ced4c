#include "limen/sweep/inputs.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <set>

#include "limen/catalog/catalog.hpp"

namespace fs = std::filesystem;

namespace limen::sweep {

std::string file_digest(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return "";
  // FNV-1a, 64 bit: any edit of the bytes changes it (not a defence against forgery).
  std::uint64_t h = 0xcbf29ce484222325ULL, size = 0;
  unsigned char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    for (std::size_t i = 0; i < n; ++i) h = (h ^ buf[i]) * 0x100000001b3ULL;
    size += n;
  }
  std::fclose(f);
  return fmt::format("fnv1a64:{:016x}:{}", h, size);
}

void add_referenced_files(const Json& value, const std::string& base_dir, Json& files) {
  if (value.is_object() || value.is_array()) {
    for (const auto& v : value) add_referenced_files(v, base_dir, files);
    return;
  }
  if (!value.is_string()) return;
  const std::string name = value.get<std::string>();
  if (name.empty() || name.size() > 4096 || name.find('\n') != std::string::npos) return;
  fs::path p = name;
  if (p.is_relative() && !base_dir.empty()) p = fs::path(base_dir) / p;
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return;
  const std::string key = fs::absolute(p, ec).lexically_normal().string();  // the same from any working directory
  if (!files.contains(key)) files[key] = file_digest(key);
}

Json study_input_files(const Study& s) {
  Json files = Json::object();
  if (s.command == Command::project) {
    // Only --catalog names files; the built-in catalog is read by every point.
    if (s.base.contains("catalog")) add_referenced_files(s.base["catalog"], s.base_dir, files);
    for (const auto& p : s.points)
      for (const auto& [k, v] : p.values)
        if (k == "catalog") add_referenced_files(v, s.base_dir, files);
    for (const char* f : {"workloads.toml", "accelerators.toml", "nodes.toml", "memories.toml"})
      add_referenced_files(Json((fs::path(Catalog::data_dir()) / "catalog" / f).string()), "", files);
    return files;
  }
  add_referenced_files(s.base, s.base_dir, files);
  // The points' strings, each looked up once (a grid repeats its values in many points).
  std::set<std::string> strings;
  const std::function<void(const Json&)> collect = [&](const Json& v) {
    if (v.is_string()) strings.insert(v.get<std::string>());
    else if (v.is_object() || v.is_array())
      for (const auto& e : v) collect(e);
  };
  for (const auto& p : s.points)
    for (const auto& [k, v] : p.values) collect(v);
  for (const auto& str : strings) add_referenced_files(Json(str), s.base_dir, files);
  if (s.command == Command::train || s.command == Command::tradeoff) {
    // [data] source = "digits" (the default of a data model) reads the built-in data set.
    add_referenced_files(Json((fs::path(Catalog::data_dir()) / "datasets" / "digits.csv.gz").string()), "", files);
  }
  return files;
}

std::string changed_file(const Json& stored_files, const Json& current_files) {
  if (!stored_files.is_object()) return "";
  const auto changed = [](const std::string& path) {
    return fmt::format("{} changed since these results were computed (its bytes differ from those recorded with them)", path);
  };
  for (const auto& [path, digest] : stored_files.items()) {
    if (!digest.is_string()) continue;
    if (current_files.is_object() && current_files.contains(path)) {
      if (current_files[path] != digest) return changed(path);
    } else if (file_digest(path) != digest.get<std::string>()) {
      return changed(path);
    }
  }
  return "";
}

void add_config_files(const toml::node& node, const std::string& base_dir, Json& files) {
  if (const auto* t = node.as_table()) {
    for (const auto& [k, v] : *t) add_config_files(v, base_dir, files);
  } else if (const auto* a = node.as_array()) {
    for (const auto& v : *a) add_config_files(v, base_dir, files);
  } else if (const auto* str = node.as_string()) {
    add_referenced_files(Json(str->get()), base_dir, files);
  }
}

std::string fingerprint_difference(const Json& stored, const Json& current, const Study& s) {
  if (stored == current) return "";
  if (auto why = changed_file(stored.value("files", Json::object()), current["files"]); !why.empty()) return why;
  if (stored.value("base", Json()) != current["base"])
    return fmt::format("the base of the study changed ({})", s.base_source);
  return fmt::format("{} describes other points, seeds or command than the study recorded there", s.path);
}

}  // namespace limen::sweep
