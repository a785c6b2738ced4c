// The study reader (sweep::parse_study) on arbitrary TOML. Grids over 1e4 points are skipped
// before the reader runs: their size limit is the reader's own check (tested in tests/sweep), and
// expanding up to that limit on every input would spend the fuzzing time in allocation.
#include <toml++/toml.h>

#include <string>

#include "fuzz_common.hpp"
#include "limen/sweep/study.hpp"

namespace {
double grid_points(const std::string& text) {
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error&) {
    return 0;
  }
  const auto* g = root.get_as<toml::table>("grid");
  if (!g) return 0;
  double total = 1;
  for (const auto& [k, v] : *g) {
    double n = 1;
    if (const auto* a = v.as_array()) n = static_cast<double>(a->size());
    if (const auto* t = v.as_table())
      for (const auto& [kk, vv] : *t)
        if (const auto* s = vv.as_string()) {
          const std::string r = s->get();
          try {
            n = std::stod(r.substr(r.rfind(':') + 1));
          } catch (const std::exception&) {
            n = 1;
          }
        }
    total *= n > 1 ? n : 1;
  }
  return total;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace limen;
  const std::string text = fuzz::text(data, size);
  if (grid_points(text) > 1e4) return 0;
  fuzz::expect_clean([&] { (void)sweep::parse_study(text, LIMEN_FUZZ_EXAMPLES "/fuzz-study.toml", LIMEN_FUZZ_EXAMPLES); });
  return 0;
}
