#include "limen/workload/workload.hpp"

#include <fmt/format.h>

#include <cmath>

#include "limen/units/error.hpp"

namespace limen {

Workload resolve(const WorkloadSpec& s) {
  if (!s.params) throw InputError("--params: the number of trained parameters is required (or use --model NAME)");
  if (!s.tokens) throw InputError("--tokens: the number of training samples is required with --params");
  Workload w;
  w.name = s.name;
  w.params = *s.params;
  w.tokens = *s.tokens;
  if (s.bits) w.bits = *s.bits;
  if (s.batch) w.batch = *s.batch;
  if (s.train_time_s) w.train_time_s = *s.train_time_s;
  if (s.parallel) w.parallel = *s.parallel;
  if (s.flops) {
    // At least one operation per parameter per sample, as the catalog requires (THEORY section 2).
    if (*s.flops < w.params * w.tokens)
      throw InputError(fmt::format("--flops: F = {:g} is below N D = {:g} (at least one operation per parameter per "
                                   "sample); expected F in [N D, 1e80]", *s.flops, w.params * w.tokens));
    w.flops = *s.flops;
    w.flops_per_param_token = w.flops / (w.params * w.tokens);
  } else {
    if (s.flops_per_param_token) w.flops_per_param_token = *s.flops_per_param_token;
    w.flops = w.flops_per_param_token * w.params * w.tokens;
  }
  if (w.batch > w.tokens)
    throw InputError(fmt::format("--batch: B = {:g} samples per update exceeds the D = {:g} training samples (--tokens); "
                                 "expected B in [1, D]", w.batch, w.tokens));
  w.steps = std::ceil(w.tokens / w.batch);
  w.update_ops = w.params * w.steps;
  if (!std::isfinite(w.flops) || !std::isfinite(w.update_ops))
    throw InputError(fmt::format("--params/--tokens: the workload overflows (F = {:g}, OPS = {:g})", w.flops, w.update_ops));
  return w;
}

}  // namespace limen
