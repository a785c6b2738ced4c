#pragma once
// A sum of a double well, a harmonic trap and a ripple whose protocol jumps at 0, inside and at the
// end (tilt 0 -> 0.5 at t = 0, ramps to 1, drops to 0 at t = 0.1; trap centre 0 -> 1): every code
// path of the generic stepper and of the fused kernel's any-sum path. dt = 1e-3 and seed 77;
// the caller's Dynamics gives the rest (method, noise, reproducibility).
#include "limen/physics/ensemble.hpp"

namespace limen::physics::test {

inline Integrator busy_sum(Dynamics d) {
  Potential p;
  p.add(TermKind::double_well, "well", {3.0, 1.0, 0.0, 0.0});
  p.add(TermKind::harmonic, "trap", {0.5, 0.0});
  p.add(TermKind::periodic, "ripple", {0.5, 0.5, 0.0, 0.0, 1.0});
  Protocol proto(p);
  proto.set(p.index("well.tilt"), Schedule{{0.0, 0.0, 0.05, 0.1, 0.1}, {0.0, 0.5, 1.0, 1.0, 0.0}});
  proto.set(p.index("trap.center"), Schedule{{0.0, 0.1}, {0.0, 1.0}});
  d.dt = 1e-3;
  d.seed = 77;
  return Integrator(p, proto, d);
}

}  // namespace limen::physics::test
