#pragma once
// Protocols (THEORY §6): any potential parameter piecewise-linear in time. A repeated time is a
// jump; the value just before it (left limit) and just after it (right limit) both exist, and the
// work of the jump is counted at that instant. Before the first time and after the last the value
// is held constant.
#include <string>
#include <vector>

#include "limen/physics/potential.hpp"

namespace limen {
class Config;
}

namespace limen::physics {

struct Schedule {
  std::vector<double> times, values;
  double after(double t) const;   // right limit lambda(t+)
  double before(double t) const;  // left limit lambda(t-)
  double snap(double t) const;    // t, or the knot it lies within rounding of
};

class Protocol {
 public:
  Protocol() = default;
  explicit Protocol(const Potential& pot) : base_(pot.theta0()) {}
  // Drives parameter `index` of the potential (throws InputError on bad times/values, naming `where`).
  void set(int index, Schedule s, const std::string& where = "protocol");
  // Reads [protocol]: `NAME = { times = [...], values = [...] }`, NAME a parameter of the potential
  // ("center"; in a sum "trap.center" or a sub-table [protocol.trap] with center = {...}).
  static Protocol from_config(const Config& table, const Potential& pot);

  // theta at t+ (after any jump at t) and t- (before it).
  void after(double t, double* theta) const;
  void before(double t, double* theta) const;
  std::vector<double> after(double t) const;
  std::vector<double> before(double t) const;
  // Every time at which a schedule has a knot (sorted, unique): where the curvature bound is taken.
  std::vector<double> knots() const;
  bool driven() const { return !driven_.empty(); }
  size_t size() const { return base_.size(); }

 private:
  std::vector<double> base_;
  std::vector<std::pair<int, Schedule>> driven_;
};

}  // namespace limen::physics
