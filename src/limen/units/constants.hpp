#pragma once
// Physical constants and defaults of THEORY.md section 1.
#include <cmath>

namespace limen {

inline constexpr double kBoltzmann = 1.380649e-23;  // J/K, exact (SI 2019)
inline constexpr double kLn2 = 0.69314718055994530942;
inline constexpr double kPi = 3.14159265358979323846;

inline constexpr double kDefaultTemperatureK = 300.0;
inline constexpr double kDefaultTau0_s = 1e-9;        // device time scale, nu_0 = 1 GHz
inline constexpr double kSecondsPerDay = 86400.0;
inline constexpr double kSecondsPerYear = 365.25 * 86400.0;  // Julian year

// Thermal energy kT in joules at temperature T (kelvin).
inline double kT_J(double temperature_K) { return kBoltzmann * temperature_K; }

}  // namespace limen
