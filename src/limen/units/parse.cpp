#include "limen/units/parse.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>

#include "limen/units/constants.hpp"
#include "limen/units/error.hpp"

namespace limen {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits "30d" into the number and the rest; returns false when no number leads.
bool split_number(std::string_view s, double& value, std::string_view& rest) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc()) return false;
  rest = trim(std::string_view(ptr, static_cast<size_t>(s.data() + s.size() - ptr)));
  return true;
}

}  // namespace

double parse_number(std::string_view text, std::string_view what) {
  double v = 0;
  std::string_view rest;
  if (!split_number(text, v, rest) || !rest.empty() || !std::isfinite(v))
    throw InputError(fmt::format("{}: expected a finite number (e.g. 1e15), got '{}'", what, text));
  return v;
}

double parse_count(std::string_view text, std::string_view what) {
  double v = 0;
  std::string_view rest;
  if (!split_number(text, v, rest) || !rest.empty() || !std::isfinite(v) || !(v > 0) || v > 1e60)
    throw InputError(fmt::format("{}: expected a count in (0, 1e60] (e.g. 1e15), got '{}'", what, text));
  return v;
}

double parse_duration(std::string_view text, std::string_view what) {
  static constexpr std::array<std::pair<std::string_view, double>, 16> units{{
      {"", 1.0}, {"s", 1.0}, {"sec", 1.0}, {"ms", 1e-3}, {"us", 1e-6}, {"ns", 1e-9},
      {"min", 60.0}, {"m", 60.0}, {"h", 3600.0}, {"hr", 3600.0}, {"d", kSecondsPerDay},
      {"day", kSecondsPerDay}, {"days", kSecondsPerDay}, {"w", 7 * kSecondsPerDay},
      {"y", kSecondsPerYear}, {"yr", kSecondsPerYear}}};
  double v = 0;
  std::string_view rest;
  if (split_number(text, v, rest) && std::isfinite(v) && v > 0) {
    for (const auto& [name, scale] : units)
      if (rest == name && v * scale >= kMinDuration_s && v * scale <= kMaxDuration_s) return v * scale;
  }
  // A bare number is seconds (a sweep axis "1d:300d:5" hands its values over in seconds).
  throw InputError(fmt::format(
      "{}: expected a duration in [1e-18 s, 1e30 s]: a number of seconds, or a number with unit s, ms, us, ns, min, h, d, w "
      "or y (e.g. 30d, 90min), got '{}'", what, text));
}

double parse_temperature(std::string_view text, std::string_view what) {
  double v = 0;
  std::string_view rest;
  if (split_number(text, v, rest) && (rest.empty() || rest == "K") && std::isfinite(v) && v > 0 && v <= 1e9)
    return v;
  throw InputError(fmt::format("{}: expected a temperature in kelvin in (0, 1e9] (e.g. 300K), got '{}'", what, text));
}

double LogRange::at(int i) const {
  if (points == 1 || i == 0) return start;
  const double f = static_cast<double>(i) / (points - 1);
  if (i == points - 1) return stop;  // exact end point, no rounding drift
  const double ratio = stop / start;
  if (std::isfinite(ratio) && ratio > 0) return start * std::pow(ratio, f);
  // A range wider than the doubles' (1e-306 to 3e10, found by fuzz_units): interpolate the logs.
  return std::exp(std::log(start) + f * (std::log(stop) - std::log(start)));
}

LogRange parse_log_range(std::string_view text, std::string_view what, Unit unit) {
  const auto bad = [&] {
    return InputError(fmt::format(
        "{}: expected START:STOP:POINTS with START, STOP > 0 and POINTS an integer in [1, 100000], got '{}'",
        what, text));
  };
  const auto c1 = text.find(':');
  const auto c2 = c1 == std::string_view::npos ? c1 : text.find(':', c1 + 1);
  if (c2 == std::string_view::npos) throw bad();
  const auto parse_end = [&](std::string_view s) {
    switch (unit) {
      case Unit::duration: return parse_duration(s, what);
      case Unit::temperature: return parse_temperature(s, what);
      default: {
        const double v = parse_number(s, what);
        if (!(v > 0)) throw bad();
        return v;
      }
    }
  };
  LogRange r;
  r.start = parse_end(text.substr(0, c1));
  r.stop = parse_end(text.substr(c1 + 1, c2 - c1 - 1));
  const double n = parse_number(text.substr(c2 + 1), what);
  if (n < 1 || n > 100000 || n != std::floor(n)) throw bad();
  r.points = static_cast<int>(n);
  return r;
}

std::string format_duration(double s) {
  const auto whole = [](double x) { return std::fabs(x - std::round(x)) < 1e-9 * std::fabs(x); };
  if (s >= kSecondsPerYear && whole(s / kSecondsPerYear)) return fmt::format("{:g} y", std::round(s / kSecondsPerYear));
  if (s < 1 && s >= 1e-3 && whole(s * 1e3)) return fmt::format("{:g} ms", std::round(s * 1e3));
  if (s < 1e-3 && s >= 1e-6 && whole(s * 1e6)) return fmt::format("{:g} us", std::round(s * 1e6));
  if (s < 1e-6 && whole(s * 1e9)) return fmt::format("{:g} ns", std::round(s * 1e9));
  if (s >= kSecondsPerDay && std::fmod(s, kSecondsPerDay) == 0) return fmt::format("{:g} d", s / kSecondsPerDay);
  if (s >= 3600 && std::fmod(s, 3600) == 0) return fmt::format("{:g} h", s / 3600);
  if (s >= 60 && std::fmod(s, 60) == 0) return fmt::format("{:g} min", s / 60);
  return fmt::format("{:.4g} s", s);
}

}  // namespace limen
