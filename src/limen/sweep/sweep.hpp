#pragma once
// `limen sweep STUDY.toml`: computes every point of a study across threads and MPI ranks,
// journaling each finished point, and writes DIR/results.csv and DIR/results.json in point order.
#include <string>

#include "limen/sweep/ranks.hpp"
#include "limen/sweep/study.hpp"

namespace limen::sweep {

struct SweepOptions {
  std::string output_dir;   // "" = sweep-<study name>
  int threads = -1;         // points at once per rank; -1 = the study's choice, 0 = all cores
  bool restart = false;     // discard a previous run's results in the output directory
};

struct SweepSummary {
  std::size_t points = 0, resumed = 0, computed = 0, failed = 0;
  bool complete = false;
  double seconds = 0;       // wall time of this run (never written to the result files)
  int ranks = 1, threads = 1;
  std::string csv_path, json_path;
};

// Every rank calls it; rank 0 writes the files and returns the summary (the other ranks return
// theirs). InputError on bad input (the same on every rank); a fatal error on one rank aborts all.
SweepSummary run_sweep(const Study& study, const SweepOptions& options, const Ranks& ranks);

std::string default_output_dir(const Study& study);

}  // namespace limen::sweep
