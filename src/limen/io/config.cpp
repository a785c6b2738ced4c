#include "limen/io/config.hpp"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "limen/io/suggest.hpp"
#include "limen/units/parse.hpp"

namespace limen {

bool Range::contains(double v) const {
  if (std::isnan(v)) return false;
  if (lo_open ? !(v > lo) : !(v >= lo)) return false;
  if (hi_open ? !(v < hi) : !(v <= hi)) return false;
  return true;
}

std::string Range::describe() const {
  const auto num = [](double v) { return std::isinf(v) ? std::string(v > 0 ? "inf" : "-inf") : fmt::format("{:g}", v); };
  return fmt::format("{}{}, {}{}", lo_open || std::isinf(lo) ? "(" : "[", num(lo), num(hi),
                     hi_open || std::isinf(hi) ? ")" : "]");
}

Config Config::parse(const std::string& text, const std::string& source_name, const std::string& base_dir) {
  auto s = std::make_shared<Shared>();
  s->source = source_name;
  s->base_dir = base_dir.empty() ? std::filesystem::path(source_name).parent_path().string() : base_dir;
  try {
    s->root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    throw InputError(fmt::format("{}:{}:{}: {}", source_name, e.source().begin.line, e.source().begin.column,
                                 e.description()));
  }
  const toml::table* root = &s->root;
  s->tables.push_back("");
  return Config(std::move(s), root, "");
}

Config Config::load_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(fmt::format("{}: is a directory; expected a TOML file", path));
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw InputError(fmt::format("{}: cannot open the file", path));
  std::string text;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  std::fclose(f);
  return parse(text, path, std::filesystem::path(path).parent_path().string());
}

std::string Config::resolve_path(const std::string& file) const {
  namespace fs = std::filesystem;
  if (file.empty() || fs::path(file).is_absolute() || shared_->base_dir.empty()) return file;
  return (fs::path(shared_->base_dir) / file).string();
}

std::string Config::where(const std::string& key) const {
  const toml::node* n = key.empty() ? table_ : table_->get(key);
  if (!n) n = table_;  // a missing key: point at its table
  const int line = n && n->source().begin.line ? static_cast<int>(n->source().begin.line) : 0;
  std::string loc = line ? fmt::format("{}:{}", shared_->source, line) : shared_->source;
  if (!path_.empty()) loc += fmt::format(": [{}]", path_);
  if (!key.empty()) loc += (path_.empty() ? ": " : " ") + key;
  return loc;
}

void Config::fail(const std::string& key, const std::string& message) const {
  throw InputError(where(key) + ": " + message);
}

const toml::node* Config::node(const std::string& key) const {
  shared_->used.insert(full(key));
  return table_->get(key);
}

void Config::touch(const std::string& key) const { shared_->used.insert(full(key)); }

bool Config::has(const std::string& key) const { return table_->contains(key); }

std::vector<std::string> Config::keys() const {
  std::vector<std::string> k;
  for (const auto& [name, _] : *table_) k.emplace_back(name.str());
  return k;
}

Config Config::table(const std::string& key) const {
  auto t = optional_table(key);
  if (!t) fail(key, "missing table (add a [" + full(key) + "] section)");
  return *t;
}

std::optional<Config> Config::optional_table(const std::string& key) const {
  const toml::node* n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_table()) fail(key, "expected a table");
  shared_->tables.push_back(full(key));
  return Config(shared_, n->as_table(), full(key));
}

namespace {
std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "a date/time";
  }
}
}  // namespace

double Config::number(const std::string& key, Range r) const {
  const toml::node* n = node(key);
  if (!n) fail(key, fmt::format("missing key: expected a number in {}", r.describe()));
  if (!n->is_number()) fail(key, fmt::format("expected a number in {}, got {}", r.describe(), type_name(*n)));
  const double v = n->is_integer() ? static_cast<double>(n->as_integer()->get()) : n->as_floating_point()->get();
  if (!std::isfinite(v) || !r.contains(v)) fail(key, fmt::format("expected a number in {}, got {}", r.describe(), v));
  return v;
}

double Config::number(const std::string& key, double fallback, Range r) const {
  return has(key) ? number(key, r) : (touch(key), fallback);
}

