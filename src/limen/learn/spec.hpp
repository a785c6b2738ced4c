#pragma once
// What a training run is made of, read from a `limen train` config (README.md, "limen train"): the memory
// that holds every parameter, the barrier schedule, and the run's learning rate, time and target.
// Units (THEORY §1, §5): energy in kT, time in the run's time unit, parameters in model units;
// one memory level (well spacing l) is `level` model units.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "limen/memory/spec.hpp"

namespace limen::learn {

using memory::MemorySpec;

enum class ScheduleKind { fixed, switched, matched, curve };

struct ScheduleSpec {
  ScheduleKind kind = ScheduleKind::matched;
  double barrier = 61;        // static: E_b (kT); defaults to the retention barrier
  double duty = 0.5;          // switched: fraction of each period with the barrier down
  double period = 0;          // switched: period (time units); 0 = time / 50
  double rho = 0.1;           // matched: thermal excess / noiseless excess
  int average_steps = 10;     // matched: steps of the running average of the observed loss
  double max_barrier = 61;    // matched: highest barrier it may raise (the retention barrier)
  std::vector<std::pair<double, double>> curve;  // curve: (t, E_b) points, piecewise linear
  std::string curve_file;
  std::string name() const;
};

struct RunSpec {
  double eta = 1;             // learning rate eta = mu * kappa
  double time = 10;           // time limit of the run
  long long steps = 10000;    // Euler-Maruyama steps over `time`
  long long batch = 0;        // minibatch size; 0 = full batch
  uint64_t seed = 1;
  int replicas = 1;           // independent copies (final densities for the bound)
  double target_error = -1;   // quadratic: mean (w - w*)^2 per parameter
  double target_accuracy = -1;  // classification: test accuracy
  double target_loss = -1;    // training loss
  bool stop_at_target = true;
  double loss_min = 0;        // L*, the loss floor the matched rule measures from
  long long eval_every = 0;   // test metric every this many steps; 0 = steps / 200
  long long split_every = 1;  // minibatch runs: the drive/noise heat split on every k-th step
  double dt() const { return time / static_cast<double>(steps); }
  bool has_target() const { return target_error >= 0 || target_accuracy >= 0 || target_loss >= 0; }
};

}  // namespace limen::learn
