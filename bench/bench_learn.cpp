// Speed of the learning part (reported, never asserted): one Euler-Maruyama step of the
// physical-memory optimizer per parameter, the exact moment ODE, softmax on digits.
#include <benchmark/benchmark.h>

#include "limen/learn/data.hpp"
#include "limen/learn/moments.hpp"
#include "limen/learn/setup.hpp"
#include "limen/learn/training.hpp"

using namespace limen::learn;

static TrainSetup quadratic(long long n, long long steps, ScheduleKind kind) {
  TrainSetup s = theory_reference_setup(n, kind);
  s.run.steps = steps;
  s.run.stop_at_target = false;  // the full run, whatever it reaches
  return s;
}

// Parameter-steps per second of the simulated memory (quadratic loss, matched schedule).
static void BM_QuadraticSteps(benchmark::State& state) {
  const long long n = state.range(0);
  TrainSetup s = quadratic(n, 1000, ScheduleKind::matched);
  const Schedule sched(s.schedule, s.memory, s.run.eta, s.run.time, n);
  for (auto _ : state) {
    ReplicaInput in{s.model.get(), &sched, s.memory, s.run, s.init_mean, s.init_sd, 0, false, {}};
    benchmark::DoNotOptimize(train_replica(in).heat_kT);
  }
  state.SetItemsProcessed(state.iterations() * n * 1000);
}
BENCHMARK(BM_QuadraticSteps)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

// The exact moment ODE of the THEORY §5 reference run (matched, to MSE 0.25).
static void BM_MomentOde(benchmark::State& state) {
  TrainSetup s = quadratic(1000, 10000, ScheduleKind::matched);
  s.run.target_error = 0.25;
  s.run.stop_at_target = true;
  const Schedule sched(s.schedule, s.memory, s.run.eta, s.run.time, 1000);
  for (auto _ : state)
    benchmark::DoNotOptimize(integrate_moments(*s.model->quadratic_groups(), 128, 10, sched, s.memory, s.run).heat_kT);
}
BENCHMARK(BM_MomentOde)->Unit(benchmark::kMillisecond);

// Softmax on digits: steps per second of one replica (batch 128, full-loss heat split every step).
static void BM_DigitsSoftmaxSteps(benchmark::State& state) {
  Split d = split_dataset(load_digits(), 0.2, 1998);
  normalize(d, "max");
  TrainSetup s;
  s.model = make_softmax(d);
  s.init_sd = 0.5;
  s.memory.level = 1.0 / 64;
  s.run.eta = 1;
  s.run.time = 10;
  s.run.steps = 200;
  s.run.batch = 128;
  s.run.eval_every = 50;
  const Schedule sched(s.schedule, s.memory, s.run.eta, s.run.time, s.model->size());
  for (auto _ : state) {
    ReplicaInput in{s.model.get(), &sched, s.memory, s.run, 0, 0.5, 0, false, {}};
    benchmark::DoNotOptimize(train_replica(in).heat_kT);
  }
  state.SetItemsProcessed(state.iterations() * 200);
}
BENCHMARK(BM_DigitsSoftmaxSteps)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
