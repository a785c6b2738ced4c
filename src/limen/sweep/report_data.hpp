#pragma once
// What `limen report` plots, gathered with the library functions behind the CLI commands (project,
// validate, train, tradeoff, sweep results) into one JSON document; python/limen/report.py draws
// it with matplotlib and writes the HTML page.
#include <string>
#include <utility>
#include <vector>

#include "limen/io/output.hpp"

namespace limen::sweep {

struct ReportOptions {
  std::string model = "brain-scale";                          // catalog workload of the ladder
  std::vector<std::pair<std::string, std::string>> flags;    // extra `limen project` flags
  std::string validation = "quick";                          // quick | full | none | FILE.json (saved `limen validate --format json`)
  std::string train;                                         // train config (TOML) to run, or a steps CSV of `limen train`
  std::string tradeoff;                                      // tradeoff config (TOML) to run, or a saved `limen tradeoff --format json`
  std::string study;                                         // a sweep's output directory (its results.json), or a study file to run
  std::string cnn;                                           // examples/torch/cnn_devices.py's output directory, or its cnn_devices.json
  std::string output_dir;                                    // where a training run's steps CSV is written
  int threads = 0;
};

// {"model", "flags", "ladder", "size", "catalog", "time", "validation"?, "tradeoff"?, "train"?, "study"?, "cnn"?}
Json report_data(const ReportOptions& options);

}  // namespace limen::sweep
