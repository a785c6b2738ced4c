#include "limen/physics/sampling.hpp"

#include <algorithm>
#include <cmath>

#include "limen/physics/noise.hpp"

namespace limen::physics {

GridDensity boltzmann_density(const Potential& pot, const double* theta, double kT, size_t cells) {
  const auto box = pot.box(theta, kT);
  GridDensity g;
  g.lo = box[0];
  g.h = (box[1] - box[0]) / static_cast<double>(cells);
  g.p.resize(cells);
  double umin = INFINITY;
  for (size_t i = 0; i < cells; ++i) {
    g.p[i] = pot.value(theta, g.x(i));
    umin = std::min(umin, g.p[i]);
  }
  double z = 0;
  for (auto& v : g.p) z += (v = std::exp(-(v - umin) / kT));
  for (auto& v : g.p) v /= z * g.h;
  return g;
}

std::vector<double> sample_equilibrium(const Potential& pot, const double* theta, double kT, uint64_t seed,
                                       const std::vector<uint64_t>& ids) {
  std::vector<double> x(ids.size());
  pot.box(theta, kT);  // throws InputError when nothing confines the particles
  if (pot.single_harmonic()) {  // exact: x = c + sqrt(kT/k) xi
    const double k = theta[0], c = theta[1], s = std::sqrt(kT / k);
    for (size_t i = 0; i < ids.size(); ++i) x[i] = c + s * normals4(seed, ids[i], 0, kStreamInitial)[0];
    return x;
  }
  // Inverse CDF of the piecewise-constant grid density (8192 cells over the box).
  const GridDensity g = boltzmann_density(pot, theta, kT);
  std::vector<double> cdf(g.p.size() + 1, 0.0);
  for (size_t i = 0; i < g.p.size(); ++i) cdf[i + 1] = cdf[i] + g.p[i] * g.h;
  for (auto& c : cdf) c /= cdf.back();
  for (size_t i = 0; i < ids.size(); ++i) {
    const double u = uniforms4(seed, ids[i], 0, kStreamInitial)[0];
    size_t j = static_cast<size_t>(std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
    j = std::clamp<size_t>(j, 1, g.p.size()) - 1;
    const double w = cdf[j + 1] - cdf[j];
    const double frac = w > 0 ? (u - cdf[j]) / w : 0.5;
    x[i] = g.lo + (static_cast<double>(j) + std::clamp(frac, 0.0, 1.0)) * g.h;
  }
  return x;
}

double curvature_bound(const Potential& pot, const Protocol& proto, double kT) {
  const auto th0 = proto.before(0.0);
  auto box = pot.box(th0.data(), kT);
  const double wdt = box[1] - box[0];
  if (!pot.unbounded_periodic()) box = {box[0] - 0.5 * wdt, box[1] + 0.5 * wdt};
  constexpr int M = 4096;
  double bound = 0;
  std::vector<double> u(M);
  for (double t : proto.knots()) {
    for (const auto& th : {proto.before(t), proto.after(t)}) {
      double umin = INFINITY;
      for (int i = 0; i < M; ++i) umin = std::min(umin, u[i] = pot.value(th.data(), box[0] + (box[1] - box[0]) * (i + 0.5) / M));
      for (int i = 0; i < M; ++i)
        if (u[i] - umin <= 20.0 * kT)
          bound = std::max(bound, std::fabs(pot.curvature(th.data(), box[0] + (box[1] - box[0]) * (i + 0.5) / M)));
    }
  }
  return bound;
}

}  // namespace limen::physics
