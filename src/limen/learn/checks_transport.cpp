// tilted-transport (THEORY §7): the drift and diffusion of §5.3 (physics/tilted_transport) against
// Langevin ensembles of the engine (its periodic potential, thermal noise and Euler-Maruyama
// step) in the tilted cosine, in reduced units (l = 1, kT = 1, mu_0 = 1). The Euler-Maruyama bias
// is removed by Richardson extrapolation from two step sizes run on the same Brownian paths
// (dt mu_0 max U'' = 0.02 and 0.04; the coarse path's increment is the sum of two fine ones):
// estimate = 2 fine - coarse. v and D come from the second half of the run,
// v = <x(T) - x(T/2)> / (T/2) and D = [Var x(T) - Var x(T/2)] / T, which removes the transient
// of the start; standard errors by the jackknife over 20 groups of particles.
#include <fmt/format.h>

#include <array>
#include <cmath>

#include "limen/io/parallel.hpp"
#include "limen/learn/checks.hpp"
#include "limen/physics/langevin.hpp"
#include "limen/physics/potential.hpp"
#include "limen/physics/tilted_transport.hpp"

namespace limen::learn {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kGroups = 20;

using Case = TransportCase;

// Positions at the start of the measurement, at T/2 and at T, for the fine and the coarse path.
struct Paths {
  std::vector<std::array<double, 6>> x;  // fine 0, T/2, T; coarse 0, T/2, T
};

Paths run(const Case& c, uint64_t seed, int threads) {
  physics::Potential cosine;
  cosine.add(physics::TermKind::periodic, "", {c.barrier, 1.0, 0.0, 0.0, 0.0});
  const double h = 0.02 / (2 * kPi * kPi * std::max(c.barrier, 1.0));
  const long half = 2 * static_cast<long>(std::ceil(c.time / (4 * h)));  // even: the coarse path steps 2h
  const long burn = 2 * static_cast<long>(std::ceil(c.time / (20 * h)));
  const size_t chunk = 256;
  Paths p;
  p.x.resize(c.particles);
  parallel_for((c.particles + chunk - 1) / chunk, threads, [&](size_t b) {
    const size_t begin = b * chunk, n = std::min(chunk, c.particles - begin);
    std::vector<uint64_t> ids(n);
    for (size_t i = 0; i < n; ++i) ids[i] = begin + i;
    std::vector<double> buffer(4 * n), xf(n, 0.0), xc(n, 0.0), force(n), first(n), pair(n);
    physics::ThermalNoise noise(seed, ids.data(), n, buffer.data());
    const double* theta = cosine.theta0().data();
    const auto push = [&](std::vector<double>& x, double dt, const double* eta, double amp) {
      std::fill(force.begin(), force.end(), c.tilt);
      cosine.add_force(theta, x.data(), force.data(), n);
      physics::euler_maruyama_move(x.data(), force.data(), eta, n, 1.0, dt, amp);
    };
    const long total = burn + 2 * half;
    for (long k = 0; k < total; ++k) {
      if (k == burn || k == burn + half)
        for (size_t i = 0; i < n; ++i) {
          const int at = k == burn ? 0 : 1;
          p.x[begin + i][at] = xf[i];
          p.x[begin + i][3 + at] = xc[i];
        }
      const double* xi = noise.at(static_cast<uint64_t>(k));
      push(xf, h, xi, std::sqrt(2 * h));
      if (k % 2 == 0) {
        std::copy(xi, xi + n, first.begin());
      } else {
        for (size_t i = 0; i < n; ++i) pair[i] = first[i] + xi[i];
        push(xc, 2 * h, pair.data(), std::sqrt(2 * h));
      }
    }
    for (size_t i = 0; i < n; ++i) {
      p.x[begin + i][2] = xf[i];
      p.x[begin + i][5] = xc[i];
    }
  });
  return p;
}

// (v, D) of the extrapolated estimate over particles whose group is not `skip` (-1: all).
std::array<double, 2> estimate(const Paths& p, double time, int skip) {
  double m[2][5] = {};  // per path: sums of x(T) - x(T/2), x(T), x(T)^2, x(T/2), x(T/2)^2 (from the start)
  double count = 0;
  for (size_t i = 0; i < p.x.size(); ++i) {
    if (static_cast<int>(i % kGroups) == skip) continue;
    count += 1;
    for (int q = 0; q < 2; ++q) {
      const double x0 = p.x[i][3 * q], xm = p.x[i][3 * q + 1] - x0, xt = p.x[i][3 * q + 2] - x0;
      m[q][0] += xt - xm;
      m[q][1] += xt;
      m[q][2] += xt * xt;
      m[q][3] += xm;
      m[q][4] += xm * xm;
    }
  }
  std::array<double, 2> out{};
  for (int q = 0; q < 2; ++q) {
    const double v = m[q][0] / count / (0.5 * time);
    const double var_t = m[q][2] / count - std::pow(m[q][1] / count, 2), var_m = m[q][4] / count - std::pow(m[q][3] / count, 2);
    const double d = (var_t - var_m) / time;
    const double w = q == 0 ? 2.0 : -1.0;  // Richardson: 2 fine - coarse
    out[0] += w * v;
    out[1] += w * d;
  }
  return out;
}

}  // namespace

