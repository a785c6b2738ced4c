// Lyapunov matching of the drive (THEORY §5.4): kappa > 0 with
// sum_i |g_i| v(kappa |g_i|, E_b) = rate sum_i g_i^2, so that the loss falls at the gradient-flow
// rate; g = 0 gives kappa = rate / mu_eff(E_b); in linear response it is rate / mu_eff exactly.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <random>

#include "limen/memory/kinds.hpp"
#include "limen/memory/memory.hpp"
#include "limen/physics/mobility.hpp"
#include "limen/physics/tilted_transport.hpp"

using namespace limen;
using memory::MemorySpec;
using memory::Model;

namespace {
constexpr double kPi = 3.14159265358979323846;

MemorySpec spec(Model model, double level = 0.5, double mobility0 = 40) {
  MemorySpec s;
  s.model = model;
  s.level = level;
  s.mobility0 = mobility0;  // level^2 / (kT time): mu_0 = 10 model units^2 / (kT time)
  s.bits = 10;
  s.offset = -256;
  return s;
}
std::unique_ptr<memory::Memory> make(Model model, long long n = 8, double level = 0.5, double mobility0 = 40) {
  std::vector<uint64_t> ids(static_cast<size_t>(n));
  std::iota(ids.begin(), ids.end(), 0);
  return memory::make_memory(spec(model, level, mobility0), ids, 1);
}
// sum_i |g_i| v(kappa |g_i|) / (rate sum g_i^2) - 1 with v = mu_0 F v/F from the direct evaluation.
double residual(const std::vector<double>& g, double kappa, double barrier, double rate, double mu0, double level) {
  double s = 0, g2 = 0;
  for (double x : g) {
    const double force = kappa * std::abs(x);
    s += std::abs(x) * mu0 * force * physics::TiltedTransportTable::instance().at(force * level, barrier).mobility_ratio;
    g2 += x * x;
  }
  return s / (rate * g2) - 1;
}
}  // namespace

TEST(MatchDrive, LinearDriftGivesRateOverMobility) {
  const double mu0 = 10, ratio = physics::mobility_ratio(12), rate = 0.7;
  const std::vector<double> g = {3.0, -0.5, 0.0, 1e-3};
  const double k = memory::solve_drive(g, rate, mu0, ratio, [&](double f) { return mu0 * ratio * f; });
  EXPECT_NEAR(k * mu0 * ratio / rate, 1.0, 1e-12);
  // g = 0 and rate = 0.
  EXPECT_NEAR(memory::solve_drive(std::vector<double>(4, 0.0), rate, mu0, ratio, [](double) { return 0.0; }) * mu0 * ratio / rate, 1.0,
              1e-15);
  EXPECT_EQ(memory::solve_drive(g, 0.0, mu0, ratio, [&](double f) { return mu0 * ratio * f; }), 0.0);
}

TEST(MatchDrive, LinearResponseMemoryIsExact) {
  const auto m = make(Model::linear_response);
  const double mu0 = 10;
  for (double e : {0.0, 5.0, 20.0, 61.0}) {
    const double k = m->match_drive(std::vector<double>{1e3, -2.0, 0.1}, e, 0.3);
    EXPECT_NEAR(k * mu0 * physics::mobility_ratio(e) / 0.3, 1.0, 1e-12) << "E = " << e;
  }
}

// Weak gradients (beta kappa |g| l << 1): the coarse memory's answer is the linear-response one
// to the table's accuracy; g = 0 gives rate / mu_eff.
TEST(MatchDrive, CoarseWeakDriveIsLinearResponse) {
  const auto m = make(Model::coarse);
  const double mu0 = 10, rate = 0.5;
  for (double e : {0.0, 4.0, 12.0, 20.0}) {
    const double k_lr = rate / (mu0 * physics::mobility_ratio(e));
    // |g| small enough that kappa |g| l < 1e-3.
    const double gmax = 1e-3 / (k_lr * 0.5);
    const std::vector<double> g = {gmax, -0.3 * gmax, 0.7 * gmax};
    EXPECT_NEAR(m->match_drive(g, e, rate) / k_lr, 1.0, 2e-3) << "E = " << e;
    EXPECT_NEAR(m->match_drive(std::vector<double>(3, 0.0), e, rate) / k_lr, 1.0, 2e-3) << "g = 0, E = " << e;
  }
}

// Mixed-sign gradients far from linear response: the root satisfies the matching equation to 1e-10,
// lies in [rate / mu_0, rate / mu_eff], and flipping signs changes nothing (each term is |g_i| v(kappa |g_i|)).
TEST(MatchDrive, RootSatisfiesTheMatchingEquation) {
  std::mt19937_64 rng(8);
  std::normal_distribution<double> z(0, 1);
  const double mu0 = 10, level = 0.5;
  for (Model model : {Model::coarse, Model::resolved}) {
    const auto m = make(model, 64, level);
    for (double e : {4.0, 20.0, 40.0}) {
      for (double scale : {1.0, 1e3, 1e6}) {
        std::vector<double> g(64);
        for (double& x : g) x = scale * z(rng);
        const double rate = 0.2;
        const double k = m->match_drive(g, e, rate);
        EXPECT_NEAR(residual(g, k, e, rate, mu0, level), 0.0, 1e-10) << "E = " << e << ", |g| ~ " << scale;
        EXPECT_GE(k, rate / mu0 * (1 - 1e-12));
        EXPECT_LE(k, rate / (mu0 * physics::mobility_ratio(e)) * (1 + 1e-12));
        for (double& x : g) x = -x;
        EXPECT_NEAR(m->match_drive(g, e, rate) / k, 1.0, 1e-10);
      }
    }
  }
}

// A high static barrier and a large gradient: the matched force sits near the threshold
// F_c = pi E_b / l (THEORY §5.4, 5.7), not at the 1e6 kT per level linear response would ask for.
TEST(MatchDrive, StaticBarrierLearnsNearTheThreshold) {
  const auto m = make(Model::coarse, 1, 1.0, 1000);
  const double mu0 = 1000, e = 20, g = 128, rate = 1;  // THEORY §5.10's reference at its start: lambda = 1, w - w* = 128
  const double k = m->match_drive(std::vector<double>{g}, e, rate);
  const double bfl = k * g * 1.0;
  const double lr = rate / (mu0 * physics::mobility_ratio(e)) * g;
  EXPECT_GT(lr, 1e6);
  EXPECT_GT(bfl, 0.3 * kPi * e);
  EXPECT_LT(bfl, 3 * kPi * e);
}
