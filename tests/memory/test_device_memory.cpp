// Device memories (memory/device.cpp, README "Device memories"): the ideal device is plain
// minibatch SGD to the last bit; pulses follow the linear-step response in closed form; stochastic
// rounding is unbiased; the energy is pulses and reads at the catalog's figures; bad configs refuse.
#include <gtest/gtest.h>

#include <cmath>

#include "limen/io/config.hpp"
#include "limen/learn/memory_optimizer.hpp"
#include "limen/learn/setup.hpp"
#include "limen/learn/training.hpp"
#include "limen/memory/memory.hpp"
#include "limen/physics/philox.hpp"
#include "limen/units/error.hpp"

using namespace limen;
using namespace limen::learn;

namespace {

TrainSetup digits_setup(const std::string& device, const std::string& extra = "") {
  const std::string text = "[memory]\nmodel = \"device\"\ndevice = \"" + device + "\"\n" + extra +
                           "[model]\nkind = \"softmax\"\n[data]\nsource = \"digits\"\n"
                           "[train]\neta = 20\ntime = 1\nsteps = 60\nbatch = 32\nseed = 5\nreplicas = 2\n";
  return read_train_setup(Config::parse(text, "device_test.toml"));
}

// The minibatch sequence the trainer documents (memory_optimizer.hpp): B draws with replacement,
// Philox stream 2, id (replica << 40) + j / 4, counter = step.
std::vector<int> batch_of(long long size, long long n, uint64_t seed, int replica, long long step) {
  std::vector<int> b(static_cast<size_t>(size));
  for (long long j = 0; j < size; ++j) {
    const auto u = physics::uniforms4(seed, (static_cast<uint64_t>(replica) << 40) + static_cast<uint64_t>(j / 4),
                                      static_cast<uint64_t>(step), 2);
    b[static_cast<size_t>(j)] = static_cast<int>(std::min<long long>(n - 1, static_cast<long long>(u[j % 4] * n)));
  }
  return b;
}

memory::MemorySpec linear_device(double dw_min, double gamma, double w_max) {
  memory::MemorySpec s;
  s.model = memory::Model::device;
  s.device.name = "test";
  s.device.ideal = false;
  s.device.analog = true;
  s.device.dw_min = dw_min;
  s.device.w_min = -w_max;
  s.device.w_max = w_max;
  s.device.gamma_up = s.device.gamma_down = gamma;
  s.device.write_J = 1e-15;
  return s;
}

}  // namespace

TEST(DeviceMemory, IdealIsPlainMinibatchSgd) {
  const TrainSetup s = digits_setup("ideal");
  const Schedule sched(s.schedule, s.memory, s.run.eta, s.run.time, s.model->size());
  const ReplicaResult r = train_replica({s.model.get(), &sched, s.memory, s.run, s.init_mean, s.init_sd, 1, false, {}});
  ASSERT_EQ(r.steps, 60);
  // w_{n+1} = w_n - (eta dt) grad L_B(w_n), correctly rounded (as torch.optim.SGD's fused add), from
  // the same initial parameters and minibatches.
  Vec w = r.w0, g(w.size());
  const double lr = s.run.eta * s.run.dt();
  for (long long n = 0; n < 60; ++n) {
    s.model->loss(w, batch_of(32, s.model->train_size(), 5, 1, n), &g);
    for (long long i = 0; i < w.size(); ++i) w[i] = std::fma(-lr, g[i], w[i]);
  }
  ASSERT_EQ(w.size(), r.w.size());
  for (long long i = 0; i < w.size(); ++i) ASSERT_EQ(w[i], r.w[i]) << i;
  EXPECT_EQ(r.device_J, 0);
  EXPECT_GT((r.w - r.w0).norm(), 0.1);  // it did learn
}

