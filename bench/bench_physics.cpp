// Speed of the physics engine (issue 3), measured, never asserted:
//   Roofline        - only the Gaussian numbers the step consumes (Philox + Box-Muller), per number
//   EnsembleStep    - the full double-well Euler-Maruyama step with work/heat bookkeeping, 1 and 2 threads
//   EnsembleStepBare- the same without energetics (positions only)
//   ReferenceStep   - the plain scalar reference stepper (one particle, one step at a time)
// items_per_second is particle-steps (or normals) per second.
#include <benchmark/benchmark.h>

#include <thread>
#include <vector>

#include "limen/physics/ensemble.hpp"
#include "limen/physics/noise.hpp"

using namespace limen::physics;

namespace {
constexpr size_t kParticles = 1 << 20;

Integrator double_well(bool energetics) {
  Potential p;
  p.add(TermKind::double_well, "", {5.0, 1.0, 0.0, 0.0});
  Dynamics d;
  d.dt = 1e-3;
  d.seed = 1;
  d.energetics = energetics;
  return Integrator(p, Protocol(p), d);
}

// Normals per second for `threads` threads, each filling blocks for its own particles.
void Roofline(benchmark::State& st) {
  const int threads = static_cast<int>(st.range(0));
  const size_t n = 256, per_thread = kParticles / static_cast<size_t>(threads);
  std::vector<std::vector<uint64_t>> ids(threads, std::vector<uint64_t>(n));
  std::vector<std::vector<double>> z(threads, std::vector<double>(4 * n));
  for (int t = 0; t < threads; ++t)
    for (size_t i = 0; i < n; ++i) ids[t][i] = t * per_thread + i;
  const uint64_t blocks = per_thread / n * 4;  // 4 blocks of 4 normals = 16 steps' worth per particle
  for (auto _ : st) {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        for (uint64_t b = 0; b < blocks; ++b) {
          fill_normals_roofline(1, ids[t].data(), n, b, z[t].data());
          benchmark::DoNotOptimize(z[t].data());
        }
      });
    for (auto& th : pool) th.join();
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations()) * threads * static_cast<int64_t>(blocks * 4 * n));
}
BENCHMARK(Roofline)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

void EnsembleStep(benchmark::State& st) {
  const Integrator integ = double_well(st.range(1) != 0);
  Ensemble e = integ.start(kParticles);
  const long steps = 16;
  for (auto _ : st) {
    integ.advance(e, steps, static_cast<int>(st.range(0)));
    benchmark::DoNotOptimize(e.x.data());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations()) * steps * static_cast<int64_t>(kParticles));
}
BENCHMARK(EnsembleStep)
    ->ArgNames({"threads", "energetics"})
    ->Args({1, 1})
    ->Args({2, 1})
    ->Args({1, 0})
    ->Args({2, 0})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void ReferenceStep(benchmark::State& st) {
  const Integrator integ = double_well(true);
  Ensemble e = integ.start(kParticles / 16);
  const long steps = 16;
  for (auto _ : st) {
    integ.advance_reference(e, steps);
    benchmark::DoNotOptimize(e.x.data());
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations()) * steps * static_cast<int64_t>(e.size()));
}
BENCHMARK(ReferenceStep)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
