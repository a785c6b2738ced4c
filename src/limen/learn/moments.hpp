#pragma once
// Ground truth for quadratic losses (THEORY §5, last item): for L = sum_i lambda_i (w_i - w_i*)^2 / 2
// the mean m_i and variance v_i of every parameter obey closed linear ODEs,
//   dm/dt = -mu kappa lambda (m - w*),  dv/dt = -2 mu kappa lambda v + 2 mu kT,
// and the mean heat rate is sum_i [mu kappa^2 lambda_i^2 ((m_i - w_i*)^2 + v_i) - mu kT kappa lambda_i].
// Integrated adaptively (Dormand-Prince) under the same Schedule as the simulation, including the
// matched controller's running average of the observed loss, they give the exact expected heat
// of a run that stays in linear response (THEORY §5.5: mu = mu_eff(E_b), kappa = rate / mu), plus
// the barrier's work along the schedule's E_b(t) with the wells in equilibrium.
#include <vector>

#include "limen/learn/bound.hpp"
#include "limen/learn/schedule.hpp"
#include "limen/learn/spec.hpp"

namespace limen::learn {

// One direction (or a set of `count` equal ones) of a quadratic loss: curvature lambda, optimum w*,
// and the initial mean in this direction as a multiple of init_mean (1 for the parameters
// themselves; for an eigenvector q of a general Hessian, sum_i q_i, since the initial density is
// isotropic: N(init_mean, init_spread^2) on every parameter).
struct QuadraticGroup {
  double curvature, optimum;
  long long count;  // directions sharing (curvature, optimum)
  double mean_scale = 1;
};

struct MomentResult {
  double heat_kT = 0;          // drive + barrier
  double heat_drive_kT = 0;    // the moment ODEs' heat rate, integrated
  double heat_barrier_kT = 0;  // the barrier's work over the run (quasi-static stretches, jumps; §5.3 at F = 0)
  double time = 0;           // when it stopped (target reached) or the time limit
  bool reached_target = false;
  double mean_sq_error = 0;  // mean over parameters of (m - w*)^2 + v at the end
  double final_loss = 0;     // expected loss at the end
  Bound bound;               // THEORY §5 bound from the exact initial and final Gaussians
};

MomentResult integrate_moments(const std::vector<QuadraticGroup>& groups, double init_mean, double init_sd,
                               const Schedule& schedule, const MemorySpec& memory, const RunSpec& run,
                               double loss_floor = 0);  // the loss at the optimum

}  // namespace limen::learn
