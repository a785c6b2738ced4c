#pragma once
// Potentials of the simulation engine (THEORY §6): harmonic, quartic double well, periodic /
// multi-level with walls, a smooth step (the "lift" of a static-barrier write, §3.4), and sums of
// these. Every parameter has a name ("center", or "trap.center" in a sum) so that a Protocol can
// drive any of them. Parameters live in one flat vector theta; the potential is a pure function
// U(x; theta), evaluated either per particle (reference path) or over arrays (vectorised path).
#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace limen {
class Config;
}

namespace limen::physics {

enum class TermKind { harmonic, double_well, periodic, step };

struct Term {
  TermKind kind;
  std::string name;    // "" for a single-term potential, else the sub-table name of the sum
  size_t offset = 0;   // index of its first parameter in theta
};

class Potential {
 public:
  // Appends a term; `values` are its parameters in the order of parameter_names(kind).
  void add(TermKind kind, const std::string& name, const std::vector<double>& values);
  // Reads [potential] (kind = "harmonic" | "double-well" | "periodic" | "step" | "sum").
  static Potential from_config(const Config& table);
  static const std::vector<std::string>& parameter_names(TermKind kind);
  static std::string kind_name(TermKind kind);

  const std::vector<double>& theta0() const { return theta0_; }
  const std::vector<Term>& terms() const { return terms_; }
  size_t size() const { return theta0_.size(); }
  // Index of a parameter by its full name ("center", "trap.center"); -1 when unknown.
  int index(const std::string& name) const;
  std::vector<std::string> names() const;  // every parameter's full name, in theta order

  // Scalar reference path (THEORY §6 formulas, see potential.cpp).
  double value(const double* theta, double x) const;
  double force(const double* theta, double x) const;      // -dU/dx
  double curvature(const double* theta, double x) const;  // d^2U/dx^2
  // Array path: u[i] += U(x[i]), f[i] += F(x[i]); written so the compiler vectorises it.
  void add_value(const double* theta, const double* x, double* u, size_t n) const;
  void add_force(const double* theta, const double* x, double* f, size_t n) const;

  // True when the potential is one harmonic term (its equilibrium is sampled exactly).
  bool single_harmonic() const { return terms_.size() == 1 && terms_[0].kind == TermKind::harmonic; }
  // An interval holding all but ~e^-40 of the Boltzmann weight at theta (kT given); for a periodic
  // potential without walls and nothing else confining, one period (its folded equilibrium).
  // Throws InputError when nothing confines the particles.
  std::array<double, 2> box(const double* theta, double kT) const;
  bool unbounded_periodic() const;

 private:
  std::vector<Term> terms_;
  std::vector<double> theta0_;
};

}  // namespace limen::physics
