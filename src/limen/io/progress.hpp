#pragma once
// A progress bar on stderr for long commands. It shows only when stderr is a terminal, the user
// did not pass --quiet, and the run has lasted over two seconds; otherwise it prints nothing.
#include <chrono>
#include <string>

namespace limen {

class Progress {
 public:
  Progress(std::string label, double total, bool enabled = true);
  ~Progress();
  // Reports that `done` of `total` units are complete; `status` is shown after the bar
  // ("loss 0.12  heat 3.4e5 kT"). Cheap to call often: it redraws at most ten times a second.
  void update(double done, const std::string& status = "");
  void finish();  // clears the line

  // Global switch set by --quiet (and off when stderr is not a terminal).
  static void set_quiet(bool quiet);
  static bool terminal();

 private:
  std::string label_;
  double total_;
  bool enabled_, drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace limen
