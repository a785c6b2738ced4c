#pragma once
// Computes one point of a study with the same library function the CLI command calls
// (project_json, physics::simulate, learn::train, learn::tradeoff), so a sweep's numbers are the
// CLI's numbers.
#include "limen/io/output.hpp"
#include "limen/sweep/ranks.hpp"
#include "limen/sweep/study.hpp"

namespace limen::sweep {

// The JSON document the study's command prints for this point (`--format json`).
// InputError: the point is bad input (the sweep stops); RunError: the point cannot be computed
// (the sweep records the message for that point and goes on).
// `inner_threads` is what the engine may use for this one point (its ensemble or replicas); the
// engines give the same numbers for any thread count.
// With `split` (simulate studies, split = "ensembles"), every rank calls it for the same point and
// the ensemble is split across the ranks (simulate_distributed): rank 0 gets the document.
Json evaluate(const Study& study, const Point& point, int inner_threads = 1, const Ranks* split = nullptr);

// The config document of a point of a simulate/train/tradeoff study: the base with the point's
// dotted keys set and, if the study names a seed_key, the point's seed. As TOML text.
std::string point_config_text(const Study& study, const Point& point);

// A JSON document (objects as tables) as TOML text, for Config::parse (Python dicts, sweeps).
std::string toml_text(const Json& doc);

// Checks the study's keys before any point runs (project: flag names, with a suggestion).
void check_keys(const Study& study);

}  // namespace limen::sweep
