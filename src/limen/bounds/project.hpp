#pragma once
// `limen project`: the energy ladder of one workload (or a sweep of one flag) as a JSON document.
// The CLI and the Python module both call project_json(), so their answers are identical.
#include <string>
#include <utility>
#include <vector>

#include "limen/bounds/device.hpp"
#include "limen/catalog/catalog.hpp"
#include "limen/io/output.hpp"
#include "limen/units/parse.hpp"

namespace limen {

// Flags as text, name without dashes: {"params","1e15"}, {"paradigm","lim,cim"}, {"vary","bits=8:64:4"}.
// A repeated name (e.g. "catalog") is allowed where the flag accepts several.
using FlagList = std::vector<std::pair<std::string, std::string>>;

struct FlagInfo {
  std::string name, help, default_text;
  bool numeric;  // may be swept with --vary
};
const std::vector<FlagInfo>& project_flags();
std::vector<std::string> project_flag_names();

// The whole answer of `limen project --format json` (format and output flags are ignored here).
Json project_json(const FlagList& flags);

// Renderings of that document for people and spreadsheets.
std::string project_table(const Json& doc);
std::string project_csv(const Json& doc);

}  // namespace limen
