#pragma once
// Writing results: a JSON document must never hold a NaN or an inf, so every number goes through
// finite(); text goes to stdout or to --output FILE.
#include <nlohmann/json.hpp>

#include <string>

namespace limen {

using Json = nlohmann::ordered_json;

// Returns v, or throws RunError naming `what` when v is NaN or infinite.
double finite(double v, const std::string& what);

// Walks a JSON document and throws RunError at the first non-finite number (path in the message).
void check_finite(const Json& j, const std::string& path = "");

// Writes `text` to `path`, or to stdout when path is empty or "-". Throws InputError naming
// `flag` when the file cannot be written.
void write_text(const std::string& text, const std::string& path, const std::string& flag = "--output");

// Numbers for people: 3 significant figures ("1.73e+08"); for CSV and JSON full precision.
std::string sig3(double v);
std::string full_precision(double v);

// A left-aligned text table with a header row; columns padded to the widest cell.
std::string format_table(const std::vector<std::vector<std::string>>& rows);

// Quotes a CSV cell when it holds a comma, a quote or a newline (RFC 4180).
std::string csv_cell(const std::string& s);

}  // namespace limen
