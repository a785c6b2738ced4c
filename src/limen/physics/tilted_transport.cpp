#include "limen/physics/tilted_transport.hpp"

#include <algorithm>
#include <cmath>

namespace limen::physics {
namespace {

constexpr double kTwoPi = 6.283185307179586476925;

// (e^t - 1) / t, 1 at t = 0: the integral of e^{t s/h} over a cell of width h, divided by h.
double phi(double t) { return std::abs(t) < 1e-8 ? 1.0 + 0.5 * t : std::expm1(t) / t; }

// Cubic Lagrange weights at fraction u in [0, 1] of the middle interval of four equally spaced nodes.
std::array<double, 4> cubic_weights(double u) {
  return {-u * (u - 1) * (u - 2) / 6, (u + 1) * (u - 1) * (u - 2) / 2, -(u + 1) * u * (u - 2) / 2, (u + 1) * u * (u - 1) / 6};
}

}  // namespace

// THEORY §5.3. With A(x) = int_0^x e^{-U(z) - f(x - z)} dz (forward), B(x) = int_0^x e^{U(z) - f z} dz
// (forward) and C(x) = int_x^1 e^{U(z) - f(z - x)} dz (backward), each bounded by e^{E}:
//   I_+(x) = e^{U(x)} [(1 - e^{-f}) A(x) + e^{-f x} A(1)],   I_-(x) = e^{-U(x)} [C(x) + e^{-f (1 - x)} B(x)],
// from V(z - 1) = V(z) + f (the tilt drops f per period). On each cell U is taken linear and the
// exponential integrated exactly, so a large tilt costs no accuracy.
TiltedTransport tilted_transport(double f, double barrier, int points) {
  f = std::abs(f);
  const int n = points;
  const double h = 1.0 / n, E = barrier;
  std::vector<double> u(n + 1), a(n + 1), b(n + 1), c(n + 1), cell(n);
  thread_local std::vector<double> cosine;  // cos(2 pi k / n), k = 0..n, kept for the next call
  if (cosine.size() != static_cast<size_t>(n + 1)) {
    cosine.resize(static_cast<size_t>(n + 1));
    for (int k = 0; k <= n; ++k) cosine[static_cast<size_t>(k)] = std::cos(kTwoPi * k * h);
  }
  for (int k = 0; k <= n; ++k) u[k] = 0.5 * E * (1 - cosine[static_cast<size_t>(k)]) - 0.5 * E;  // shifted by -E/2 (scale)
  const double decay = std::exp(-f * h);
  for (int k = 0; k < n; ++k) cell[k] = h * phi(u[k + 1] - u[k] - f * h);
  // Cell integrals: of e^{-U(z) - f(x_{k+1} - z)}, e^{-U_{k+1}} h phi(U_{k+1} - U_k - f h); of
  // e^{U(z) - f(z - x_k)}, e^{U_k} cell[k].
  a[0] = b[0] = 0;
  for (int k = 0; k < n; ++k) {
    a[k + 1] = decay * a[k] + std::exp(-u[k + 1]) * h * phi(u[k + 1] - u[k] - f * h);
    b[k + 1] = b[k] + std::exp(u[k] - f * k * h) * cell[k];
  }
  c[n] = 0;
  for (int k = n - 1; k >= 0; --k) c[k] = decay * c[k + 1] + std::exp(u[k]) * cell[k];
  const double one_minus = -std::expm1(-f);
  double sp = 0, sm = 0, spm = 0, sshare = 0;
  for (int k = 0; k < n; ++k) {
    const double x = k * h;
    const double ip = std::exp(u[k]) * (one_minus * a[k] + std::exp(-f * x) * a[n]);
    const double im = std::exp(-u[k]) * (c[k] + std::exp(-f * (1 - x)) * b[k]);
    sp += ip;
    sm += im;
    spm += ip * ip * im;
    sshare += 0.5 * (1 - cosine[static_cast<size_t>(k)]) * im;
  }
  sp /= n;
  sm /= n;
  spm /= n;
  TiltedTransport t;
  t.mobility_ratio = (f > 0 ? one_minus / f : 1.0) / sp;
  t.diffusion_ratio = spm / (sp * sp * sp);
  t.barrier_share = sshare / (n * sm);
  return t;
}

const TiltedTransportTable& TiltedTransportTable::instance() {
  static const TiltedTransportTable table;
  return table;
}

TiltedTransportTable::TiltedTransportTable() : rows_(kBarriers), once_(kBarriers) {}

const std::vector<std::array<double, 3>>& TiltedTransportTable::barrier_row(int k) const {
  std::call_once(once_[static_cast<size_t>(k)], [&] {
    const double smax = std::log1p(kMaxTilt);
    std::vector<std::array<double, 3>> row(kTilts);
    for (int j = 0; j < kTilts; ++j) {
      const double f = std::expm1(smax * j / (kTilts - 1));
      const TiltedTransport t = tilted_transport(f, k * kBarrierStep);
      row[static_cast<size_t>(j)] = {std::log(t.mobility_ratio), std::log(t.diffusion_ratio), t.barrier_share};
    }
    rows_[static_cast<size_t>(k)] = std::move(row);
  });
  return rows_[static_cast<size_t>(k)];
}

TiltedTransportTable::Row TiltedTransportTable::row(double barrier) const {
  Row r;
  r.barrier_ = barrier;
  const double e = std::clamp(barrier, 0.0, kMaxBarrier) / kBarrierStep;
  const int k = std::clamp(static_cast<int>(e) - 1, 0, kBarriers - 4);
  const auto w = cubic_weights(e - k - 1);
  const std::vector<std::array<double, 3>>* rows[4];
  for (int i = 0; i < 4; ++i) rows[i] = &barrier_row(k + i);
  r.values_.resize(kTilts);
  for (size_t j = 0; j < static_cast<size_t>(kTilts); ++j)
    for (int q = 0; q < 3; ++q)
      r.values_[j][q] = w[0] * (*rows[0])[j][q] + w[1] * (*rows[1])[j][q] + w[2] * (*rows[2])[j][q] + w[3] * (*rows[3])[j][q];
  return r;
}

TiltedTransport TiltedTransportTable::Row::at(double f) const {
  f = std::abs(f);
  if (f > kMaxTilt) return tilted_transport(f, barrier_, 1024);
  const double s = std::log1p(f) * (kTilts - 1) / std::log1p(kMaxTilt);
  const int j = std::clamp(static_cast<int>(s) - 1, 0, kTilts - 4);
  const auto w = cubic_weights(s - j - 1);
  std::array<double, 3> v{};
  for (int q = 0; q < 3; ++q)
    for (int i = 0; i < 4; ++i) v[q] += w[i] * values_[static_cast<size_t>(j + i)][q];
  return {std::exp(v[0]), std::exp(v[1]), v[2]};
}

double TiltedTransportTable::Row::mobility(double f, double& dlog_dlogf) const {
  f = std::abs(f);
  if (f > kMaxTilt) {
    const double h = 1e-4;
    const double m = tilted_transport(f, barrier_, 1024).mobility_ratio;
    dlog_dlogf = (std::log(tilted_transport(f * (1 + h), barrier_, 1024).mobility_ratio) - std::log(m)) / std::log1p(h);
    return m;
  }
  const double scale = (kTilts - 1) / std::log1p(kMaxTilt);
  const double s = std::log1p(f) * scale;
  const int j = std::clamp(static_cast<int>(s) - 1, 0, kTilts - 4);
  const double u = s - j - 1;
  const auto w = cubic_weights(u);
  // d/du of the cubic Lagrange weights.
  const std::array<double, 4> dw = {-(3 * u * u - 6 * u + 2) / 6, (3 * u * u - 4 * u - 1) / 2, -(3 * u * u - 2 * u - 2) / 2,
                                    (3 * u * u - 1) / 6};
  double v = 0, dv = 0;
  for (int i = 0; i < 4; ++i) {
    const double y = values_[static_cast<size_t>(j + i)][0];
    v += w[i] * y;
    dv += dw[i] * y;
  }
  dlog_dlogf = dv * scale * f / (1 + f);  // d ln m / ds * ds / d ln f
  return std::exp(v);
}

TiltedTransport TiltedTransportTable::at(double f, double barrier) const { return row(barrier).at(f); }

}  // namespace limen::physics
