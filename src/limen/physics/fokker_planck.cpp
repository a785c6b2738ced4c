#include "limen/physics/fokker_planck.hpp"

#include <cmath>

#include "limen/units/error.hpp"

namespace limen::physics {

namespace {
// Bernoulli function B(z) = z / (e^z - 1), B(0) = 1 (Scharfetter & Gummel 1969).
double bernoulli(double z) { return std::fabs(z) < 1e-12 ? 1.0 - 0.5 * z : z / std::expm1(z); }
}  // namespace

FokkerPlanck::FokkerPlanck(Potential pot, Protocol proto, double kT, double mobility, double lo, double hi,
                           size_t cells)
    : pot_(std::move(pot)), proto_(std::move(proto)), kT_(kT), mu_(mobility), lo_(lo),
      h_((hi - lo) / static_cast<double>(cells)), P_(cells, 1.0 / static_cast<double>(cells)) {
  if (!(hi > lo) || cells < 3) throw InputError("fokker-planck: need hi > lo and at least 3 cells");
}

void FokkerPlanck::energies(double t, bool after, std::vector<double>& U) const {
  const auto th = after ? proto_.after(t) : proto_.before(t);
  U.resize(P_.size());
  for (size_t i = 0; i < U.size(); ++i) U[i] = pot_.value(th.data(), x(i));
}

void FokkerPlanck::start_equilibrium() {
  std::vector<double> U0, U1;
  energies(0.0, false, U0);
  double umin = INFINITY, z = 0;
  for (double u : U0) umin = std::min(umin, u);
  for (size_t i = 0; i < P_.size(); ++i) z += (P_[i] = std::exp(-(U0[i] - umin) / kT_));
  for (auto& p : P_) p /= z;
  energies(0.0, true, U1);
  t_ = 0;
  work_ = 0;
  for (size_t i = 0; i < P_.size(); ++i) work_ += P_[i] * (U1[i] - U0[i]);
}

void FokkerPlanck::set_probabilities(std::vector<double> P) {
  if (P.size() != P_.size()) throw InputError("fokker-planck: probabilities of the wrong size");
  P_ = std::move(P);
}

void FokkerPlanck::advance(long steps, double dt) {
  const size_t N = P_.size();
  const double D = mu_ * kT_, r = dt / h_, c = D / h_;
  std::vector<double> U, U1, a(N), b(N), lower(N), diag(N), upper(N), cp(N);
  std::vector<double> th = proto_.after(t_), th1;
  energies(t_, true, U);
  const double t0 = t_;
  bool fresh = true;  // the coefficients must be (re)built for U
  for (long s = 0; s < steps; ++s) {
    // Backward Euler with lambda held at lambda(t_n+): (1 - dt L) P^{n+1} = P^n, tridiagonal.
    if (fresh) {
      for (size_t i = 0; i + 1 < N; ++i) {
        const double z = (U[i + 1] - U[i]) / kT_;
        a[i] = c * bernoulli(z);
        b[i] = c * bernoulli(-z);
      }
      a[N - 1] = b[N - 1] = 0;
      for (size_t i = 0; i < N; ++i) {
        const double bm = i > 0 ? b[i - 1] : 0.0, am = i > 0 ? a[i - 1] : 0.0;
        diag[i] = 1.0 + r * (bm + a[i]);
        lower[i] = -r * am;
        upper[i] = -r * b[i];
      }
      fresh = false;
    }
    // Thomas algorithm (the matrix is a diagonally dominant M-matrix: stable, P stays >= 0).
    cp[0] = upper[0] / diag[0];
    P_[0] /= diag[0];
    for (size_t i = 1; i < N; ++i) {
      const double m = diag[i] - lower[i] * cp[i - 1];
      cp[i] = upper[i] / m;
      P_[i] = (P_[i] - lower[i] * P_[i - 1]) / m;
    }
    for (size_t i = N - 1; i-- > 0;) P_[i] -= cp[i] * P_[i + 1];
    t_ = t0 + static_cast<double>(s + 1) * dt;
    th1 = proto_.after(t_);
    if (th1 != th) {  // the control moves: work at fixed density, then new coefficients
      energies(t_, true, U1);
      for (size_t i = 0; i < N; ++i) work_ += P_[i] * (U1[i] - U[i]);
      U.swap(U1);
      th.swap(th1);
      fresh = true;
    }
  }
}

double FokkerPlanck::mean_energy() const {
  std::vector<double> U;
  energies(t_, true, U);
  double e = 0;
  for (size_t i = 0; i < P_.size(); ++i) e += P_[i] * U[i];
  return e;
}

Density FokkerPlanck::density() const {
  Density d{lo_, h_, P_};
  for (auto& v : d.p) v /= h_;
  return d;
}

}  // namespace limen::physics
