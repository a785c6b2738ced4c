#include "limen/sweep/study.hpp"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <toml++/toml.h>

#include "limen/io/config.hpp"
#include "limen/sweep/inputs.hpp"
#include "limen/units/error.hpp"
#include "limen/units/parse.hpp"

namespace limen::sweep {
namespace {

std::string at(const std::string& source, const toml::node& n, const std::string& table, const std::string& key) {
  const auto line = n.source().begin.line;
  return line ? fmt::format("{}:{}: [{}] {}", source, line, table, key) : fmt::format("{}: [{}] {}", source, table, key);
}

// TOML value -> JSON value (tables become objects; dates are refused).
Json to_json(const toml::node& n, const std::string& where) {
  if (auto t = n.as_table()) {
    Json o = Json::object();
    for (const auto& [k, v] : *t) o[std::string(k.str())] = to_json(v, where);
    return o;
  }
  if (auto a = n.as_array()) {
    Json arr = Json::array();
    for (const auto& v : *a) arr.push_back(to_json(v, where));
    return arr;
  }
  if (auto s = n.as_string()) return s->get();
  if (auto i = n.as_integer()) return i->get();
  if (auto d = n.as_floating_point()) {
    if (!std::isfinite(d->get())) throw InputError(where + ": must be a finite number");
    return d->get();
  }
  if (auto b = n.as_boolean()) return b->get();
  throw InputError(where + ": dates and times are not accepted here (write a number or a string)");
}

// A number with an optional unit: "1e15", "30d", "300K" (the units parsers of src/limen/units).
double number_with_unit(const std::string& text, const std::string& what) {
  try { return parse_number(text, what); } catch (const InputError&) {}
  try { return parse_duration(text, what); } catch (const InputError&) {}
  try { return parse_temperature(text, what); } catch (const InputError&) {}
  throw InputError(what + ": '" + text + "' is not a number, a duration (30d) or a temperature (300K)");
}

// {log = "START:STOP:POINTS"} or {linear = "START:STOP:POINTS"} -> the values of one axis.
std::vector<Json> range_values(const toml::table& t, const std::string& where) {
  if (t.size() != 1 || !(t.contains("log") || t.contains("linear")) )
    throw InputError(where + ": an axis table takes exactly one key, log or linear (e.g. {log = \"1e9:1e15:7\"})");
  const bool log = t.contains("log");
  const auto* s = t.get(log ? "log" : "linear")->as_string();
  if (!s) throw InputError(where + ": expected a string \"START:STOP:POINTS\"");
  const std::string text = s->get();
  const auto c1 = text.find(':'), c2 = text.find(':', c1 == std::string::npos ? c1 : c1 + 1);
  if (c1 == std::string::npos || c2 == std::string::npos)
    throw InputError(where + ": '" + text + "' is not START:STOP:POINTS");
  const double a = number_with_unit(text.substr(0, c1), where);
  const double b = number_with_unit(text.substr(c1 + 1, c2 - c1 - 1), where);
  const double n = parse_number(text.substr(c2 + 1), where);
  if (n < 1 || n > 1e6 || n != std::floor(n)) throw InputError(where + ": POINTS must be an integer in [1, 1000000]");
  if (log && (a <= 0 || b <= 0)) throw InputError(where + ": a log axis needs START > 0 and STOP > 0");
  std::vector<Json> out;
  const int pts = static_cast<int>(n);
  for (int i = 0; i < pts; ++i) {
    const double f = pts == 1 ? 0.0 : static_cast<double>(i) / (pts - 1);
    double v = log ? std::pow(10.0, std::log10(a) + f * (std::log10(b) - std::log10(a))) : a + f * (b - a);
    v = std::stod(fmt::format("{:.15g}", v));  // 1e+10, not 9999999999.999998: values people can read
    out.emplace_back(i == pts - 1 ? b : v);     // the end point exactly as written
  }
  return out;
}

std::vector<Json> axis_values(const toml::node& n, const std::string& where) {
  if (auto t = n.as_table()) return range_values(*t, where);
  if (auto a = n.as_array()) {
    if (a->empty()) throw InputError(where + ": an axis needs at least one value");
    std::vector<Json> out;
    for (const auto& v : *a) out.push_back(to_json(v, where));
    return out;
  }
  return {to_json(n, where)};
}

// Deep merge: `over` replaces leaves of `base` (tables merge key by key).
void merge(Json& base, const Json& over) {
  for (auto it = over.begin(); it != over.end(); ++it) {
    if (it.value().is_object() && base.contains(it.key()) && base[it.key()].is_object())
      merge(base[it.key()], it.value());
    else
      base[it.key()] = it.value();
  }
}

}  // namespace

std::string command_name(Command c) {
  switch (c) {
    case Command::project: return "project";
    case Command::simulate: return "simulate";
    case Command::train: return "train";
    case Command::tradeoff: return "tradeoff";
  }
  return "?";
}

std::uint64_t point_seed(std::uint64_t study_seed, std::size_t index) {
  // SplitMix64 finaliser over (seed, index): a well-mixed, reproducible 64-bit seed per point.
  std::uint64_t z = study_seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(index) + 1;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return z & ((1ULL << 53) - 1);  // exactly representable in JSON and TOML numbers
}

std::string flag_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return fmt::format("{}", v.get<double>());
  if (v.is_array()) {
    std::string s;
    for (const auto& e : v) {
      if (!s.empty()) s += ',';
      s += flag_text(e);
    }
    return s;
  }
  return v.dump();
}

