// The learning kernel (learn/memory_optimizer) and the physics engine (physics::Integrator) agree
// on the energetics of the same process: a static-barrier quadratic parameter is a harmonic
// particle of stiffness kappa lambda (centre w*), whose drive is switched on at t = 0 from the
// initial density N(m_0, sigma^2) (the equilibrium of stiffness kT / sigma^2 at m_0).
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "limen/learn/training.hpp"
#include "limen/physics/ensemble.hpp"
#include "limen/physics/mobility.hpp"

using namespace limen;

TEST(EngineAgreement, StaticQuadraticHeatMatchesPhysicsIntegrator) {
  const long long n = 4000;
  const double m0 = 128, sd = 10, mu = 1000 * physics::mobility_ratio(5), eta = 1, time = 3;
  const long steps = 3000;

  learn::TrainSetup s;
  s.model = learn::make_quadratic(n, {1.0}, {0.0});
  s.init_mean = m0;
  s.init_sd = sd;
  s.run.eta = eta;
  s.run.time = time;
  s.run.steps = steps;
  s.run.stop_at_target = false;
  s.schedule.kind = learn::ScheduleKind::fixed;
  s.schedule.barrier = 5;
  const learn::TrainResult r = learn::run_training(s, {1, false, false});

  physics::Potential pot;
  pot.add(physics::TermKind::harmonic, "", {1 / (sd * sd), m0});
  physics::Protocol proto(pot);
  proto.set(pot.index("stiffness"), {{0, 0}, {1 / (sd * sd), eta / mu}});
  proto.set(pot.index("center"), {{0, 0}, {m0, 0}});
  physics::Dynamics dyn;
  dyn.dt = time / steps;
  dyn.mobility = mu;
  dyn.seed = 3;
  const physics::Integrator integ(pot, proto, dyn);
  physics::Ensemble e = integ.start(static_cast<size_t>(n));
  integ.advance(e, steps, 1);
  const double heat_engine = std::accumulate(e.heat.begin(), e.heat.end(), 0.0);

  EXPECT_NEAR(r.heat_kT / heat_engine, 1.0, 0.015);
  EXPECT_NEAR(heat_engine / r.exact->heat_kT, 1.0, 0.015);
}
