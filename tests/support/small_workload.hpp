#pragma once
// The small workload the bounds tests compute by hand: N = 1e3, D = 1e4, c = 6 -> F = 6e7; B = 10
// -> M = 1000, OPS = 1e6; b = 8; T = 1000 s; P = N -> tau_op = 1e3 * 1e3 / 6e7 = 1/60 s; tau_up = 1 s;
// tau_0 = tau_D = 1 ns; 300 K. Parameter reads R = 2 N D = 2e7.
#include "limen/workload/workload.hpp"

namespace limen::test {

inline Workload small_workload() {
  WorkloadSpec s;
  s.params = 1e3;
  s.tokens = 1e4;
  s.batch = 10;
  s.bits = 8;
  s.train_time_s = 1000;
  return resolve(s);
}
inline const double kT300 = 1.380649e-23 * 300;  // J
inline const double kLn2 = 0.6931471805599453;

}  // namespace limen::test
