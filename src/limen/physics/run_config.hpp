#pragma once
// The [run] table of a simulate config, and the engine objects it describes (issue 3 schema;
// the keys beyond it are documented in README.md, "The physics engine").
#include <cstdint>
#include <string>

#include "limen/io/config.hpp"
#include "limen/physics/ensemble.hpp"

namespace limen::physics {

struct RunSpec {
  std::string method = "langevin";  // or "fokker-planck"
  long long particles = 0;
  long steps = 0;
  double duration = 0;
  Dynamics dynamics;                // dt, mobility, kT, integrator, seed
  double temperature_K = 300;
  int threads = 0;
  int histogram_bins = 40;
  long long cells = 2000;           // Fokker-Planck grid (starting cells)
  long long max_cells = 0;          // Fokker-Planck: the most cells the following grid may reach
  double time_tolerance = 1e-3;     // Fokker-Planck: refuse when the step-doubling work error exceeds
                                    // time_tolerance x max(|W|, kT)
  double curvature = 0;             // max |U''| (curvature_bound)
};

// Reads [run], [potential], [protocol]; checks dt * mu * max curvature <= 0.5; finish_all().
struct Setup {
  RunSpec run;
  Potential potential;
  Protocol protocol;
};
Setup read_setup(const Config& root);

}  // namespace limen::physics
