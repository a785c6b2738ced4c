// The unit and duration parsers of src/limen/units/parse.* on arbitrary text: every parser either
// returns a finite number in its documented range or throws InputError.
#include <cmath>

#include "fuzz_common.hpp"
#include "limen/units/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace limen;
  const std::string s = fuzz::text(data, size);
  fuzz::expect_clean([&] {
    const double v = parse_number(s, "fuzz");
    if (!std::isfinite(v)) __builtin_trap();
  });
  fuzz::expect_clean([&] {
    const double v = parse_duration(s, "fuzz");
    if (!(v > 0) || !std::isfinite(v)) __builtin_trap();
    (void)format_duration(v);
  });
  fuzz::expect_clean([&] {
    const double v = parse_temperature(s, "fuzz");
    if (!(v > 0) || !std::isfinite(v)) __builtin_trap();
  });
  fuzz::expect_clean([&] {
    const double v = parse_count(s, "fuzz");
    if (!(v > 0) || !std::isfinite(v)) __builtin_trap();
  });
  for (Unit u : {Unit::number, Unit::duration, Unit::temperature}) {
    fuzz::expect_clean([&] {
      const LogRange r = parse_log_range(s, "fuzz", u);
      if (r.points < 1) __builtin_trap();
      for (int i : {0, r.points / 2, r.points - 1})
        if (!std::isfinite(r.at(i))) __builtin_trap();
    });
  }
  return 0;
}
