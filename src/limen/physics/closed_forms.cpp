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

double kramers_rate(double curv_well, double curv_top, double barrier, double kT, double gamma) {
  return std::sqrt(curv_well * std::fabs(curv_top)) / (2.0 * kPi * gamma) * std::exp(-barrier / kT);
}

double landauer_finite_time_kT(double tau_over_tauD) { return kLn2 + 0.5 / tau_over_tauD; }

double static_write_kT(double barrier_kT, double nu0_tau_w) {
  return std::max(kLn2, barrier_kT - std::log(nu0_tau_w));
}

}  // namespace limen::physics
