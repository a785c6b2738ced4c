#pragma once
// Human units on the command line and in config files: "1e15", "30d", "300K", "1:100:9".
// Every parser throws limen::InputError naming `what` (a flag or key) and the accepted form.
#include <string>
#include <string_view>

namespace limen {

// A finite real number, e.g. "1e15", "2.5", "-3". Rejects NaN, inf and trailing junk.
double parse_number(std::string_view text, std::string_view what);

// A duration in seconds: a number with unit s, ms, us, ns, min, h, d, w, y (Julian year);
// a bare number is seconds. "30d" -> 2592000. Accepted: [1e-18 s, 1e30 s] (an attosecond to far
// beyond any retention time; outside it energies per time overflow a double).
inline constexpr double kMinDuration_s = 1e-18, kMaxDuration_s = 1e30;
double parse_duration(std::string_view text, std::string_view what);

// A temperature in kelvin: "300", "300K", "300 K". Must be > 0.
double parse_temperature(std::string_view text, std::string_view what);

// A count (parameters, tokens, FLOPs): a finite number > 0, "1e15" allowed. Not rounded.
double parse_count(std::string_view text, std::string_view what);

// A log-spaced range "START:STOP:POINTS" (START, STOP > 0 with the unit parser `unit`, POINTS >= 1).
struct LogRange {
  double start = 0, stop = 0;
  int points = 0;
  double at(int i) const;  // i in [0, points)
};
enum class Unit { number, duration, temperature };
LogRange parse_log_range(std::string_view text, std::string_view what, Unit unit = Unit::number);

// Formats a duration for people: "30 d", "12 h", "90 min", "3600 s".
std::string format_duration(double seconds);

}  // namespace limen