Study parse_study(const std::string& text, const std::string& source, const std::string& dir) {
  Config cfg = Config::parse(text, source);
  Study s;
  s.path = source;
  Config st = cfg.table("study");
  const std::string cmd = st.choice("command", {"project", "simulate", "train", "tradeoff"}, "project");
  s.command = cmd == "project" ? Command::project : cmd == "simulate" ? Command::simulate
            : cmd == "train"   ? Command::train   : Command::tradeoff;
  s.name = st.string("name", std::filesystem::path(source).stem().string());
  s.seed = static_cast<std::uint64_t>(st.integer("seed", 1, Range::closed(0, 9007199254740991.0)));
  s.threads = static_cast<int>(st.integer("threads", 0, Range::closed(0, 4096)));
  s.point_threads = static_cast<int>(st.integer("point_threads", 1, Range::closed(0, 4096)));
  s.split_ensembles = st.choice("split", {"points", "ensembles"}, "points") == "ensembles";
  if (s.split_ensembles && s.command != Command::simulate)
    st.fail("split", "only simulate studies have ensembles to split across ranks; use split = \"points\"");
  // Every point gets its own seed unless the study asks for the base's seed everywhere ("none").
  const std::string default_key = s.command == Command::simulate ? "run.seed"
                                : s.command == Command::project  ? ""
                                                                 : "train.seed";
  s.seed_key = st.string("seed_key", default_key);
  if (st.has("seed_key") && s.command == Command::project)
    st.fail("seed_key", "project points are deterministic and take no seed; remove seed_key");
  if (s.seed_key == "none") s.seed_key.clear();
  else if (s.seed_key.empty() && s.command != Command::project)
    st.fail("seed_key", "expected a dotted config key such as \"" + default_key + "\", or \"none\" for the base's seed at every point");
  if (st.has("outputs")) {
    st.touch("outputs");
    const auto* a = st.raw().get("outputs")->as_array();
    if (!a) st.fail("outputs", "expected an array of dotted paths, e.g. [\"totals.lim\"]");
    for (const auto& v : *a) {
      if (!v.is_string()) st.fail("outputs", "expected an array of dotted paths (strings)");
      s.outputs.push_back(v.as_string()->get());
    }
  }

  s.full_results = st.choice("results", {"full", "columns"}, "full") == "full";

  // The base: flags (project) or a config document (the others), from [base] and/or [base] config = FILE.
  s.base_source = source + " [base]";
  s.base_dir = dir.empty() ? "." : dir;
  if (const auto* b = cfg.raw().get("base")) {
    cfg.touch("base");
    if (!b->is_table()) throw InputError(at(source, *b, "study", "base") + ": expected a table");
    Json base = to_json(*b, source + ": [base]");
    if (s.command != Command::project && base.contains("config")) {
      if (!base["config"].is_string()) throw InputError(at(source, *b, "base", "config") + ": expected a file name");
      std::filesystem::path p = base["config"].get<std::string>();
      if (p.is_relative()) p = std::filesystem::path(dir) / p;
      Config file = Config::load_file(p.string());
      Json doc = to_json(file.raw(), p.string());
      base.erase("config");
      merge(doc, base);
      base = std::move(doc);
      s.base_source = p.string() + " (with " + source + " [base])";
      s.base_dir = p.parent_path().empty() ? "." : p.parent_path().string();
    }
    if (s.command == Command::project)
      for (auto it = base.begin(); it != base.end(); ++it)
        if (it.value().is_object())
          throw InputError(at(source, *b, "base", it.key()) + ": a project flag takes a value, not a table");
    s.base = std::move(base);
  }

  // The grid: every combination, axes in key order (TOML tables are sorted), the last fastest.
  std::vector<std::pair<std::string, std::vector<Json>>> axes;
  if (const auto* g = cfg.raw().get("grid")) {
    cfg.touch("grid");
    if (!g->is_table()) throw InputError(at(source, *g, "study", "grid") + ": expected a table");
    for (const auto& [k, v] : *g->as_table()) {
      const std::string key(k.str());
      axes.emplace_back(key, axis_values(v, at(source, v, "grid", key)));
    }
  }
  std::vector<std::vector<Assignment>> sets;
  if (!axes.empty()) {
    double total = 1;
    for (const auto& a : axes) total *= static_cast<double>(a.second.size());
    if (total > kMaxStudyPoints)
      throw InputError(fmt::format("{}: [grid] has {:.3g} points (the product of its axes' lengths); a study takes at most "
                                   "{:g}: split it into several studies", source, total, kMaxStudyPoints));
    std::vector<std::size_t> idx(axes.size(), 0);
    for (std::size_t n = 0; n < static_cast<std::size_t>(total); ++n) {
      std::vector<Assignment> p;
      for (std::size_t a = 0; a < axes.size(); ++a) p.emplace_back(axes[a].first, axes[a].second[idx[a]]);
      sets.push_back(std::move(p));
      for (std::size_t a = axes.size(); a-- > 0;) {
        if (++idx[a] < axes[a].second.size()) break;
        idx[a] = 0;
      }
    }
  }
  if (const auto* l = cfg.raw().get("point")) {
    cfg.touch("point");
    const auto* arr = l->as_array();
    if (!arr || !arr->is_array_of_tables())
      throw InputError(at(source, *l, "study", "point") + ": write each point as a [[point]] table");
    if (static_cast<double>(sets.size() + arr->size()) > kMaxStudyPoints)
      throw InputError(fmt::format("{}: [grid] and [[point]] give {} points; a study takes at most {:g}: split it into several studies",
                                   source, sets.size() + arr->size(), kMaxStudyPoints));
    for (const auto& t : *arr) {
      std::vector<Assignment> p;
      for (const auto& [k, v] : *t.as_table()) p.emplace_back(std::string(k.str()), to_json(v, at(source, v, "point", std::string(k.str()))));
      sets.push_back(std::move(p));
    }
  }
  if (sets.empty()) sets.emplace_back();  // the base alone
  cfg.finish_all();

  // The points enter the fingerprint as a digest (study.json stays small for any grid).
  std::uint64_t digest = 0xcbf29ce484222325ULL;
  for (std::size_t i = 0; i < sets.size(); ++i) {
    Point p{i, point_seed(s.seed, i), std::move(sets[i])};
    Json pv = Json::object();
    for (const auto& [k, v] : p.values) {
      pv[k] = v;
      if (k == s.seed_key && v.is_number_unsigned()) p.seed = v.get<std::uint64_t>();  // a grid over seeds
    }
    for (const unsigned char c : pv.dump() + "\n") digest = (digest ^ c) * 0x100000001b3ULL;
    s.points.push_back(std::move(p));
  }
  s.fingerprint = Json{{"command", command_name(s.command)}, {"seed", s.seed}, {"seed_key", s.seed_key},
                       {"base", s.base}, {"points", {{"count", s.points.size()}, {"digest", fmt::format("fnv1a64:{:016x}", digest)}}}};
  s.fingerprint["files"] = study_input_files(s);
  return s;
}

Study load_study(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory; expected a study TOML file");
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw InputError(path + ": cannot open the study file");
  std::string text;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  std::fclose(f);
  return parse_study(text, path, std::filesystem::path(path).parent_path().string());
}

}  // namespace limen::sweep
