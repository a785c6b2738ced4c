#pragma once
// Reading TOML configs (simulate, train, sweep, catalogs) with errors users can act on:
// every error names file:line, the [table] and key, and the accepted range; unknown keys get a
// "did you mean" suggestion. A Config remembers which keys were read; finish() rejects the rest.
#include <toml++/toml.h>

#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "limen/units/error.hpp"

namespace limen {

struct Range {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = false, hi_open = false;  // (lo, hi] etc.
  static Range positive() { return {0, std::numeric_limits<double>::infinity(), true, false}; }
  static Range non_negative() { return {0, std::numeric_limits<double>::infinity(), false, false}; }
  static Range closed(double a, double b) { return {a, b, false, false}; }
  static Range any() { return {}; }
  bool contains(double v) const;
  std::string describe() const;  // "(0, inf)", "[1, 64]"
};

class Config {
 public:
  // Parses a TOML file; a syntax error becomes InputError("file:line:col: ...").
  static Config load_file(const std::string& path);
  // `base_dir` is the folder relative file names in the config resolve against ("" = the folder
  // of source_name; load_file: the file's folder).
  static Config parse(const std::string& text, const std::string& source_name, const std::string& base_dir = "");

  // A sub-table ("run", "potential"); required or optional.
  Config table(const std::string& key) const;
  std::optional<Config> optional_table(const std::string& key) const;
  bool has(const std::string& key) const;
  std::vector<std::string> keys() const;

  double number(const std::string& key, Range r = Range::any()) const;  // required
  double number(const std::string& key, double fallback, Range r = Range::any()) const;
  long long integer(const std::string& key, Range r = Range::any()) const;
  long long integer(const std::string& key, long long fallback, Range r = Range::any()) const;
  bool boolean(const std::string& key, bool fallback) const;
  std::string string(const std::string& key) const;
  std::string string(const std::string& key, const std::string& fallback) const;
  // A string that must be one of `choices` (suggests the nearest on error).
  std::string choice(const std::string& key, const std::vector<std::string>& choices,
                     const std::string& fallback) const;
  std::vector<double> numbers(const std::string& key, Range r = Range::any()) const;
  // A number, or a string in human units ("30d", "300K") parsed with the units parsers.
  double duration(const std::string& key, double fallback_s) const;

  // Marks a key as read without reading it (for keys handled elsewhere).
  void touch(const std::string& key) const;
  // Rejects every key that no getter has read: "file:line: [run] partcles: unknown key (did you mean 'particles'?)".
  void finish() const;
  // Recursively: this table and every sub-table obtained from it.
  void finish_all() const;

  // "file:line: [table] key" for a key of this table (or the table itself when key is empty).
  std::string where(const std::string& key = "") const;
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;

  const std::string& source() const { return shared_->source; }
  // A file name given in this config, resolved against base_dir (absolute names unchanged).
  std::string resolve_path(const std::string& file) const;
  const std::string& base_dir() const { return shared_->base_dir; }
  const std::string& path() const { return path_; }
  const toml::table& raw() const { return *table_; }

 private:
  struct Shared {
    std::string source;
    std::string base_dir;
    toml::table root;
    std::set<std::string> used;        // "path.key"
    std::vector<std::string> tables;   // table paths handed out, for finish_all
  };
  Config(std::shared_ptr<Shared> s, const toml::table* t, std::string path)
      : shared_(std::move(s)), table_(t), path_(std::move(path)) {}
  const toml::node* node(const std::string& key) const;
  std::string full(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  std::shared_ptr<Shared> shared_;
  const toml::table* table_;
  std::string path_;
};

}  // namespace limen
