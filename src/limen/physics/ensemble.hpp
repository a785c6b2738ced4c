#pragma once
// Overdamped Langevin ensembles (THEORY §6) in structure-of-arrays form, with the Sekimoto
// energetics of every trajectory: work W (control changes at fixed x), heat Q given to the bath
// (minus the energy change at fixed control), and U. W - Q - dU = 0 per trajectory to rounding.
#include <cstdint>
#include <vector>

#include "limen/io/parallel.hpp"  // resolve_threads
#include "limen/physics/mutation.hpp"
#include "limen/physics/noise.hpp"     // NoiseKind
#include "limen/physics/potential.hpp"
#include "limen/physics/protocol.hpp"

namespace limen::physics {

enum class Method { euler_maruyama, leimkuhler_matthews };
// portable: the same bits on every x86-64 instruction set (no FMA contraction); host: FMA where the
// machine has it (faster; bit-identical for any thread or rank count on one machine only).
enum class Reproducible { portable, host };

struct Dynamics {
  double dt = 1e-3;
  double mobility = 1.0;  // mu = 1 / gamma
  double kT = 1.0;
  Method method = Method::euler_maruyama;
  uint64_t seed = 1;
  bool energetics = true;  // false: positions only (work, heat, u are not updated)
  Mutation mutation;       // the validation suite's mutation tests only (mutation.hpp)
  NoiseKind noise = NoiseKind::gaussian;  // three-point: weak noise, Euler-Maruyama only (noise.hpp)
  Reproducible reproducible = Reproducible::portable;
};

struct Ensemble {
  std::vector<uint64_t> id;          // particle index: keys its random numbers
  std::vector<double> x0, u0;        // initial position and U(x0, lambda(0-))
  std::vector<double> x, u;          // position and U(x, lambda(t+)) now
  std::vector<double> work, heat;    // kT units (energy units of the potential)
  long step = 0;                     // steps done; t = step * dt
  size_t size() const { return x.size(); }
  // Keeps the particles i with keep[i] != 0, in order (e.g. survivors of a first passage).
  void compact(const std::vector<char>& keep);
};

class Integrator {
 public:
  Integrator(Potential pot, Protocol proto, Dynamics dyn);
  // n particles in equilibrium of lambda(0-) (exact for one harmonic term, inverse CDF otherwise),
  // then the jump to lambda(0+) with its work.
  Ensemble start(size_t n) const;
  // The particles with ids [begin, end) of that ensemble (each id samples its own x0).
  Ensemble start(size_t begin, size_t end) const;
  // Advances every particle by `steps`, split over `threads` (0 = all cores); vectorised.
  void advance(Ensemble& e, long steps, int threads = 1) const;
  // The plain scalar stepper, one particle and one step at a time (the reference for tests).
  void advance_reference(Ensemble& e, long steps) const;

  const Potential& potential() const { return pot_; }
  const Protocol& protocol() const { return proto_; }
  const Dynamics& dynamics() const { return dyn_; }

 private:
  void advance_range(Ensemble& e, size_t begin, size_t end, long steps) const;
  double drift_mobility() const;
  double noise_amplitude() const;
  Potential pot_;
  Protocol proto_;
  Dynamics dyn_;
};


}  // namespace limen::physics
