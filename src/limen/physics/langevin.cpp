// No FMA contraction (GCC contracts by default in C++ modes): the AVX-512, AVX2 and baseline
// versions of these loops, and the scalar forms in langevin.hpp, must give the same bits.
#pragma GCC optimize("fp-contract=off")
#include "limen/physics/langevin.hpp"

#include "limen/physics/fastmath.hpp"

// The step kernels of THEORY §6, each the scalar form of langevin.hpp applied elementwise.
namespace limen::physics {

LIMEN_CLONES void euler_maruyama_move(double* x, const double* f, const double* eta, size_t n, double mu, double dt, double amp) {
  for (size_t i = 0; i < n; ++i) x[i] = euler_maruyama(x[i], f[i], eta[i], mu, dt, amp);
}

LIMEN_CLONES void leimkuhler_matthews_noise(double* eta, double* zprev, const double* z, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    eta[i] = 0.5 * (zprev[i] + z[i]);
    zprev[i] = z[i];
  }
}

LIMEN_CLONES void sekimoto_heat(double* q, double* u, const double* u_moved, size_t n) {
  for (size_t i = 0; i < n; ++i) sekimoto_heat(q[i], u[i], u_moved[i]);
}

LIMEN_CLONES void sekimoto_work(double* w, double* u, const double* u_new, size_t n) {
  for (size_t i = 0; i < n; ++i) sekimoto_work(w[i], u[i], u_new[i]);
}

LIMEN_CLONES void sekimoto_step(double* q, double* w, double* u, const double* u_moved, const double* u_new, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    double ui = u[i];
    sekimoto_heat(q[i], ui, u_moved[i]);
    sekimoto_work(w[i], ui, u_new[i]);
    u[i] = ui;
  }
}

LIMEN_CLONES void stratonovich_heat(double* q, const double* g, const double* g_next, const double* x, const double* x_next, size_t n,
                                    double kappa) {
  for (size_t i = 0; i < n; ++i) q[i] -= kappa * (0.5 * (g[i] + g_next[i])) * (x_next[i] - x[i]);
}

}  // namespace limen::physics
