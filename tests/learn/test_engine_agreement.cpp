// The learning kernel (learn/memory_optimizer) and the physics engine (physics::Integrator) agree
// on the energetics of the same process: a static-barrier quadratic parameter is a harmonic
// particle of stiffness kappa lambda (centre w*), whose drive is switched on at t = 0 from the
// initial density N(m_0, sigma^2) (the equilibrium of stiffness kT / sigma^2 at m_0). The
// linear-response memory (THEORY §5.5) is exactly that particle with mobility mu_eff(E_b); the
// levels are fine (1/64 model unit, mu_0 in model units unchanged) so that the run stays in linear
// response and has its moment-ODE heat. The barrier's own heat (the jumps from and back to
// retention) is not the harmonic particle's: the drive's part is compared.
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
  s.memory.model = memory::Model::linear_response;
  s.memory.level = 1.0 / 64;
  s.memory.mobility0 = 1000.0 * 64 * 64;
  s.memory.bits = 15;
  s.memory.offset = -128;  // walls at -128 and 384
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

  const double drive = r.heat_kT - r.replicas[0].heat_barrier_kT;
  EXPECT_NEAR(drive / heat_engine, 1.0, 0.015);
  ASSERT_TRUE(r.exact.has_value()) << r.exact_reason;
  EXPECT_NEAR(heat_engine / r.exact->heat_drive_kT, 1.0, 0.015);
}
