#pragma once
// The energy-speed trade-off (THEORY §5): the same training at several total times T, with the
// learning rate scaled as eta(T) = eta_config * time_config / T so that every run follows the same
// path in the scaled time eta t; schedule parameters given in time (switching period, curve
// times) scale with T too.
//
// Each run is simulated in the config's own time unit: rescaling time by f = T / time_config turns
// (eta/f, mu, time T) into (eta, f mu, time time_config) exactly (dw = -mu kappa grad L dt +
// sqrt(2 mu kT) dW with t = f t'), the drive kappa and every energy unchanged. So a point is the
// config's run with the barrier-free mobility mu_0 multiplied by f; where mu_0 no longer limits,
// the matched runs are then the same computation and their heats are equal to the last bit.
#include <string>
#include <vector>

#include "limen/learn/setup.hpp"

namespace limen::learn {

// The setup for a total time T and a schedule kind, in the config's time unit (see above): times
// it reports are multiplied by time_scale(base, T) = T / time_config.
TrainSetup scaled_setup(const TrainSetup& base, double time, ScheduleKind kind);
inline double time_scale(const TrainSetup& base, double time) { return time / base.run.time; }

// The default time range: from 1/30 of the time T_c at which the matched rule first asks for more
// than the barrier-free mobility mu_0 (fast: mu_0 limits) to 100 T_c (slow: heat on its plateau).
void default_time_range(const TrainSetup& base, double& start, double& stop);

}  // namespace limen::learn
