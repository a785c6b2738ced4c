#pragma once
// The learning rows of `limen validate` (THEORY §7), one CheckResult per case, ids `name@case`.
#include <functional>
#include <vector>

#include "limen/learn/setup.hpp"
#include "limen/memory/spec.hpp"
#include "limen/physics/api.hpp"
#include "limen/physics/tilted_transport.hpp"

namespace limen::learn {

// THEORY §5.5's linear-response variant of the reference run: levels of 1/level_divisions model
// unit (512 in lim-quadratic: max beta F l 0.14), mu_0 = 1000 model units^2 / (kT time), walls at -64 and 192; static at E_b = 6 kT.
TrainSetup linear_reference_setup(long long n, ScheduleKind kind, int level_divisions);
// The scaled-down setup of learn-coarse-vs-resolved (documented in checks.cpp).
TrainSetup coarse_vs_resolved_setup(ScheduleKind kind, memory::Model model, int replicas);

std::vector<physics::CheckResult> lim_quadratic_checks(physics::Level level);
std::vector<physics::CheckResult> coarse_vs_resolved_checks(physics::Level level, int threads);
std::vector<physics::CheckResult> static_write_checks(physics::Level level, int threads);
std::vector<physics::CheckResult> tilted_transport_checks(physics::Level level, int threads);

// One case of each check (the functions above run every case of their level). `change` alters the
// simulated setup only, never the reference: empty in `limen validate`; the tests use it to watch
// each check fail (THEORY §7: a check must be able to fail).
using SetupChange = std::function<void(TrainSetup&)>;
physics::CheckResult lim_quadratic_case(ScheduleKind kind, physics::Level level, const SetupChange& change = {});
// `change` alters the resolved run (the reference is the resolved memory, the coarse one is checked).
std::vector<physics::CheckResult> coarse_vs_resolved_case(ScheduleKind kind, physics::Level level, int threads,
                                                          const SetupChange& change = {});
physics::CheckResult static_write_case(double barrier_kT, physics::Level level, int threads, const SetupChange& change = {});
struct TransportCase {
  double barrier, tilt;  // beta E_b, beta F l
  size_t particles;
  double time;           // measured time T (after a burn-in of T / 10)
  int blocks = 2;        // K: T / K several hopping times
};
std::vector<TransportCase> tilted_transport_cases(physics::Level level);
// The closed form a case is held against; empty: physics::tilted_transport with 8192 points.
using TransportTheory = std::function<physics::TiltedTransport(double tilt, double barrier)>;
std::vector<physics::CheckResult> tilted_transport_case(const TransportCase& c, int threads, const TransportTheory& theory = {});

}  // namespace limen::learn
