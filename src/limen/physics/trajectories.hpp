#pragma once
// The per-particle results of a Langevin run (`limen simulate --trajectories FILE`), streamed to
// the file in blocks of about 1 MiB instead of one string of the whole table (issue 12).
#include <string>
#include <vector>

#include "limen/physics/ensemble.hpp"

namespace limen::physics {

// CSV columns id,x0,x,work_kT,heat_kT,delta_U_kT (17 significant digits); path "-" is stdout.
// Throws InputError naming --trajectories when the file cannot be written.
void write_trajectories_csv(const Ensemble& e, const std::vector<double>& delta_U, double kT, const std::string& path);

}  // namespace limen::physics