std::vector<TransportCase> tilted_transport_cases(physics::Level level) {
  const bool quick = level == physics::Level::quick;
  std::vector<Case> cases = {{4, 1, quick ? 2000u : 20000u, 20},
                             {10, 20, quick ? 1000u : 8000u, 5},
                             {20, 40, quick ? 1000u : 8000u, 8},
                             {20, 70, quick ? 500u : 4000u, 1}};
  if (!quick) cases.push_back({10, 5, 8000, 100});
  return cases;
}

std::vector<physics::CheckResult> tilted_transport_case(const TransportCase& c, int threads, const TransportTheory& theory) {
  std::vector<physics::CheckResult> out;
  const Paths p = run(c, 17, threads);
  const auto all = estimate(p, c.time, -1);
  double jack[2] = {0, 0};
  std::array<double, 2> mean{};
  std::vector<std::array<double, 2>> loo(kGroups);
  for (int g = 0; g < kGroups; ++g) {
    loo[static_cast<size_t>(g)] = estimate(p, c.time, g);
    for (int q = 0; q < 2; ++q) mean[q] += loo[static_cast<size_t>(g)][q] / kGroups;
  }
  for (const auto& e : loo)
    for (int q = 0; q < 2; ++q) jack[q] += (e[q] - mean[q]) * (e[q] - mean[q]) * (kGroups - 1.0) / kGroups;
  const auto exact = theory ? theory(c.tilt, c.barrier) : physics::tilted_transport(c.tilt, c.barrier, 8192);
  const double v_exact = exact.mobility_ratio * c.tilt, d_exact = exact.diffusion_ratio;
  const std::string where = fmt::format("E_b={:g},F={:g}", c.barrier, c.tilt);
  const double se_v = std::sqrt(jack[0]), se_d = std::sqrt(jack[1]);
  const auto row = [&](const char* what, double expected, double measured, double se, double rel) {
    physics::CheckResult r;
    r.id = fmt::format("tilted-transport@{},{}", where, what);
    r.expected = expected;
    r.measured = measured;
    r.tolerance = std::max(3 * se, rel * std::abs(expected));
    r.pass = std::isfinite(measured) && std::abs(measured - expected) <= r.tolerance;
    r.detail = fmt::format("{} particles, T = {:g}; Richardson-extrapolated Euler-Maruyama (dt mu_0 U'' = 0.02, 0.04); "
                           "SE {:.3g} ({:.2f}%)", c.particles, c.time, se, 100 * se / std::abs(expected));
    out.push_back(r);
  };
  row("v", v_exact, all[0], se_v, 0.02);
  row("D", d_exact, all[1], se_d, 0.05);
  return out;
}

std::vector<physics::CheckResult> tilted_transport_checks(physics::Level level, int threads) {
  std::vector<physics::CheckResult> out;
  for (const Case& c : tilted_transport_cases(level))
    for (auto& r : tilted_transport_case(c, threads)) out.push_back(std::move(r));
  return out;
}

}  // namespace limen::learn
