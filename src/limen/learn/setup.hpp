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

// A schedule kind from its name ("static", "switched", "matched", "curve").
ScheduleKind schedule_kind(const std::string& name, const std::string& where);

}  // namespace limen::learn
