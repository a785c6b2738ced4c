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
  device,           // a catalog device programmed by pulses (device.cpp; README "Device memories")
};

// A one-sided differential pair (device_pair.cpp; catalog.hpp PairResponse has the model), in device
// units: w_dev = g+ - g-, each g in [0, g_max_i].
struct PairSpec {
  double dw_min = 0, g_max = 1, exp_a = 0, exp_b = 0, exp_A = 0, exp_gamma = 0;
  double dw_min_d2d = 0, up_down_d2d = 0, g_max_d2d = 0;
  double c2c = 0, c2c_add = 0, c2c_slope = 0;
  double reset = 0, reset_d2d = 0, reset_c2c = 0;
  double refresh_upper = 0.75, refresh_lower = 0.25;
  long long refresh_every = 1, refresh_max_pulses = 31;
  bool refresh_verify = true;
  double reset_J = 0;  // J per RESET pulse
};

// A device memory (device.cpp), filled from a catalog entry by learn/setup. The pulse response is
// the linear-step model of catalog.hpp's ResponseEntry, in device units w_dev = w / weight_scale.
struct DeviceSpec {
  std::string name = "ideal";
  bool ideal = true;             // continuous, linear, noiseless, unbounded, no energy: plain SGD
  bool analog = true;            // else a digital b-bit word (grid: the memory's level, walls)
  bool one_sided_pair = false;   // analog as a refreshed pair of SET-only devices (`pair`)
  PairSpec pair;
  double dw_min = 0, w_min = -1, w_max = 1, gamma_up = 0, gamma_down = 0, up_down = 0;
  double c2c = 0;
  bool c2c_multiplicative = false;
  double dw_min_d2d = 0, up_down_d2d = 0, w_max_d2d = 0, w_min_d2d = 0;
  double weight_scale = 1;       // model units per device unit
  double write_J = 0;            // J per pulse (analog) or per written bit (digital)
  double read_J = 0;             // J per cell read (analog) or per bit read (digital); 0 when not sourced
  bool read_sourced = false;
  double reads_per_step = 0;     // parameter reads per training step (2 B: forward and backward per sample)
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
  DeviceSpec device;               // model = device
  // mu_0 in model units^2 / (kT time): mobility scales with the square of the length unit.
  double mobility0_model() const { return mobility0 * level * level; }
  double lower_wall() const { return offset; }
  double upper_wall() const { return offset + std::ldexp(level, bits); }
};

// THEORY §5.2: the resolved memory resolves a level when dt mu_0 max U'' <= kSubstepStability,
// with max U'' = 2 pi^2 E_b / l^2 + kappa max d2L/dw2.
inline constexpr double kSubstepStability = 0.02;

}  // namespace limen::memory
