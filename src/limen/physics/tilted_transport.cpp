#include "limen/physics/tilted_transport.hpp"

#include <algorithm>
#include <cmath>

#include "limen/physics/fastmath.hpp"

#pragma GCC optimize("fp-contract=off")  // the same bits on every instruction set (fastmath.hpp)


namespace limen::physics {
namespace {

constexpr double kTwoPi = 6.283185307179586476925;

// (e^t - 1) / t, 1 at t = 0: the integral of e^{t s/h} over a cell of width h, divided by h.
double phi(double t) { return std::abs(t) < 1e-8 ? 1.0 + 0.5 * t : std::expm1(t) / t; }

// Cubic Lagrange weights at fraction u in [0, 1] of the middle interval of four equally spaced nodes.
std::array<double, 4> cubic_weights(double u) {
  return {-u * (u - 1) * (u - 2) / 6, (u + 1) * (u - 1) * (u - 2) / 2, -(u + 1) * u * (u - 2) / 2, (u + 1) * u * (u - 1) / 6};
}
// The interpolant at those weights over the nodes y[0..3].
inline double stencil_sum(const std::array<double, 4>& w, const double* y) {
  return w[0] * y[0] + w[1] * y[1] + w[2] * y[2] + w[3] * y[3];
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
  std::vector<double>* out[3] = {&r.log_mobility_, &r.log_diffusion_, &r.share_};
  for (int q = 0; q < 3; ++q) {
    out[q]->resize(kTilts);
    for (size_t j = 0; j < static_cast<size_t>(kTilts); ++j)
      (*out[q])[j] = w[0] * (*rows[0])[j][q] + w[1] * (*rows[1])[j][q] + w[2] * (*rows[2])[j][q] + w[3] * (*rows[3])[j][q];
  }
  return r;
}

TiltedTransport TiltedTransportTable::Row::at(double f) const {
  double m, d, share;
  at_many(&f, 1, &m, &d, &share);
  return {m, d, share};
}

double TiltedTransportTable::Row::mobility(double f, double& dlog_dlogf) const {
  double m;
  mobility_many(&f, 1, &m, &dlog_dlogf);
  return m;
}

// The look-ups: cubic Lagrange in s = ln(1 + |f|) on the row's grid, e^{interpolated ln} for the
// mobility and diffusion ratios; tilts beyond the table are evaluated directly afterwards. In chunks,
// so that the arithmetic (ln(1 + f) and the stencil, then e^y) runs in loops the compiler vectorises
// with fastmath's branch-free functions (same bits on every instruction set), and only the stencil's
// loads stay scalar (a gather).
namespace {

constexpr size_t kChunk = 256;

LIMEN_CLONES void stencil(const double* f, size_t n, double scale, double max_tilt, double last, double* jd, double* u) {
  for (size_t i = 0; i < n; ++i) {
    const double a = std::abs(f[i]);
    const double s = fastmath::log1p_minimax(a < max_tilt ? a : max_tilt) * scale;
    // The stencil j..j+3 around s, j in [0, kTilts - 4] (clamped as doubles, by selects: no branches).
    const double below = static_cast<double>(static_cast<int>(s)) - 1.0, pos = below > 0.0 ? below : 0.0;
    const double j = pos < last ? pos : last;
    jd[i] = j;
    u[i] = s - j - 1;
  }
}

// y <- e^y. The rows' logarithms lie within [-100, 10] (E_b <= 80 kT); the clamp only keeps the
// exponent-field arithmetic of exp_minimax in range.
LIMEN_CLONES void exp_in_place(double* y, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const double lo = y[i] > -700.0 ? y[i] : -700.0;
    y[i] = fastmath::exp_minimax(lo < 700.0 ? lo : 700.0);
  }
}

}  // namespace

void TiltedTransportTable::Row::at_many(const double* f, size_t n, double* m, double* d, double* share) const {
  const double scale = (kTilts - 1) / std::log1p(kMaxTilt);
  const double *lm = log_mobility_.data(), *ld = log_diffusion_.data(), *sh = share_.data();
  double jd[kChunk], uu[kChunk];
  for (size_t start = 0; start < n; start += kChunk) {
    const size_t c = std::min(kChunk, n - start);
    stencil(f + start, c, scale, kMaxTilt, kTilts - 4, jd, uu);
    for (size_t i = 0; i < c; ++i) {
      const long j = static_cast<long>(jd[i]);
      const double u = uu[i];
      const auto w = cubic_weights(u);
      m[start + i] = stencil_sum(w, lm + j);
      d[start + i] = stencil_sum(w, ld + j);
      share[start + i] = stencil_sum(w, sh + j);
    }
    exp_in_place(m + start, c);
    exp_in_place(d + start, c);
  }
  for (size_t i = 0; i < n; ++i)
    if (std::abs(f[i]) > kMaxTilt) {
      const TiltedTransport t = tilted_transport(f[i], barrier_, 1024);
      m[i] = t.mobility_ratio;
      d[i] = t.diffusion_ratio;
      share[i] = t.barrier_share;
    }
}

void TiltedTransportTable::Row::mobility_many(const double* f, size_t n, double* m, double* dlog_dlogf) const {
  const double scale = (kTilts - 1) / std::log1p(kMaxTilt);
  const double* lm = log_mobility_.data();
  double jd[kChunk], uu[kChunk];
  for (size_t start = 0; start < n; start += kChunk) {
    const size_t c = std::min(kChunk, n - start);
    stencil(f + start, c, scale, kMaxTilt, kTilts - 4, jd, uu);
    for (size_t i = 0; i < c; ++i) {
      const long j = static_cast<long>(jd[i]);
      const double u = uu[i], a = std::min(std::abs(f[start + i]), kMaxTilt);
      const auto w = cubic_weights(u);
      // d/du of the weights.
      const std::array<double, 4> dw = {-(3 * u * u - 6 * u + 2) / 6, (3 * u * u - 4 * u - 1) / 2,
                                        -(3 * u * u - 2 * u - 2) / 2, (3 * u * u - 1) / 6};
      m[start + i] = stencil_sum(w, lm + j);
      dlog_dlogf[start + i] = stencil_sum(dw, lm + j) * scale * a / (1 + a);  // d ln m / ds * ds / d ln f
    }
    exp_in_place(m + start, c);
  }
  for (size_t i = 0; i < n; ++i) {
    const double a = std::abs(f[i]);
    if (a > kMaxTilt) {
      const double h = 1e-4;
      m[i] = tilted_transport(a, barrier_, 1024).mobility_ratio;
      dlog_dlogf[i] = (std::log(tilted_transport(a * (1 + h), barrier_, 1024).mobility_ratio) - std::log(m[i])) / std::log1p(h);
    }
  }
}

TiltedTransport TiltedTransportTable::at(double f, double barrier) const { return row(barrier).at(f); }

}  // namespace limen::physics
