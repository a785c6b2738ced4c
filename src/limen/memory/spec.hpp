#pragma once
// What a memory holding trained parameters is (THEORY §5.1), read from a config's [memory] table:
// a cosine multi-level potential of period l (one level) and amplitude E_b(t), 2^b levels between
// reflecting walls at `offset` and offset + 2^b l, barrier-free mobility mu_0, temperature T.
// Units (THEORY §1, §5): energy in kT, time in the run's time unit, parameters in model units; one
// level is `level` model units.
#include <cmath>
#include <string>

namespace limen::memory {

// How the memory is simulated (THEORY §5.2, 5.3, 5.5).
enum class Model {
  coarse,           // exact drift and diffusion of the tilted cosine per step (§5.3), the default
  resolved,         // every parameter a particle of the physics engine, sub-stepped (§5.2)
  linear_response,  // v = mu_eff(E_b) F, D = mu_eff kT: the weak-drive limit (§5.5)
};
std::string model_name(Model m);

struct MemorySpec {
  Model model = Model::coarse;
  double mobility0 = 1000;         // barrier-free mobility mu_0, in level^2 / (kT * time unit)
  double level = 1;                // model units per memory level l
  double temperature_K = 300;      // for joules
  double retention_barrier = 61;   // kT, THEORY §3.3 (1 GHz, 10 years, p = 1e-9)
  int bits = 8;                    // 2^b levels between the walls
  double offset = 0;               // the lower wall, in model units
  double substep = 0;              // resolved: sub-step (time units); 0 = the largest allowed (§5.2)
  // mu_0 in model units^2 / (kT time): mobility scales with the square of the length unit.
  double mobility0_model() const { return mobility0 * level * level; }
  double lower_wall() const { return offset; }
  double upper_wall() const { return offset + std::ldexp(level, bits); }
};

// THEORY §5.2: the resolved memory resolves a level when dt mu_0 max U'' <= kSubstepStability,
// with max U'' = 2 pi^2 E_b / l^2 + kappa max d2L/dw2.
inline constexpr double kSubstepStability = 0.02;

}  // namespace limen::memory
