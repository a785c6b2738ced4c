#include "limen/physics/protocol.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "limen/io/config.hpp"
#include "limen/units/error.hpp"

namespace limen::physics {

// Step times are computed as s * dt (or summed), so the time that should land on a knot can
// come out a few ulps before it: 1070 * (10.7 / 1070) = 10.699999999999998. A jump there would
// be skipped, breaking THEORY §6's exact jumps. Times within 1e-9 (relative) of a knot are taken
// to be the knot; no protocol resolves time that finely (it would need over 1e9 steps).
double Schedule::snap(double t) const {
  const auto it = std::lower_bound(times.begin(), times.end(), t);
  const double tol = 1e-9 * std::max(std::fabs(t), 1e-300);
  if (it != times.end() && *it - t <= tol) return *it;
  if (it != times.begin() && t - *(it - 1) <= tol) return *(it - 1);
  return t;
}

// Piecewise-linear interpolation with jumps at repeated times (THEORY §6).
double Schedule::after(double t) const {
  t = snap(t);
  // Last index with times[i] <= t: right-continuous.
  const auto it = std::upper_bound(times.begin(), times.end(), t);
  if (it == times.begin()) return values.front();
  const size_t i = static_cast<size_t>(it - times.begin()) - 1;
  if (i + 1 >= times.size()) return values.back();
  const double t0 = times[i], t1 = times[i + 1];
  const double w = (t - t0) / (t1 - t0);  // t1 > t0 here: a repeated time would have been passed
  return values[i] + w * (values[i + 1] - values[i]);
}

double Schedule::before(double t) const {
  t = snap(t);
  // First index with times[i] >= t: left-continuous.
  const auto it = std::lower_bound(times.begin(), times.end(), t);
  if (it == times.end()) return values.back();
  const size_t i = static_cast<size_t>(it - times.begin());
  if (i == 0) return values.front();
  const double t0 = times[i - 1], t1 = times[i];
  const double w = (t - t0) / (t1 - t0);
  return values[i - 1] + w * (values[i] - values[i - 1]);
}

void Protocol::set(int index, Schedule s, const std::string& where) {
  if (s.times.empty() || s.times.size() != s.values.size())
    throw InputError(fmt::format("{}: times and values must be non-empty and of the same length (got {} and {})",
                                 where, s.times.size(), s.values.size()));
  for (size_t i = 0; i < s.times.size(); ++i) {
    if (!std::isfinite(s.times[i]) || !std::isfinite(s.values[i]) || s.times[i] < 0)
      throw InputError(fmt::format("{}: times must be finite and >= 0, values finite (element {})", where, i));
    if (i > 0 && s.times[i] < s.times[i - 1])
      throw InputError(fmt::format("{}: times must not decrease (element {}: {} after {}); repeat a time once for a jump",
                                   where, i, s.times[i], s.times[i - 1]));
    if (i > 1 && s.times[i] == s.times[i - 1] && s.times[i] == s.times[i - 2])
      throw InputError(fmt::format("{}: time {} appears three times; a jump repeats a time once", where, s.times[i]));
  }
  for (auto& d : driven_)
    if (d.first == index) throw InputError(where + ": this parameter already follows a protocol");
  driven_.emplace_back(index, std::move(s));
}

namespace {
// The admissible range of a driven parameter (the signs as in [potential]). Magnitudes stop at
// 1e15 (in the units of x and kT): beyond about 2^53 a double no longer resolves a thermal step
// of a particle there, and energies such as k (x - c)^2 / 2 leave the range of a double, so a
// run would only diverge after its whole cost (refused up front instead).
constexpr double kMaxProtocolValue = 1e15;
Range range_of(const std::string& name) {
  const std::string leaf = name.substr(name.rfind('.') == std::string::npos ? 0 : name.rfind('.') + 1);
  if (leaf == "half_width" || leaf == "period" || leaf == "width" || leaf == "wall_stiffness")
    return {0, kMaxProtocolValue, true, false};
  if (leaf == "barrier" || leaf == "stiffness") return Range::closed(0, kMaxProtocolValue);
  return Range::closed(-kMaxProtocolValue, kMaxProtocolValue);
}

void read_entries(Protocol& proto, const Config& c, const Potential& pot, const std::string& prefix) {
  for (const auto& key : c.keys()) {
    const std::string name = prefix.empty() ? key : prefix + "." + key;
    const Config e = c.table(key);
    if (!e.has("times") && !e.has("values") && pot.index(name) < 0) {
      read_entries(proto, e, pot, name);  // [protocol.trap] center = {...}
      continue;
    }
    const int idx = pot.index(name);
    if (idx < 0) {
      const auto names = pot.names();
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      c.fail(key, fmt::format("not a parameter of the potential; expected one of: {}", list));
    }
    if (name.size() >= 5 && name.substr(name.size() - 5) == "wells") c.fail(key, "the number of wells cannot follow a protocol");
    Schedule s{e.numbers("times", Range::non_negative()), e.numbers("values", range_of(name))};
    if (s.times.size() != s.values.size())
      e.fail("values", fmt::format("expected {} values, one per time, got {}", s.times.size(), s.values.size()));
    proto.set(idx, std::move(s), e.where("times"));
  }
}
}  // namespace

Protocol Protocol::from_config(const Config& c, const Potential& pot) {
  Protocol proto(pot);
  read_entries(proto, c, pot, "");
  return proto;
}

void Protocol::after(double t, double* theta) const {
  std::copy(base_.begin(), base_.end(), theta);
  for (const auto& [i, s] : driven_) theta[i] = s.after(t);
}
void Protocol::before(double t, double* theta) const {
  std::copy(base_.begin(), base_.end(), theta);
  for (const auto& [i, s] : driven_) theta[i] = s.before(t);
}
std::vector<double> Protocol::after(double t) const {
  std::vector<double> th(base_.size());
  after(t, th.data());
  return th;
}
std::vector<double> Protocol::before(double t) const {
  std::vector<double> th(base_.size());
  before(t, th.data());
  return th;
}

std::vector<double> Protocol::knots() const {
  std::vector<double> k{0.0};
  for (const auto& d : driven_) k.insert(k.end(), d.second.times.begin(), d.second.times.end());
  std::sort(k.begin(), k.end());
  k.erase(std::unique(k.begin(), k.end()), k.end());
  return k;
}

}  // namespace limen::physics
