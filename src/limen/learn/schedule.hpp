#pragma once
// Barrier schedules (THEORY §5.7): what the controller sets at every instant of training, the
// barrier E_b(t) and the rate at which the loss is to fall (the gradient-flow rate eta, eta / duty
// inside a switched window, 0 while the memory holds). The drive kappa that delivers that rate is
// the memory's answer (Lyapunov matching, THEORY §5.4; kappa = rate / mu_eff(E_b) in linear
// response). The same object drives the simulation and the exact moment ODEs.
#include <string>

#include "limen/learn/spec.hpp"

namespace limen::learn {

struct Setting {
  double barrier_kT;  // E_b
  double rate;        // the gradient-flow rate the drive must deliver; 0: drive off (the memory holds)
};

class Schedule {
 public:
  // n_params: N of the model; eta: learning rate of the run.
  Schedule(ScheduleSpec spec, MemorySpec memory, double eta, double run_time, long long n_params);

  // The setting over a step or ODE segment around time t. `average_loss` is the controller's
  // running average of the observed loss (used only by `matched`).
  Setting at(double t, double average_loss, double loss_min) const;

  bool uses_average() const { return spec_.kind == ScheduleKind::matched; }
  // Times in (0, end) where the control jumps (switched windows), for the ODE integrator.
  std::vector<double> jumps(double end) const;
  const ScheduleSpec& spec() const { return spec_; }
  double period() const { return period_; }
  double eta() const { return eta_; }

  // The highest barrier the schedule sets (the resolved memory's sub-step is chosen for it).
  double max_barrier() const;
  // The barrier whose Lifson-Jackson mobility is `mobility` (clamped to [mu(max barrier), mu_0]).
  double barrier_for_mobility(double mobility) const;

 private:
  ScheduleSpec spec_;
  MemorySpec memory_;
  double eta_, period_;
  long long n_;
};

// Parses a barrier curve file: CSV lines "t,E_b" (t ascending, E_b >= 0 kT); '#' comments and
// a header line allowed. Throws InputError naming `where` and the line.
std::vector<std::pair<double, double>> read_barrier_curve(const std::string& path, const std::string& where);

}  // namespace limen::learn