TEST(DeviceMemory, SoftBoundPulsesFollowTheirClosedForm) {
  // gamma = 1 (soft bounds), no noise: n pulses up from 0 give w_max (1 - (1 - dw/w_max)^n). The
  // update asks for exactly 5 nominal steps (1.25 / 0.25, exact in binary).
  const memory::MemorySpec spec = linear_device(0.25, 1.0, 2.0);
  const auto mem = memory::make_memory(spec, {1, 2}, 9);
  std::vector<double> w{0.0, 0.0}, grad{-1.0, 1.0};
  memory::Ledger l;
  mem->hold(w, l);
  mem->move(w, grad, 1.25, {}, 0, 1.0, l);
  const double up = 2.0 * (1 - std::pow(1 - 0.25 / 2.0, 5));
  EXPECT_NEAR(w[0], up, 1e-15);
  EXPECT_NEAR(w[1], -up, 1e-15);
  EXPECT_EQ(l.pulses, 10);
  EXPECT_NEAR(l.device_write_J, 10 * 1e-15, 1e-30);
}

TEST(DeviceMemory, StochasticRoundingIsUnbiased) {
  // A linear (gamma = 0) noiseless device asked for 2.3 steps of 0.01: every cell moves 2 or 3
  // steps, 3 with probability 0.3; the mean move is the asked update within 4 standard errors.
  const memory::MemorySpec spec = linear_device(0.01, 0.0, 10.0);
  const size_t n = 20000;
  std::vector<uint64_t> ids(n);
  for (size_t i = 0; i < n; ++i) ids[i] = i;
  const auto mem = memory::make_memory(spec, ids, 3);
  std::vector<double> w(n, 0.0), grad(n, -1.0);
  memory::Ledger l;
  mem->move(w, grad, 0.023, {}, 7, 1.0, l);
  double mean = 0;
  for (double x : w) {
    const double steps = x / 0.01;
    ASSERT_TRUE(std::abs(steps - 2) < 1e-9 || std::abs(steps - 3) < 1e-9) << steps;
    mean += x / n;
  }
  const double se = 0.01 * std::sqrt(0.3 * 0.7 / n);
  EXPECT_NEAR(mean, 0.023, 4 * se);
  EXPECT_NEAR(l.pulses / n, 2.3, 4 * std::sqrt(0.21 / n));
}

TEST(DeviceMemory, RramEnergyIsPulsesAndReadsAtCatalogFigures) {
  const TrainSetup s = digits_setup("rram");
  const TrainResult r = run_training(s, {1, false, false});
  const Json j = train_summary(s, r);
  const auto& rep = r.replicas[0];
  EXPECT_GT(rep.device_pulses, 0);
  // 1 pJ per pulse, 12.5 fJ per cell read, 2 B = 64 reads per parameter per step.
  EXPECT_NEAR(rep.device_J, rep.device_pulses * 1e-12 + rep.device_reads * 1.25e-14, 1e-9 * rep.device_J);
  EXPECT_DOUBLE_EQ(rep.device_reads, 64.0 * 60 * static_cast<double>(s.model->size()));
  ASSERT_TRUE(j.contains("device"));
  // The device pays more than the bound of the same densities (THEORY 5.6), whatever its sign.
  EXPECT_GT(j["device"]["energy_J"].get<double>(), j["device"]["bound_J"].get<double>());
  if (j["device"]["bound_J"].get<double>() > 0) EXPECT_GT(j["device"]["energy_over_bound"].get<double>(), 1);
  else EXPECT_TRUE(j["device"].contains("bound_note"));
  EXPECT_GT(j["device"]["test_accuracy"].get<double>(), 0.3);
}

TEST(DeviceMemory, RefusesWhatItCannotSimulate) {
  // pcm was refused here (no bidirectional response) until the one-sided pair: it now trains
  // (test_device_pair.cpp, DevicePair.PcmTrainsOnTheDigits); an analog entry without a response is
  // still refused (DevicePair.AnAnalogEntryWithoutResponseIsStillRefused).
  EXPECT_NO_THROW(digits_setup("pcm"));
  EXPECT_THROW(digits_setup("rram", "weight_scale = -1\n"), InputError);
  EXPECT_THROW(digits_setup("rrma"), InputError);
  EXPECT_THROW(read_train_setup(Config::parse("[memory]\ndevice = \"rram\"\n[model]\nkind = \"quadratic\"\n[train]\neta = 1\ntime = 1\n",
                                              "x.toml")),
               InputError);
}