long long Config::integer(const std::string& key, Range r) const {
  const toml::node* n = node(key);
  if (!n) fail(key, fmt::format("missing key: expected an integer in {}", r.describe()));
  double v = 0;
  if (n->is_integer()) v = static_cast<double>(n->as_integer()->get());
  else if (n->is_floating_point() && std::isfinite(n->as_floating_point()->get()) &&
           n->as_floating_point()->get() == std::floor(n->as_floating_point()->get()) &&
           std::fabs(n->as_floating_point()->get()) < 9e15)
    v = n->as_floating_point()->get();  // 1e5 is accepted as 100000
  else fail(key, fmt::format("expected an integer in {}, got {}", r.describe(), type_name(*n)));
  if (!r.contains(v)) fail(key, fmt::format("expected an integer in {}, got {:g}", r.describe(), v));
  return static_cast<long long>(v);
}

long long Config::integer(const std::string& key, long long fallback, Range r) const {
  return has(key) ? integer(key, r) : (touch(key), fallback);
}

bool Config::boolean(const std::string& key, bool fallback) const {
  const toml::node* n = node(key);
  if (!n) return fallback;
  if (!n->is_boolean()) fail(key, "expected true or false, got " + type_name(*n));
  return n->as_boolean()->get();
}

std::string Config::string(const std::string& key) const {
  const toml::node* n = node(key);
  if (!n) fail(key, "missing key: expected a string");
  if (!n->is_string()) fail(key, "expected a string, got " + type_name(*n));
  return n->as_string()->get();
}

std::string Config::string(const std::string& key, const std::string& fallback) const {
  return has(key) ? string(key) : (touch(key), fallback);
}

std::string Config::choice(const std::string& key, const std::vector<std::string>& choices,
                           const std::string& fallback) const {
  const std::string v = has(key) ? string(key) : (touch(key), fallback);
  for (const auto& c : choices)
    if (c == v) return v;
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  fail(key, fmt::format("unknown value '{}'{}; expected one of: {}", v, did_you_mean(v, choices), list));
}

std::vector<double> Config::numbers(const std::string& key, Range r) const {
  const toml::node* n = node(key);
  if (!n) fail(key, "missing key: expected an array of numbers");
  const toml::array* a = n->as_array();
  if (!a) fail(key, "expected an array of numbers, got " + type_name(*n));
  std::vector<double> out;
  for (size_t i = 0; i < a->size(); ++i) {
    const toml::node& e = *a->get(i);
    if (!e.is_number()) fail(key, fmt::format("element {}: expected a number, got {}", i, type_name(e)));
    const double v = e.is_integer() ? static_cast<double>(e.as_integer()->get()) : e.as_floating_point()->get();
    if (!std::isfinite(v) || !r.contains(v))
      fail(key, fmt::format("element {}: expected a number in {}, got {}", i, r.describe(), v));
    out.push_back(v);
  }
  return out;
}

double Config::duration(const std::string& key, double fallback_s) const {
  const toml::node* n = node(key);
  if (!n) return fallback_s;
  if (n->is_string()) {
    try {
      return parse_duration(n->as_string()->get(), key);
    } catch (const InputError& e) {
      throw InputError(where(key) + ": " + e.what());
    }
  }
  return number(key, Range::positive());
}

void Config::finish() const {
  for (const auto& [name, n] : *table_) {
    const std::string k(name.str());
    if (shared_->used.count(full(k))) continue;
    std::vector<std::string> known;
    const std::string prefix = path_.empty() ? "" : path_ + ".";
    for (const auto& u : shared_->used)
      if (u.rfind(prefix, 0) == 0 && u.find('.', prefix.size()) == std::string::npos) known.push_back(u.substr(prefix.size()));
    fail(k, "unknown key" + did_you_mean(k, known));
  }
}

void Config::finish_all() const {
  finish();
  for (const auto& t : shared_->tables) {
    if (t.empty() || (!path_.empty() && t.rfind(path_ + ".", 0) != 0)) continue;
    const toml::node* n = shared_->root.at_path(t).node();
    if (n && n->is_table()) Config(shared_, n->as_table(), t).finish();
  }
}

}  // namespace limen
