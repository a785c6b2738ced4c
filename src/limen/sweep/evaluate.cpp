#include "limen/sweep/evaluate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>
#include <toml++/toml.h>

#include "limen/io/config.hpp"
#include "limen/io/suggest.hpp"
#include "limen/units/error.hpp"

#include "limen/bounds/project.hpp"
#include "limen/physics/api.hpp"
#include "limen/sweep/distributed.hpp"
#include "limen/sweep/footprint.hpp"
#include "limen/io/parallel.hpp"
#include "limen/learn/api.hpp"

namespace limen::sweep {
namespace {

// JSON value -> TOML node (numbers that are whole stay integers, so integer keys accept them).
void put(toml::table& t, const std::string& key, const Json& v);

toml::array to_array(const Json& v) {
  toml::array a;
  for (const auto& e : v) {
    if (e.is_null()) throw InputError("a list in a config cannot hold None (null)");
    if (e.is_object()) {
      toml::table sub;
      for (auto it = e.begin(); it != e.end(); ++it) put(sub, it.key(), it.value());
      a.push_back(std::move(sub));
    } else if (e.is_array()) a.push_back(to_array(e));
    else if (e.is_string()) a.push_back(e.get<std::string>());
    else if (e.is_boolean()) a.push_back(e.get<bool>());
    else if (e.is_number_integer()) a.push_back(e.get<long long>());
    else a.push_back(e.get<double>());
  }
  return a;
}

void put(toml::table& t, const std::string& key, const Json& v) {
  if (v.is_null()) throw InputError(key + ": None (null) has no value in a config; leave the key out instead");
  if (v.is_object()) {
    toml::table sub;
    for (auto it = v.begin(); it != v.end(); ++it) put(sub, it.key(), it.value());
    t.insert_or_assign(key, std::move(sub));
  } else if (v.is_array()) t.insert_or_assign(key, to_array(v));
  else if (v.is_string()) t.insert_or_assign(key, v.get<std::string>());
  else if (v.is_boolean()) t.insert_or_assign(key, v.get<bool>());
  else if (v.is_number_integer()) t.insert_or_assign(key, v.get<long long>());
  else t.insert_or_assign(key, v.get<double>());
}

// Sets a dotted key ("run.particles") in a JSON document, creating tables on the way.
void set_dotted(Json& doc, const std::string& dotted, const Json& value, const std::string& where) {
  Json* cur = &doc;
  std::size_t start = 0;
  for (;;) {
    const auto dot = dotted.find('.', start);
    const std::string part = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (part.empty()) throw InputError(where + ": '" + dotted + "' is not a dotted key (table.key)");
    if (dot == std::string::npos) {
      (*cur)[part] = value;
      return;
    }
    if (!cur->contains(part)) (*cur)[part] = Json::object();
    if (!(*cur)[part].is_object())
      throw InputError(where + ": '" + dotted + "': " + part + " is a value, not a table");
    cur = &(*cur)[part];
    start = dot + 1;
  }
}

std::string point_where(const Study& s, const Point& p) { return fmt::format("{}: point {}", s.path, p.index); }

}  // namespace

std::string point_config_text(const Study& study, const Point& point) {
  Json doc = study.base;
  const std::string where = point_where(study, point);
  for (const auto& [k, v] : point.values) set_dotted(doc, k, v, where);
  // The point's own seed, unless the point sets that key itself (a grid over seeds).
  bool point_sets_seed = false;
  for (const auto& [k, v] : point.values) point_sets_seed |= k == study.seed_key;
  if (!study.seed_key.empty() && !point_sets_seed) set_dotted(doc, study.seed_key, Json(point.seed), where);
  return toml_text(doc);
}

std::string toml_text(const Json& doc) {
  if (!doc.is_object()) throw InputError("a config must be a table (a dict), not " + std::string(doc.type_name()));
  toml::table t;
  for (auto it = doc.begin(); it != doc.end(); ++it) put(t, it.key(), it.value());
  std::ostringstream out;
  out << t;
  return out.str();
}

void check_keys(const Study& study) {
  if (study.command != Command::project) return;
  const auto names = project_flag_names();
  auto known = [&](const std::string& k) { return std::find(names.begin(), names.end(), k) != names.end(); };
  for (auto it = study.base.begin(); it != study.base.end(); ++it)
    if (!known(it.key()))
      throw InputError(fmt::format("{}: [base] {}: not a flag of limen project{}", study.path, it.key(), did_you_mean(it.key(), names)));
  for (const auto& p : study.points)
    for (const auto& [k, v] : p.values)
      if (!known(k))
        throw InputError(fmt::format("{}: {}: not a flag of limen project{}", point_where(study, p), k, did_you_mean(k, names)));
}

Json evaluate(const Study& study, const Point& point, int inner_threads, const Ranks* split) {
  switch (study.command) {
    case Command::project: {
      FlagList flags;
      // A list is one comma-joined flag, except for the repeatable --catalog (one flag per file).
      auto add = [&flags](const std::string& k, const Json& v) {
        if (k == "catalog" && v.is_array())
          for (const auto& e : v) flags.emplace_back(k, flag_text(e));
        else
          flags.emplace_back(k, flag_text(v));
      };
      for (auto it = study.base.begin(); it != study.base.end(); ++it) {
        bool overridden = false;
        for (const auto& [k, v] : point.values) overridden |= k == it.key();
        if (!overridden) add(it.key(), it.value());
      }
      for (const auto& [k, v] : point.values) add(k, v);
      return project_json(flags);
    }
    case Command::simulate: {
      const Config cfg = Config::parse(point_config_text(study, point), point_where(study, point) + " of " + study.base_source,
                                     study.base_dir);
      check_simulate_memory(cfg, split ? split->size() : 1);
      physics::SimulateOptions opt;
      opt.threads = inner_threads;
      return split ? simulate_distributed(cfg, opt, *split) : physics::simulate(cfg, opt);
    }
    case Command::train:
    case Command::tradeoff: {
      const Config cfg = Config::parse(point_config_text(study, point), point_where(study, point) + " of " + study.base_source,
                                     study.base_dir);
      check_train_memory(cfg, resolve_threads(inner_threads));
      if (study.command == Command::train) {
        learn::TrainOptions opt;
        opt.threads = inner_threads;
        return learn::train(cfg, opt);
      }
      learn::TradeoffOptions opt;
      opt.threads = inner_threads;
      return learn::tradeoff(cfg, opt);
    }
  }
  throw InputError("unknown study command");
}

}  // namespace limen::sweep
