// Speed of the bounds engine: one "workload evaluation" = resolve a workload and evaluate the
// full default ladder (5 physics-floor paradigms, every process node, every accelerator).
// Target (issue 2): >= 1e6 evaluations per second per core, so that sweeps are cheap.
#include <benchmark/benchmark.h>

#include "limen/bounds/paradigm.hpp"
#include "limen/bounds/project.hpp"

using namespace limen;

namespace {

std::vector<std::unique_ptr<Paradigm>> full_ladder(const Catalog& c) {
  std::vector<std::unique_ptr<Paradigm>> ladder;
  for (const auto& n : physics_paradigm_names()) ladder.push_back(make_paradigm(n, c));
  for (const auto& n : c.node_names()) ladder.push_back(make_paradigm("tech:" + n, c));
  for (const auto& n : c.chip_names()) ladder.push_back(make_paradigm("hw:" + n, c));
  return ladder;
}

void BM_LadderEvaluation(benchmark::State& state) {
  const Catalog c = Catalog::builtin();
  const auto ladder = full_ladder(c);
  WorkloadSpec spec = c.model("brain-scale").spec;
  const Device d;
  double params = 1e15;
  for (auto _ : state) {
    spec.params = params;  // a new workload each time, as in a sweep over N
    params = params == 1e15 ? 2e15 : 1e15;
    const Workload w = resolve(spec);
    double sum = 0;
    for (const auto& p : ladder) sum += p->energy(w, d).total_J();
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["paradigms"] = static_cast<double>(ladder.size());
}
BENCHMARK(BM_LadderEvaluation);

// The whole `limen project --format json` document (catalog load, JSON, assumptions): what one
// CLI or Python call costs.
void BM_ProjectJson(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(project_json({}));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ProjectJson)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
