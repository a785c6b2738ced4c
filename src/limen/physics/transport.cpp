#include "limen/physics/transport.hpp"

#include <algorithm>
#include <cmath>

namespace limen::physics {

namespace {
// Quantile function of a sorted sample at level u in (0,1): linear between order statistics
// placed at (i + 1/2)/n.
double sample_quantile(const std::vector<double>& s, double u) {
  const double pos = u * static_cast<double>(s.size()) - 0.5;
  if (pos <= 0) return s.front();
  const size_t i = static_cast<size_t>(pos);
  if (i + 1 >= s.size()) return s.back();
  const double w = pos - static_cast<double>(i);
  return s[i] + w * (s[i + 1] - s[i]);
}

// Quantiles of a grid density at the levels u_k = (k + 1/2)/K.
std::vector<double> grid_quantiles(const Density& d, size_t K) {
  std::vector<double> q(K);
  double total = 0;
  for (double v : d.p) total += v * d.h;
  size_t i = 0;
  double below = 0;  // mass of cells < i
  for (size_t k = 0; k < K; ++k) {
    const double u = (static_cast<double>(k) + 0.5) / static_cast<double>(K) * total;
    while (i + 1 < d.p.size() && below + d.p[i] * d.h < u) below += d.p[i++] * d.h;
    const double m = d.p[i] * d.h;
    const double frac = m > 0 ? std::clamp((u - below) / m, 0.0, 1.0) : 0.5;
    q[k] = d.lo + (static_cast<double>(i) + frac) * d.h;
  }
  return q;
}
}  // namespace

double w2_squared(std::vector<double> a, std::vector<double> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return w2_squared_sorted(a, b);
}

double w2_squared_sorted(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.empty() || b.empty()) return 0.0;
  double s = 0;
  if (a.size() == b.size()) {
    for (size_t i = 0; i < a.size(); ++i) s += (a[i] - b[i]) * (a[i] - b[i]);
    return s / static_cast<double>(a.size());
  }
  const size_t K = std::max(a.size(), b.size());
  for (size_t k = 0; k < K; ++k) {
    const double u = (static_cast<double>(k) + 0.5) / static_cast<double>(K);
    const double d = sample_quantile(a, u) - sample_quantile(b, u);
    s += d * d;
  }
  return s / static_cast<double>(K);
}

double w2_squared(const Density& a, const Density& b) {
  constexpr size_t K = 20000;
  const auto qa = grid_quantiles(a, K), qb = grid_quantiles(b, K);
  double s = 0;
  for (size_t k = 0; k < K; ++k) s += (qa[k] - qb[k]) * (qa[k] - qb[k]);
  return s / K;
}

double entropy(const Density& d) {
  double s = 0;
  for (double v : d.p)
    if (v > 0) s -= v * std::log(v) * d.h;
  return s;
}

// Kozachenko-Leonenko k-nearest-neighbour estimator in one dimension (Kozachenko & Leonenko 1987;
// Kraskov, Stoegbauer & Grassberger, PRE 69, 066138 (2004), eq. 20):
//   S = psi(N) - psi(k) + ln 2 + (1/N) sum_i ln eps_i,
// eps_i the distance from x_i to its k-th nearest neighbour (k = 4). It adapts to the local scale,
// so it stays unbiased for narrow, multi-modal densities (a bit in two wells), unlike histograms.
double entropy_samples(const std::vector<double>& x) {
  std::vector<double> s(x);
  std::sort(s.begin(), s.end());
  return entropy_sorted(s);
}

double entropy_sorted(const std::vector<double>& s) {
  constexpr size_t k = 4;
  const size_t n = s.size();
  if (n <= k) return 0.0;
  const auto digamma = [](double v) {  // psi(v) for v >= 1: recurrence up to 6, then the asymptotic series
    double r = 0;
    while (v < 6) r -= 1 / v, v += 1;
    const double f = 1 / (v * v);
    return r + std::log(v) - 0.5 / v - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f / 240)));
  };
  double sum = 0;
  for (size_t i = 0; i < n; ++i) {
    // Merge the distances to the left and right neighbours until the k-th.
    size_t l = i, r = i;
    double eps = 0;
    for (size_t j = 0; j < k; ++j) {
      const double dl = l > 0 ? s[i] - s[l - 1] : INFINITY, dr = r + 1 < n ? s[r + 1] - s[i] : INFINITY;
      if (dl <= dr) eps = dl, --l;
      else eps = dr, ++r;
    }
    sum += std::log(std::max(eps, 1e-300));
  }
  return digamma(static_cast<double>(n)) - digamma(static_cast<double>(k)) + std::log(2.0) + sum / static_cast<double>(n);
}

Moments moments(const std::vector<double>& v) {
  Moments m;
  if (v.empty()) return m;
  double s = 0;
  for (double x : v) s += x;
  m.mean = s / static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - m.mean) * (x - m.mean);
  if (v.size() > 1) m.stderr_ = std::sqrt(ss / static_cast<double>(v.size() - 1) / static_cast<double>(v.size()));
  return m;
}

}  // namespace limen::physics
