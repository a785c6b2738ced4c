#pragma once
// A study's results as a table: one row per point, its parameters, then chosen numbers of its
// result, addressed by dotted paths ("totals.lim"; array elements by their "name"/"id"/
// "paradigm" field, else by position). Written as CSV and JSON, in point order, with no timings,
// so the files are byte-identical for any rank or thread count.
#include <map>
#include <string>
#include <vector>

#include "limen/io/output.hpp"
#include "limen/sweep/journal.hpp"
#include "limen/sweep/study.hpp"

namespace limen::sweep {

// Every leaf of a document under its dotted path, in document order.
std::vector<std::pair<std::string, Json>> flatten(const Json& doc);

// The result columns: the study's outputs (InputError naming an output that no result holds,
// with the nearest path), or every number the results hold.
std::vector<std::string> result_columns(const Study& study, const Records& records);

std::string results_csv(const Study& study, const Records& records, const std::vector<std::string>& columns);
Json results_json(const Study& study, const Records& records, const std::vector<std::string>& columns);

}  // namespace limen::sweep
