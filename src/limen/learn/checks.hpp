#pragma once
// The learning rows of `limen validate` (THEORY §7), one CheckResult per case, ids `name@case`.
#include <vector>

#include "limen/learn/setup.hpp"
#include "limen/memory/spec.hpp"
#include "limen/physics/api.hpp"

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

}  // namespace limen::learn
