#pragma once
// Adaptive Dormand-Prince 5(4) integration with error control (Dormand & Prince, J. Comput. Appl.
// Math. 6, 19 (1980)); used for the exact moment ODEs of quadratic training (THEORY §5).
#include <functional>
#include <vector>

namespace limen::learn {

using State = std::vector<double>;
using Rhs = std::function<void(double t, const State& y, State& dydt)>;

struct OdeOptions {
  double rtol = 1e-9, atol = 1e-12;
  long long max_steps = 2000000;
};

// Integrates y from t0 to t1 (t1 > t0). If `stop` is given and stop(t, y) <= 0 is reached, the
// integration ends at the crossing (located by bisection to ~1e-12 of the step) and returns
// that time; otherwise returns t1. Throws RunError if the tolerance cannot be met.
double integrate_dopri5(const Rhs& f, double t0, double t1, State& y, const OdeOptions& options,
                        const std::function<double(double, const State&)>& stop = nullptr);

}  // namespace limen::learn
