#include "limen/learn/tradeoff.hpp"

#include <cmath>

namespace limen::learn {

TrainSetup scaled_setup(const TrainSetup& base, double time, ScheduleKind kind) {
  TrainSetup s = base;
  s.memory.mobility0 = base.memory.mobility0 * time_scale(base, time);
  s.memory.substep = base.memory.substep / time_scale(base, time);  // the resolved memory's sub-step, rescaled alike
  s.schedule.kind = kind;
  return s;
}

void default_time_range(const TrainSetup& base, double& start, double& stop) {
  // Initial excess loss E_0 over L*: exact for the quadratic, at the initial mean otherwise.
  double e0 = 0;
  if (const auto* groups = base.model->quadratic_groups()) {
    for (const auto& g : *groups) {
      const double d = base.init_mean * g.mean_scale - g.optimum;
      e0 += g.count * g.curvature * (d * d + base.init_sd * base.init_sd) / 2;
    }
    e0 += base.model->quadratic_floor() - base.run.loss_min;
  } else {
    e0 = base.model->loss(Vec::Constant(base.model->size(), base.init_mean), {}, nullptr) - base.run.loss_min;
  }
  const double rho = base.schedule.rho, n = static_cast<double>(base.model->size());
  double tc = base.run.time;
  if (e0 > 0) {
    // The matched rule (THEORY §5) asks mu = 2 rho eta E_0 / ((1 + rho) N kT) at the start; it
    // reaches mu_0 at eta_c, i.e. at total time T_c = time * eta / eta_c.
    const double eta_c = base.memory.mobility0_model() * (1 + rho) * n / (2 * rho * e0);
    tc = base.run.time * base.run.eta / eta_c;
  }
  start = tc / 30;
  stop = tc * 100;
}

}  // namespace limen::learn
