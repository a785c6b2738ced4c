#pragma once
// <(1 - cos 2 pi x)/2> over the Boltzmann density of the cosine well at barrier E kT (THEORY §5.3 at
// F = 0), by the trapezoid rule over one period (spectrally exact for a smooth periodic
// integrand): a reference independent of the Bessel-function and transport-table code it checks.
#include <cmath>

namespace limen::test {

inline double boltzmann_share(double e) {
  const int m = 4000;
  double num = 0, den = 0;
  for (int k = 0; k < m; ++k) {
    const double s = 0.5 * (1 - std::cos(2 * M_PI * k / m)), p = std::exp(-e * s);
    num += s * p;
    den += p;
  }
  return num / den;
}

}  // namespace limen::test
