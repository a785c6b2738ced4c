// tilted-transport (THEORY §7): the drift and diffusion of §5.3 (physics/tilted_transport) against
// Langevin ensembles of the engine (its periodic potential, thermal noise and Euler-Maruyama
// step) in the tilted cosine, in reduced units (l = 1, kT = 1, mu_0 = 1). The Euler-Maruyama bias
// is removed by Richardson extrapolation from two step sizes run on the same Brownian paths
// (dt mu_0 max U'' = 0.02 and 0.04; the coarse path's increment is the sum of two fine ones):
// estimate = 2 fine - coarse. After a burn-in of T/10 the positions are recorded at K + 1 times
// t_j = j T / K; v = <x(T) - x(0)> / T, and D from the mean-square displacements of the blocks at
// lags tau = T/K and 2 tau, D = [MSD(2 tau) - MSD(tau)] / (2 tau), which removes the constant
// offset of a hopping process' MSD (a transient of order l^2); standard errors by the jackknife
// over 20 groups of particles.
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

// Positions at the K + 1 recording times, fine path then coarse path, per particle.
struct Paths {
  int blocks = 0;
  double time = 0;  // the recorded span
  std::vector<std::vector<double>> x;  // x[i][j] fine, x[i][K + 1 + j] coarse
};

Paths run(const Case& c, uint64_t seed, int threads) {
  physics::Potential cosine;
  cosine.add(physics::TermKind::periodic, "", {c.barrier, 1.0, 0.0, 0.0, 0.0});
  const double h = 0.02 / (2 * kPi * kPi * std::max(c.barrier, 1.0));
  const int kb = c.blocks;
  const long block = 2 * static_cast<long>(std::ceil(c.time / (2 * kb * h)));  // even: the coarse path steps 2h
  const long burn = 2 * static_cast<long>(std::ceil(c.time / (20 * h)));
  const double time = static_cast<double>(block * kb) * h;  // the recorded span, T rounded to whole steps
  const size_t chunk = 256;
  Paths p;
  p.blocks = kb;
  p.x.assign(c.particles, std::vector<double>(2 * static_cast<size_t>(kb + 1)));
  p.time = time;
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
    const long total = burn + block * kb;
    for (long k = 0; k <= total; ++k) {
      if (k >= burn && (k - burn) % block == 0) {
        const size_t at = static_cast<size_t>((k - burn) / block);
        for (size_t i = 0; i < n; ++i) {
          p.x[begin + i][at] = xf[i];
          p.x[begin + i][static_cast<size_t>(kb) + 1 + at] = xc[i];
        }
      }
      if (k == total) break;
      const double* xi = noise.at(static_cast<uint64_t>(k));
      push(xf, h, xi, std::sqrt(2 * h));
      if (k % 2 == 0) {
        std::copy(xi, xi + n, first.begin());
      } else {
        for (size_t i = 0; i < n; ++i) pair[i] = first[i] + xi[i];
        push(xc, 2 * h, pair.data(), std::sqrt(2 * h));
      }
    }
  });
  return p;
}

// (v, D) of the extrapolated estimate over particles whose group is not `skip` (-1: all).
std::array<double, 2> estimate(const Paths& p, int skip) {
  const double time = p.time;
  const size_t kb = static_cast<size_t>(p.blocks);
  const double tau = time / static_cast<double>(kb);
  std::array<double, 2> out{};
  for (size_t q = 0; q < 2; ++q) {
    const size_t o = q * (kb + 1);
    double count = 0, sum = 0;
    for (size_t i = 0; i < p.x.size(); ++i)
      if (static_cast<int>(i % kGroups) != skip) {
        sum += p.x[i][o + kb] - p.x[i][o];
        count += 1;
      }
    const double v = sum / count / time;
    double msd1 = 0, msd2 = 0, n1 = 0, n2 = 0;
    for (size_t i = 0; i < p.x.size(); ++i) {
      if (static_cast<int>(i % kGroups) == skip) continue;
      for (size_t j = 0; j < kb; ++j) {
        msd1 += std::pow(p.x[i][o + j + 1] - p.x[i][o + j] - v * tau, 2);
        n1 += 1;
        if (j + 2 <= kb) {
          msd2 += std::pow(p.x[i][o + j + 2] - p.x[i][o + j] - 2 * v * tau, 2);
          n2 += 1;
        }
      }
    }
    const double d = (msd2 / n2 - msd1 / n1) / (2 * tau);
    const double w = q == 0 ? 2.0 : -1.0;  // Richardson: 2 fine - coarse
    out[0] += w * v;
    out[1] += w * d;
  }
  return out;
}

}  // namespace

std::vector<TransportCase> tilted_transport_cases(physics::Level level) {
  const bool quick = level == physics::Level::quick;
  // Hopping times 1/|v|: about 5 at (4, 1), 0.4 at (10, 20), 1.5 at (20, 40), 0.03 at (20, 70).
  std::vector<Case> cases = {{4, 1, quick ? 2000u : 20000u, 20, 2},
                             {10, 20, quick ? 4000u : 32000u, 2.5, 4},
                             {20, 40, quick ? 1000u : 8000u, 8, 2},
                             {20, 70, quick ? 4000u : 32000u, 0.5, 8}};
  if (!quick) cases.push_back({10, 5, 8000, 400, 4});
  return cases;
}

std::vector<physics::CheckResult> tilted_transport_case(const TransportCase& c, int threads, const TransportTheory& theory) {
  std::vector<physics::CheckResult> out;
  const Paths p = run(c, 17, threads);
  const auto all = estimate(p, -1);
  double jack[2] = {0, 0};
  std::array<double, 2> mean{};
  std::vector<std::array<double, 2>> loo(kGroups);
  for (int g = 0; g < kGroups; ++g) {
    loo[static_cast<size_t>(g)] = estimate(p, g);
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
