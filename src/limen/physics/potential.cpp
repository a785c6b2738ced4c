// No FMA contraction (GCC contracts by default in C++ modes): the AVX-512, AVX2 and baseline
// versions of the hot loops, and the scalar reference path, must give the same bits.
#pragma GCC optimize("fp-contract=off")
#include "limen/physics/potential.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "limen/io/config.hpp"
#include "limen/physics/fastmath.hpp"
#include "limen/physics/potential_terms.hpp"
#include "limen/units/constants.hpp"

namespace limen::physics {
using namespace terms;  // the term formulas (potential_terms.hpp)

const std::vector<std::string>& Potential::parameter_names(TermKind kind) {
  static const std::vector<std::string> h{"stiffness", "center"}, d{"barrier", "half_width", "tilt", "center"},
      p{"barrier", "period", "offset", "wells", "wall_stiffness"}, s{"height", "center", "width"};
  switch (kind) {
    case TermKind::harmonic: return h;
    case TermKind::double_well: return d;
    case TermKind::periodic: return p;
    default: return s;
  }
}

std::string Potential::kind_name(TermKind kind) {
  switch (kind) {
    case TermKind::harmonic: return "harmonic";
    case TermKind::double_well: return "double-well";
    case TermKind::periodic: return "periodic";
    default: return "step";
  }
}

void Potential::add(TermKind kind, const std::string& name, const std::vector<double>& values) {
  terms_.push_back({kind, name, theta0_.size()});
  theta0_.insert(theta0_.end(), values.begin(), values.end());
}

int Potential::index(const std::string& name) const {
  for (const auto& t : terms_) {
    const auto& pn = parameter_names(t.kind);
    for (size_t i = 0; i < pn.size(); ++i)
      if ((t.name.empty() ? pn[i] : t.name + "." + pn[i]) == name) return static_cast<int>(t.offset + i);
  }
  return -1;
}

std::vector<std::string> Potential::names() const {
  std::vector<std::string> out;
  for (const auto& t : terms_)
    for (const auto& p : parameter_names(t.kind)) out.push_back(t.name.empty() ? p : t.name + "." + p);
  return out;
}

namespace {
void read_term(Potential& pot, const Config& c, const std::string& name) {
  const std::string kind = c.choice("kind", {"harmonic", "double-well", "periodic", "step"}, "harmonic");
  if (kind == "harmonic") {
    pot.add(TermKind::harmonic, name, {c.number("stiffness", Range::non_negative()), c.number("center", 0.0)});
  } else if (kind == "double-well") {
    pot.add(TermKind::double_well, name,
            {c.number("barrier", Range::positive()), c.number("half_width", 1.0, Range::positive()),
             c.number("tilt", 0.0), c.number("center", 0.0)});
  } else if (kind == "periodic") {
    const double barrier = c.number("barrier", Range::non_negative());
    const double period = c.number("period", 1.0, Range::positive());
    double wells = 0;
    if (c.has("bits") && c.has("wells")) c.fail("bits", "give either bits (2^bits wells) or wells, not both");
    if (c.has("bits")) wells = std::ldexp(1.0, static_cast<int>(c.integer("bits", Range::closed(1, 20))));
    else wells = static_cast<double>(c.integer("wells", 0, Range::closed(0, 1 << 20)));
    const double kw_default = std::max(barrier, 1.0) * 2.0 * kPi * kPi / (period * period);
    const double kw = c.number("wall_stiffness", kw_default, Range::positive());
    pot.add(TermKind::periodic, name, {barrier, period, c.number("offset", 0.0), wells, kw});
  } else {
    pot.add(TermKind::step, name,
            {c.number("height", Range::any()), c.number("center", 0.0), c.number("width", Range::positive())});
  }
}
}  // namespace

Potential Potential::from_config(const Config& c) {
  Potential pot;
  const std::string kind = c.choice("kind", {"harmonic", "double-well", "periodic", "step", "sum"}, "harmonic");
  if (kind != "sum") {
    read_term(pot, c, "");
    return pot;
  }
  for (const auto& key : c.keys()) {
    if (key == "kind") continue;
    if (!c.raw().get(key)->is_table()) c.fail(key, "in a sum every key but 'kind' is a term table ([potential.NAME])");
    read_term(pot, c.table(key), key);
  }
  if (pot.terms_.empty()) c.fail("kind", "a sum needs at least one term table [potential.NAME]");
  return pot;
}

double Potential::value(const double* th, double x) const {
  double u = 0;
  for (const auto& t : terms_) {
    const double* p = th + t.offset;
    switch (t.kind) {
      case TermKind::harmonic: u += harmonic_u(p, x); break;
      case TermKind::double_well: u += dw_u(p, x); break;
      case TermKind::periodic: u += periodic_u(p, x); break;
      case TermKind::step: u += step_u(p, x); break;
    }
  }
  return u;
}

double Potential::force(const double* th, double x) const {
  double f = 0;
  for (const auto& t : terms_) {
    const double* p = th + t.offset;
    switch (t.kind) {
      case TermKind::harmonic: f += harmonic_f(p, x); break;
      case TermKind::double_well: f += dw_f(p, x); break;
      case TermKind::periodic: f += periodic_f(p, x); break;
      case TermKind::step: f += step_f(p, x); break;
    }
  }
  return f;
}

double Potential::curvature(const double* th, double x) const {
  double c = 0;
  for (const auto& t : terms_) {
    const double* p = th + t.offset;
    switch (t.kind) {
      case TermKind::harmonic: c += p[0]; break;
      case TermKind::double_well: c += dw_c(p, x); break;
      case TermKind::periodic: c += periodic_c(p, x); break;
      case TermKind::step: c += step_c(p, x); break;
    }
  }
  return c;
}

// The array path: one loop per term, each free of branches, so that -O3 vectorises it
// (the same arithmetic as the scalar functions above, hence the same numbers).
LIMEN_CLONES void Potential::add_value(const double* th, const double* x, double* u, size_t n) const {
  for (const auto& t : terms_) {
    double local[5] = {0, 0, 0, 0, 0};  // a private copy: the compiler knows u cannot alias it
    std::copy(th + t.offset, th + t.offset + parameter_names(t.kind).size(), local);
    const double* p = local;
    switch (t.kind) {
      case TermKind::harmonic:
        for (size_t i = 0; i < n; ++i) u[i] += harmonic_u(p, x[i]);
        break;
      case TermKind::double_well:
        for (size_t i = 0; i < n; ++i) u[i] += dw_u(p, x[i]);
        break;
      case TermKind::periodic:
        for (size_t i = 0; i < n; ++i) u[i] += periodic_u(p, x[i]);
        break;
      case TermKind::step:
        for (size_t i = 0; i < n; ++i) u[i] += step_u(p, x[i]);
        break;
    }
  }
}

LIMEN_CLONES void Potential::add_force(const double* th, const double* x, double* f, size_t n) const {
  for (const auto& t : terms_) {
    double local[5] = {0, 0, 0, 0, 0};
    std::copy(th + t.offset, th + t.offset + parameter_names(t.kind).size(), local);
    const double* p = local;
    switch (t.kind) {
      case TermKind::harmonic:
        for (size_t i = 0; i < n; ++i) f[i] += harmonic_f(p, x[i]);
        break;
      case TermKind::double_well:
        for (size_t i = 0; i < n; ++i) f[i] += dw_f(p, x[i]);
        break;
      case TermKind::periodic:
        for (size_t i = 0; i < n; ++i) f[i] += periodic_f(p, x[i]);
        break;
      case TermKind::step:
        for (size_t i = 0; i < n; ++i) f[i] += step_f(p, x[i]);
        break;
    }
  }
}

bool Potential::unbounded_periodic() const {
  for (const auto& t : terms_)
    if (t.kind == TermKind::periodic && theta0_[t.offset + 3] == 0) return true;
  return false;
}

std::array<double, 2> Potential::box(const double* th, double kT) const {
  // Generous hints per confining term (Boltzmann weight e^-40 and beyond), then their union.
  constexpr double inf = std::numeric_limits<double>::infinity();
  double lo = inf, hi = -inf;
  const double* periodic = nullptr;
  for (const auto& t : terms_) {
    const double* p = th + t.offset;
    double a = inf, b = -inf;
    if (t.kind == TermKind::harmonic && p[0] > 0) {
      const double s = 12.0 * std::sqrt(kT / p[0]);
      a = p[1] - s, b = p[1] + s;
    } else if (t.kind == TermKind::double_well && p[0] > 0) {
      const double s = p[1] * (1.5 + std::pow(60.0 * kT / p[0], 0.25) + std::cbrt(std::fabs(p[2]) * p[1] / p[0]));
      a = p[3] - s, b = p[3] + s;
    } else if (t.kind == TermKind::periodic) {
      if (p[3] > 0) {
        const double s = 12.0 * std::sqrt(kT / p[4]);
        a = wall_lo(p) - s, b = wall_hi(p) + s;
      } else {
        periodic = p;
      }
    }
    lo = std::min(lo, a), hi = std::max(hi, b);
  }
  if (lo < hi) return {lo, hi};
  if (periodic) return {periodic[2] - 0.5 * periodic[1], periodic[2] + 0.5 * periodic[1]};
  throw InputError(
      "[potential]: nothing confines the particles at t = 0 (give a harmonic stiffness > 0, a double-well "
      "barrier > 0, or periodic wells > 0)");
}

}  // namespace limen::physics
