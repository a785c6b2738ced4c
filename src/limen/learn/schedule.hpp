#pragma once
// Barrier schedules (THEORY §5): what the controller sets at every instant of training, the
// barrier E_b(t) (hence the mobility mu = mu_eff(E_b), THEORY §3.5) and the drive kappa, with
// eta = mu * kappa the learning rate whenever the drive is on. The same object drives the
// Langevin simulation and the exact moment ODEs, so the two compare like with like.
#include <string>

#include "limen/learn/spec.hpp"

namespace limen::learn {

struct Control {
  double barrier_kT;  // E_b
  double mobility;    // mu, model units^2 / (kT time)
  double drive;       // kappa (kT per unit loss); 0 while a switched memory holds
};

class Schedule {
 public:
  // n_params: N of the model; eta: learning rate of the run.
  Schedule(ScheduleSpec spec, MemorySpec memory, double eta, double run_time, long long n_params);

  // The control over a step or ODE segment around time t. `average_loss` is the controller's
  // running average of the observed loss (used only by `matched`).
  Control at(double t, double average_loss, double loss_min) const;

  bool uses_average() const { return spec_.kind == ScheduleKind::matched; }
  // Times in (0, end) where the control jumps (switched windows), for the ODE integrator.
  std::vector<double> jumps(double end) const;
  const ScheduleSpec& spec() const { return spec_; }
  double period() const { return period_; }
  double eta() const { return eta_; }

  // Control from a barrier with the drive that keeps eta = mu * kappa (THEORY §5).
  Control from_barrier(double barrier_kT) const;
  // Control from a mobility (clamped to [mu(max barrier), mu_0]) with eta = mu * kappa.
  Control from_mobility(double mobility) const;

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
