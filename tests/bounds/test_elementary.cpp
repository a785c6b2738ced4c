// THEORY.md section 3 elementary costs against values computed by hand (written out below).
#include <gtest/gtest.h>

#include <cmath>

#include "limen/bounds/elementary.hpp"

using namespace limen::bounds;

TEST(Elementary, LandauerIsLn2) { EXPECT_DOUBLE_EQ(landauer_kT(), 0.69314718055994530942); }

TEST(Elementary, FiniteTimeErasure) {
  // eps_L = ln 2 + tau_D / (2 tau): tau = 1 us, tau_D = 1 ns -> ln 2 + 5e-4.
  EXPECT_NEAR(finite_time_erasure_kT(1e-6, 1e-9), 0.6931471805599453 + 5e-4, 1e-15);
  // At tau = tau_D / 2 the transport term is exactly 1 kT.
  EXPECT_NEAR(finite_time_erasure_kT(0.5e-9, 1e-9), 0.6931471805599453 + 1.0, 1e-15);
}

TEST(Elementary, RetentionBarrierDefaultIs61kT) {
  // ln(nu_0 t_ret / p) with 1 GHz, 10 Julian years (3.15576e8 s), p = 1e-9:
  // ln(3.15576e26) = 26 ln 10 + ln 3.15576 = 59.86721 + 1.14923 = 61.01644.
  EXPECT_NEAR(retention_barrier_kT(1e-9, 3.15576e8, 1e-9), 61.01644, 1e-4);
  // Short-term, 64 ms: ln(6.4e16) = 16 ln 10 + ln 6.4 = 36.84136 + 1.85630 = 38.69766.
  EXPECT_NEAR(retention_barrier_kT(1e-9, 0.064, 1e-9), 38.69766, 1e-4);
}

TEST(Elementary, StaticWrite) {
  // eps_w = max(ln 2, E_b - ln(nu_0 tau_w)): 61.01644 - ln(8640) = 61.01644 - 9.06416 = 51.95228.
  EXPECT_NEAR(static_write_kT(61.01644, 1e-9, 8.64e-6), 51.95228, 1e-4);
  // A slow write of a low barrier cannot go below Landauer.
  EXPECT_DOUBLE_EQ(static_write_kT(5.0, 1e-9, 1.0), 0.69314718055994530942);
}

TEST(Elementary, Transport) {
  // gamma (n_u l)^2 / tau_up in kT = n_u^2 tau_D / tau_up: 3 levels, tau_D = 1 ns, 1 us -> 9e-3.
  EXPECT_NEAR(transport_kT(3, 1e-6, 1e-9), 9e-3, 1e-15);
}
