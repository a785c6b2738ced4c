#include "limen/learn/ode.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "limen/units/error.hpp"

namespace limen::learn {
namespace {

// One Dormand-Prince step of size h: y5 (5th order) and err = y5 - y4.
void dopri_step(const Rhs& f, double t, const State& y, double h, State& y5, State& err, std::vector<State>& k) {
  static constexpr double c2 = 1. / 5, c3 = 3. / 10, c4 = 4. / 5, c5 = 8. / 9;
  static constexpr double a21 = 1. / 5, a31 = 3. / 40, a32 = 9. / 40, a41 = 44. / 45, a42 = -56. / 15, a43 = 32. / 9,
                          a51 = 19372. / 6561, a52 = -25360. / 2187, a53 = 64448. / 6561, a54 = -212. / 729,
                          a61 = 9017. / 3168, a62 = -355. / 33, a63 = 46732. / 5247, a64 = 49. / 176,
                          a65 = -5103. / 18656, b1 = 35. / 384, b3 = 500. / 1113, b4 = 125. / 192, b5 = -2187. / 6784,
                          b6 = 11. / 84, e1 = 71. / 57600, e3 = -71. / 16695, e4 = 71. / 1920, e5 = -17253. / 339200,
                          e6 = 22. / 525, e7 = -1. / 40;
  const size_t n = y.size();
  State tmp(n);
  f(t, y, k[0]);
  for (size_t i = 0; i < n; ++i) tmp[i] = y[i] + h * a21 * k[0][i];
  f(t + c2 * h, tmp, k[1]);
  for (size_t i = 0; i < n; ++i) tmp[i] = y[i] + h * (a31 * k[0][i] + a32 * k[1][i]);
  f(t + c3 * h, tmp, k[2]);
  for (size_t i = 0; i < n; ++i) tmp[i] = y[i] + h * (a41 * k[0][i] + a42 * k[1][i] + a43 * k[2][i]);
  f(t + c4 * h, tmp, k[3]);
  for (size_t i = 0; i < n; ++i) tmp[i] = y[i] + h * (a51 * k[0][i] + a52 * k[1][i] + a53 * k[2][i] + a54 * k[3][i]);
  f(t + c5 * h, tmp, k[4]);
  for (size_t i = 0; i < n; ++i)
    tmp[i] = y[i] + h * (a61 * k[0][i] + a62 * k[1][i] + a63 * k[2][i] + a64 * k[3][i] + a65 * k[4][i]);
  f(t + h, tmp, k[5]);
  for (size_t i = 0; i < n; ++i)
    y5[i] = y[i] + h * (b1 * k[0][i] + b3 * k[2][i] + b4 * k[3][i] + b5 * k[4][i] + b6 * k[5][i]);
  f(t + h, y5, k[6]);
  for (size_t i = 0; i < n; ++i)
    err[i] = h * (e1 * k[0][i] + e3 * k[2][i] + e4 * k[3][i] + e5 * k[4][i] + e6 * k[5][i] + e7 * k[6][i]);
}

}  // namespace

double integrate_dopri5(const Rhs& f, double t0, double t1, State& y, const OdeOptions& opt,
                        const std::function<double(double, const State&)>& stop) {
  const size_t n = y.size();
  std::vector<State> k(7, State(n));
  State y5(n), err(n);
  double t = t0;
  double h = std::max((t1 - t0) * 1e-6, 1e-300);
  long long steps = 0;
  while (t < t1) {
    if (t1 - t <= 1e-13 * std::max(1.0, std::abs(t1))) {  // a sliver left by rounding: take one Euler step
      State dy(n);
      f(t, y, dy);
      for (size_t i = 0; i < n; ++i) y[i] += (t1 - t) * dy[i];
      break;
    }
    if (++steps > opt.max_steps)
      throw RunError(fmt::format("moment ODE: more than {} steps before t = {:g}", opt.max_steps, t1));
    h = std::min(h, t1 - t);
    dopri_step(f, t, y, h, y5, err, k);
    double e = 0;
    for (size_t i = 0; i < n; ++i) {
      const double sc = opt.atol + opt.rtol * std::max(std::abs(y[i]), std::abs(y5[i]));
      e = std::max(e, std::abs(err[i]) / sc);
    }
    if (!std::isfinite(e)) {
      h *= 0.1;
      if (h < 1e-14 * std::max(1.0, std::abs(t)))
        throw RunError(fmt::format("moment ODE: the solution is not finite at t = {:g}", t));
      continue;
    }
    if (e <= 1) {
      if (stop && stop(t + h, y5) <= 0) {
        // Locate the crossing inside [t, t + h] by bisection on the step size.
        double lo = 0, hi = h;
        State ytry(n);
        for (int it = 0; it < 60 && hi - lo > 1e-13 * std::max(1.0, std::abs(t)); ++it) {
          const double mid = 0.5 * (lo + hi);
          dopri_step(f, t, y, mid, ytry, err, k);
          (stop(t + mid, ytry) <= 0 ? hi : lo) = mid;
        }
        dopri_step(f, t, y, hi, y5, err, k);
        y = y5;
        return t + hi;
      }
      t += h;
      y = y5;
    }
    const double factor = e > 0 ? 0.9 * std::pow(e, -0.2) : 5.0;
    h *= std::clamp(factor, 0.2, 5.0);
    if (h < 1e-14 * std::max(1.0, std::abs(t)))
      throw RunError(fmt::format("moment ODE: step size underflow at t = {:g}", t));
  }
  return t1;
}

}  // namespace limen::learn
