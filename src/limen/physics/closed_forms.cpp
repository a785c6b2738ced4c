#include "limen/physics/closed_forms.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "limen/units/constants.hpp"

namespace limen::physics {

double drag_linear_work(double k, double gamma, double L, double tf) {
  const double a = k * tf / gamma;
  return gamma * L * L / tf * (1.0 - (1.0 - std::exp(-a)) / a);
}

double drag_optimal_work(double k, double gamma, double L, double tf) { return gamma * L * L / (tf + 2.0 * gamma / k); }

Schedule drag_optimal_schedule(double k, double gamma, double L, double tf) {
  const double den = 2.0 + k * tf / gamma;
  return Schedule{{0.0, 0.0, tf, tf}, {0.0, L / den, L * (1.0 + k * tf / gamma) / den, L}};
}

double jarzynski_harmonic(double k_i, double k_f) { return std::sqrt(k_i / k_f); }

double stiffness_ramp_mean_work(double k_i, double k_0, double k_f, double tf, double kT, double gamma, long steps) {
  const double mu = 1.0 / gamma, rate = (k_f - k_0) / tf, h = tf / static_cast<double>(steps);
  const auto k = [&](double t) { return k_0 + rate * t; };
  const auto dv = [&](double t, double v) { return -2.0 * mu * k(t) * v + 2.0 * mu * kT; };
  double v = kT / k_i, w = 0.5 * (k_0 - k_i) * v;
  // d<W>/dt = rate v / 2: RK4 on (v, W) together.
  for (long n = 0; n < steps; ++n) {
    const double t = static_cast<double>(n) * h;
    const double a1 = dv(t, v), a2 = dv(t + 0.5 * h, v + 0.5 * h * a1), a3 = dv(t + 0.5 * h, v + 0.5 * h * a2),
                 a4 = dv(t + h, v + h * a3);
    const double w1 = v, w2 = v + 0.5 * h * a1, w3 = v + 0.5 * h * a2, w4 = v + h * a3;
    w += 0.5 * rate * h * (w1 + 2.0 * w2 + 2.0 * w3 + w4) / 6.0;
    v += h * (a1 + 2.0 * a2 + 2.0 * a3 + a4) / 6.0;
  }
  return w;
}

double euler_maruyama_variance(double k, double kT, double gamma, double dt) {
  return kT / (k * (1.0 - k * dt / (2.0 * gamma)));
}

double mean_first_passage_time(const Potential& pot, const double* theta, double kT, double gamma, double lo,
                               double a, double b, int points) {
  // Inner integral I(y) = int_lo^y e^{-U/kT} by the trapezoid rule on a fine grid from lo to b,
  // outer integral by Simpson from a to b. Energies shifted by U(a) to stay in range.
  if (points % 2 == 0) ++points;
  const int n = points;
  const double h = (b - lo) / (n - 1);
  const double ua = pot.value(theta, a);
  std::vector<double> I(n, 0.0), xs(n);
  double prev = std::exp(-(pot.value(theta, lo) - ua) / kT);
  for (int i = 0; i < n; ++i) xs[i] = lo + i * h;
  for (int i = 1; i < n; ++i) {
    const double cur = std::exp(-(pot.value(theta, xs[i]) - ua) / kT);
    I[i] = I[i - 1] + 0.5 * h * (prev + cur);
    prev = cur;
  }
  // Outer: Simpson over a uniform grid from a to b, with I interpolated linearly.
  const int m = 2 * std::max(1000, n / 2);
  const double H = (b - a) / m;
  double s = 0;
  for (int j = 0; j <= m; ++j) {
    const double y = a + j * H;
    const double pos = (y - lo) / h;
    const int i = std::clamp(static_cast<int>(pos), 0, n - 2);
    const double Iy = I[i] + (pos - i) * (I[i + 1] - I[i]);
    const double f = std::exp((pot.value(theta, y) - ua) / kT) * Iy;
    s += (j == 0 || j == m ? 1.0 : (j % 2 ? 4.0 : 2.0)) * f;
  }
  return gamma / kT * s * H / 3.0;
}

double lifson_jackson_ratio(const Potential& pot, const double* theta, double kT, double x0, double period,
                            int points) {
  // Shift U by its value at x0 so that both averages stay finite for high barriers.
  const double u0 = pot.value(theta, x0);
  double plus = 0, minus = 0;
  for (int i = 0; i < points; ++i) {
    const double du = (pot.value(theta, x0 + period * (i + 0.5) / points) - u0) / kT;
    plus += std::exp(du);
    minus += std::exp(-du);
  }
  return 1.0 / ((plus / points) * (minus / points));
}

double smallest_relaxation_rate(const Potential& pot, const double* theta, double kT, double gamma, double lo,
                                double hi, int nodes) {
  const int n = nodes;
  const double h = (hi - lo) / (n - 1), c = kT / (gamma * h * h);
  std::vector<double> U(n), d(n, 0.0);
  for (int j = 0; j < n; ++j) U[j] = pot.value(theta, lo + j * h) / kT;
  for (int j = 0; j + 1 < n; ++j) {  // out-rates j -> j+1 and j+1 -> j
    d[j] += c * std::exp(-0.5 * (U[j + 1] - U[j]));
    d[j + 1] += c * std::exp(0.5 * (U[j + 1] - U[j]));
  }
  // Sturm count: eigenvalues below x of the matrix with diagonal d and off-diagonal -c.
  const auto below = [&](double x) {
    int count = 0;
    double q = d[0] - x;
    for (int j = 0;; ++j) {
      if (q < 0) ++count;
      if (j + 1 == n) break;
      if (q == 0) q = 1e-300;
      q = d[j + 1] - x - c * c / q;
    }
    return count;
  };
  double a = 0, b = *std::max_element(d.begin(), d.end()) + 2 * c;
  for (int it = 0; it < 200 && b - a > 1e-14 * b; ++it) {
    const double m = 0.5 * (a + b);
    (below(m) >= 2 ? b : a) = m;
  }
  return 0.5 * (a + b);
}

double bit_relative_entropy(double p, double pi) {
  const auto term = [](double q, double r) { return q > 0 ? q * std::log(q / r) : 0.0; };
  return term(p, pi) + term(1.0 - p, 1.0 - pi);
}

double kramers_rate(double curv_well, double curv_top, double barrier, double kT, double gamma) {
  return std::sqrt(curv_well * std::fabs(curv_top)) / (2.0 * kPi * gamma) * std::exp(-barrier / kT);
}

double landauer_finite_time_kT(double tau_over_tauD) { return kLn2 + 0.5 / tau_over_tauD; }

double static_write_kT(double barrier_kT, double nu0_tau_w) {
  return std::max(kLn2, barrier_kT - std::log(nu0_tau_w));
}

}  // namespace limen::physics
