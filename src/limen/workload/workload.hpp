#pragma once
// A training workload (THEORY.md section 2): what is trained, on how much data, how often it is
// updated, at what precision and in how much time. Paradigms turn it into energy.
#include <optional>
#include <string>

namespace limen {

struct Workload {
  std::string name = "custom";
  double params = 0;                 // N, trained parameters
  double tokens = 0;                 // D, training samples
  double flops_per_param_token = 6;  // c (2 forward + 4 backward for dense nets)
  double flops = 0;                  // F = c N D, or given directly
  double batch = 1;                  // B, samples per update (1 = online learning)
  double steps = 0;                  // M = ceil(D / B)
  double update_ops = 0;             // OPS = N M, parameter-update operations
  int bits = 32;                     // b, precision of a stored parameter
  double train_time_s = 30 * 86400;  // T_train
  double parallel = 0;               // P; 0 = the paradigm's default (N for lim/cim)
};

// What a user or catalog says about a workload; resolve() fills in the derived symbols.
struct WorkloadSpec {
  std::string name = "custom";
  std::optional<double> params, tokens, flops, flops_per_param_token, batch, train_time_s, parallel;
  std::optional<int> bits;
};

// Derives F, M and OPS (THEORY §2): F = c N D unless F is given (then c = F / (N D)),
// M = ceil(D / B), OPS = N M. Throws InputError naming the missing or bad quantity.
Workload resolve(const WorkloadSpec& spec);

// P for the paradigms that compute in memory: one unit per parameter unless the user set P.
inline double parallel_units_in_memory(const Workload& w) { return w.parallel > 0 ? w.parallel : w.params; }

}  // namespace limen
