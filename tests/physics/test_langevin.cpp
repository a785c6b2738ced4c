// The shared step of THEORY §6 (physics/langevin.hpp), used by the ensembles and by the training
// simulator: its vectorised kernels against a plain scalar reference written out here.
#pragma GCC optimize("fp-contract=off")  // the reference must not be contracted to FMA either
#include "limen/physics/langevin.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "limen/physics/philox.hpp"

using namespace limen::physics;

namespace {
// Arbitrary but reproducible test data (Philox uniforms on (-a, a)).
std::vector<double> data(size_t n, uint64_t key, double a) {
  std::vector<double> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = a * (2 * uniforms4(99, i, key, 7)[0] - 1);
  return v;
}
// Sizes around the vector widths and chunk tails.
const size_t kSizes[] = {1, 2, 3, 7, 8, 9, 31, 256, 1001};
}  // namespace

TEST(Langevin, ThermalNoiseIsTheReferenceNormalForAnyIdsAndSplit) {
  const uint64_t seed = 0x5EEDF00Dull;
  for (size_t n : kSizes) {
    std::vector<uint64_t> ids(n);
    for (size_t i = 0; i < n; ++i) ids[i] = (uint64_t{3} << 40) + 17 * i;  // as learn's (replica << 40) + i, strided
    std::vector<double> buf(4 * n), half(4 * n);
    ThermalNoise noise(seed, ids.data(), n, buf.data());
    const size_t h = n / 2;
    ThermalNoise lo(seed, ids.data(), h, half.data()), hi(seed, ids.data() + h, n - h, half.data() + 4 * h);
    for (uint64_t s : {0ull, 1ull, 2ull, 3ull, 4ull, 9ull, 1000003ull}) {
      const double* z = noise.at(s);
      const double* zl = lo.at(s);
      const double* zh = hi.at(s);
      for (size_t i = 0; i < n; ++i) {
        const double ref = normals4(seed, ids[i], s >> 2, kStreamDynamics)[s & 3];  // scalar Philox + Box-Muller
        EXPECT_NEAR(z[i], ref, 1e-14 * (1 + std::abs(ref))) << "n " << n << " i " << i << " step " << s;
        // The same bits whatever set of particles shares the call (threads, chunks, compaction).
        EXPECT_EQ(z[i], i < h ? zl[i] : zh[i - h]);
      }
    }
  }
}

TEST(Langevin, NormalsAreStandardAndIndependentOverSteps) {
  // 4000 ids x 64 steps: mean 0, variance 1, no lag-1 correlation between steps (5 sigma bounds).
  const size_t n = 4000;
  const int steps = 64;
  std::vector<uint64_t> ids(n);
  for (size_t i = 0; i < n; ++i) ids[i] = i;
  std::vector<double> buf(4 * n), prev(n);
  ThermalNoise noise(11, ids.data(), n, buf.data());
  double s1 = 0, s2 = 0, lag = 0;
  for (int s = 0; s < steps; ++s) {
    const double* z = noise.at(static_cast<uint64_t>(s));
    for (size_t i = 0; i < n; ++i) {
      s1 += z[i], s2 += z[i] * z[i];
      if (s > 0) lag += z[i] * prev[i];
      prev[i] = z[i];
    }
  }
  const double m = static_cast<double>(n) * steps;
  EXPECT_NEAR(s1 / m, 0.0, 5 / std::sqrt(m));
  EXPECT_NEAR(s2 / m, 1.0, 5 * std::sqrt(2 / m));
  EXPECT_NEAR(lag / (static_cast<double>(n) * (steps - 1)), 0.0, 5 / std::sqrt(static_cast<double>(n) * (steps - 1)));
}

TEST(Langevin, EulerMaruyamaMoveIsTheScalarStepBitForBit) {
  const double mu = 0.37, dt = 1e-3, kT = 2.5, amp = thermal_amplitude(mu, kT, dt);
  EXPECT_EQ(amp, std::sqrt(2.0 * mu * kT * dt));
  for (size_t n : kSizes) {
    std::vector<double> x = data(n, 1, 50), f = data(n, 2, 300), eta = data(n, 3, 3), x_ref = x;
    for (size_t i = 0; i < n; ++i) x_ref[i] = x_ref[i] + mu * f[i] * dt + amp * eta[i];  // THEORY §6
    euler_maruyama_move(x.data(), f.data(), eta.data(), n, mu, dt, amp);
    for (size_t i = 0; i < n; ++i) EXPECT_EQ(x[i], x_ref[i]) << "n " << n << " i " << i;
  }
}

