#pragma once
// The constants a paradigm needs beyond the workload: temperature, device time scales, retention
// targets and the technology knobs of THEORY.md sections 1, 3 and 4. Defaults are THEORY's.
#include <string>

#include "limen/units/constants.hpp"

namespace limen {

struct Device {
  double temperature_K = kDefaultTemperatureK;
  double tau0_s = kDefaultTau0_s;           // attempt time, nu_0 = 1 / tau_0 (§1)
  double tau_D_s = 0;                       // diffusion time gamma l^2 / kT; 0 = tau_0 (§1)
  double retention_long_s = 10 * kSecondsPerYear;  // long-term memory (§3.3)
  double retention_short_s = 0.064;         // short-term memory (§3.3)
  double error_prob = 1e-9;                 // p over the retention time (§3.3)
  double update_levels = 1;                 // n_u, typical update in levels (§4 lim)
  double lim_overhead = 1;                  // alpha, schedule heat / bound (§4 lim, §5)
  double reuse = 1;                         // operand reuse; r = 2 / reuse fetches per FLOP (§4 vn)
  double consolidate_every = 1000;          // update steps per consolidation (§4 cim-volatile)
  double mfu = 0.4;                         // model-FLOPs utilisation (§4 hw)
  double pue = 1.0;                         // power usage effectiveness (§4 hw)
  std::string memory_level = "dram";        // tech: working memory level, sram or dram
  std::string hw_precision = "training";    // hw: precision of the peak rate; "training" = chip's own

  double kT_J() const { return kBoltzmann * temperature_K; }
  double tau_D() const { return tau_D_s > 0 ? tau_D_s : tau0_s; }
};

}  // namespace limen
