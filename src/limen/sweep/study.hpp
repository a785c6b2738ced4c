#pragma once
// A study: one limen command (project, simulate, train, tradeoff) evaluated at many points, each
// point a set of parameter values taken from a grid (every combination) and/or an explicit list.
// The study file is TOML (schema in README.md, "limen sweep"); every error names file:line and key.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "limen/io/output.hpp"

namespace limen::sweep {

enum class Command { project, simulate, train, tradeoff };
std::string command_name(Command c);

// One parameter of one point: a flag name (project) or a dotted config key (simulate, train,
// tradeoff), and its value as TOML would hold it (number, string, bool, array).
using Assignment = std::pair<std::string, Json>;

struct Point {
  std::size_t index = 0;
  std::uint64_t seed = 0;                 // derived from the study seed and the index
  std::vector<Assignment> values;         // the grid / list values of this point
};

struct Study {
  std::string path;                       // the study file (for messages)
  std::string name;
  Command command = Command::project;
  std::uint64_t seed = 1;
  int threads = 0;                        // points computed at once per rank; 0 = all cores
  int point_threads = 1;                  // threads of one point's engine (ensemble, replicas); 0 = all cores
  bool split_ensembles = false;           // split = "ensembles": every rank runs each point's ensemble
                                          // together (simulate only); else the points go to the ranks
  std::string seed_key;                   // config key that receives each point's seed ("" = none):
                                          // simulate "run.seed", train/tradeoff "train.seed" unless
                                          // the study says seed_key = "none" (every point the base's seed)
  std::vector<std::string> outputs;       // dotted paths into each result; empty = every number
  bool full_results = true;               // results.json keeps each point's whole document (else its columns)
  Json base = Json::object();             // project: flags; others: the config document
  std::string base_source;                // where the base config came from (for messages)
  std::string base_dir;                   // the folder relative file names of the base resolve against
  std::vector<Point> points;
  Json fingerprint;                       // everything that defines the results (journal check)
};

// The most points a study may have (grid combinations and [[point]] tables together): refused
// before anything is expanded or written.
inline constexpr double kMaxStudyPoints = 1e6;

// Reads and checks a study file, expands its points.
Study load_study(const std::string& path);
// The same from TOML text (tests, Python); `dir` resolves a relative base config path.
Study parse_study(const std::string& text, const std::string& source_name, const std::string& dir);

// A point's seed: SplitMix64 of the study seed and the point index, so a point's random numbers
// never depend on which rank or thread computes it (THEORY.md section 6, counter-based streams).
std::uint64_t point_seed(std::uint64_t study_seed, std::size_t index);

// A value as command-line text: numbers in shortest round-trip form, lists comma-joined.
std::string flag_text(const Json& value);

}  // namespace limen::sweep
