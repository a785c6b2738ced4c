#include "limen/io/output.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>

#include "limen/units/error.hpp"

namespace limen {

double finite(double v, const std::string& what) {
  if (!std::isfinite(v)) throw RunError(what + ": the result is not finite (" + fmt::format("{}", v) + ")");
  return v;
}

void check_finite(const Json& j, const std::string& path) {
  if (j.is_number_float()) {
    finite(j.get<double>(), path.empty() ? "value" : path);
  } else if (j.is_object()) {
    for (const auto& [k, v] : j.items()) check_finite(v, path.empty() ? k : path + "." + k);
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) check_finite(j[i], fmt::format("{}[{}]", path, i));
  }
}

void write_text(const std::string& text, const std::string& path, const std::string& flag) {
  if (path.empty() || path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return;
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) throw InputError(fmt::format("{}: cannot write the file '{}'", flag, path));
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (std::fclose(f) != 0 || !ok) throw InputError(fmt::format("{}: cannot write the file '{}'", flag, path));
}

std::string sig3(double v) { return fmt::format("{:.3g}", v); }
std::string full_precision(double v) { return fmt::format("{:.17g}", v); }

std::string format_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> w;
  for (const auto& r : rows)
    for (size_t i = 0; i < r.size(); ++i) {
      if (w.size() <= i) w.resize(i + 1, 0);
      w[i] = std::max(w[i], r[i].size());
    }
  std::string out;
  for (size_t ri = 0; ri < rows.size(); ++ri) {
    std::string line;
    for (size_t i = 0; i < rows[ri].size(); ++i) {
      line += rows[ri][i];
      if (i + 1 < rows[ri].size()) line += std::string(w[i] - rows[ri][i].size() + 2, ' ');
    }
    out += line + "\n";
    if (ri == 0) {
      size_t total = 0;
      for (size_t i = 0; i < w.size(); ++i) total += w[i] + (i + 1 < w.size() ? 2 : 0);
      out += std::string(total, '-') + "\n";
    }
  }
  return out;
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += (c == '"') ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace limen
