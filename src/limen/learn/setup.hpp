#pragma once
// A training run as read from a `limen train` config file (schema in README.md, "limen train"): the model
// with its data, the memory, the barrier schedule and the run.
#include <memory>
#include <string>

#include "limen/io/config.hpp"
#include "limen/learn/model.hpp"
#include "limen/learn/spec.hpp"

namespace limen::learn {

struct TrainSetup {
  std::shared_ptr<const Model> model;
  std::string data_source;  // "synthetic quadratic", "digits (UCI) ...", a path
  double init_mean = 0, init_sd = 0.01;
  MemorySpec memory;
  ScheduleSpec schedule;
  RunSpec run;
};

// Reads every table and rejects unknown keys (Config::finish_all); errors name file:line [table] key.
TrainSetup read_train_setup(const Config& config);

// THEORY §5's reference run: N parameters of a quadratic loss with lambda = 1 and optimum 0,
// starting at m_0 = 128 (b = 8 bits above it), sigma_init = 10; mu_0 = 1000, kT = 1, eta = 1, a time
// limit of 10, stopping at mean-square error 0.25 per parameter. The lim-quadratic check, the
// benchmarks and the tests start from it and change what they vary.
TrainSetup theory_reference_setup(long long n, ScheduleKind kind);

// A schedule kind from its name ("static", "switched", "matched", "curve").
ScheduleKind schedule_kind(const std::string& name, const std::string& where);

}  // namespace limen::learn