TEST(Langevin, LeimkuhlerMatthewsNoiseAveragesConsecutiveNormals) {
  for (size_t n : kSizes) {
    std::vector<double> zprev = data(n, 4, 3), z = data(n, 5, 3), eta(n);
    const std::vector<double> zprev0 = zprev;
    leimkuhler_matthews_noise(eta.data(), zprev.data(), z.data(), n);
    for (size_t i = 0; i < n; ++i) {
      EXPECT_EQ(eta[i], 0.5 * (zprev0[i] + z[i]));
      EXPECT_EQ(zprev[i], z[i]);
    }
  }
}

TEST(Langevin, SekimotoLedgerIsTheScalarBookkeepingAndKeepsTheFirstLaw) {
  // A harmonic particle U = k (x - c)^2 / 2 with (k, c) changed every step, over 50 steps:
  // Q -= U(x', lambda_n) - U(x, lambda_n), W += U(x', lambda_{n+1}) - U(x', lambda_n) (THEORY §6).
  for (size_t n : kSizes) {
    const auto U = [](double x, double k, double c) { return 0.5 * k * (x - c) * (x - c); };
    std::vector<double> x = data(n, 6, 2), q(n, 0.0), w(n, 0.0), u(n), u0(n);
    std::vector<double> q_ref(n, 0.0), w_ref(n, 0.0), u_ref(n), q_split(n, 0.0), w_split(n, 0.0), u_split(n);
    for (size_t i = 0; i < n; ++i) u[i] = u0[i] = u_ref[i] = u_split[i] = U(x[i], 1.0, 0.0);
    std::vector<double> ua(n), ub(n);
    for (int s = 0; s < 50; ++s) {
      const double k = 1.0 + 0.01 * s, c = 0.02 * s, k1 = 1.0 + 0.01 * (s + 1), c1 = 0.02 * (s + 1);
      const std::vector<double> dx = data(n, 100 + static_cast<uint64_t>(s), 0.1);
      for (size_t i = 0; i < n; ++i) {
        x[i] += dx[i];
        ua[i] = U(x[i], k, c);
        ub[i] = U(x[i], k1, c1);
        q_ref[i] -= ua[i] - u_ref[i];
        w_ref[i] += ub[i] - ua[i];
        u_ref[i] = ub[i];
      }
      sekimoto_step(q.data(), w.data(), u.data(), ua.data(), ub.data(), n);
      sekimoto_heat(q_split.data(), u_split.data(), ua.data(), n);
      sekimoto_work(w_split.data(), u_split.data(), ub.data(), n);
    }
    for (size_t i = 0; i < n; ++i) {
      EXPECT_EQ(q[i], q_ref[i]);
      EXPECT_EQ(w[i], w_ref[i]);
      EXPECT_EQ(u[i], u_ref[i]);
      EXPECT_EQ(q_split[i], q[i]);
      EXPECT_EQ(w_split[i], w[i]);
      EXPECT_EQ(u_split[i], u[i]);
      // First law per trajectory: W = Q + dU, to rounding.
      EXPECT_NEAR(w[i], q[i] + (u[i] - u0[i]), 1e-12 * (1 + std::abs(w[i]) + std::abs(q[i])));
    }
  }
  double q = 0, w = 0, u = 1.0;  // the scalar forms
  sekimoto_heat(q, u, 0.25);
  sekimoto_work(w, u, 0.5);
  EXPECT_EQ(q, 0.75);
  EXPECT_EQ(w, 0.25);
  EXPECT_EQ(u, 0.5);
}

TEST(Langevin, StratonovichHeatIsExactForAQuadratic) {
  // V = sum lambda_i (x_i - c_i)^2 / 2, U = kappa V: the trapezoid heat of a move is U(x) - U(x').
  const double kappa = 3.5;
  for (size_t n : kSizes) {
    const std::vector<double> x = data(n, 8, 4), x1 = data(n, 9, 4), lam = data(n, 10, 2), c = data(n, 11, 1);
    std::vector<double> g(n), g1(n), q(n, 0.0);
    for (size_t i = 0; i < n; ++i) g[i] = lam[i] * (x[i] - c[i]), g1[i] = lam[i] * (x1[i] - c[i]);
    stratonovich_heat(q.data(), g.data(), g1.data(), x.data(), x1.data(), n, kappa);
    for (size_t i = 0; i < n; ++i) {
      const double exact = kappa * 0.5 * lam[i] * ((x[i] - c[i]) * (x[i] - c[i]) - (x1[i] - c[i]) * (x1[i] - c[i]));
      EXPECT_NEAR(q[i], exact, 1e-12 * (1 + std::abs(exact)));
    }
  }
}
