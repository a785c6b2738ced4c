#include "limen/physics/fokker_planck.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "limen/units/error.hpp"

namespace limen::physics {

namespace {
// Bernoulli function B(z) = z / (e^z - 1), B(0) = 1 (Scharfetter & Gummel 1969).
double bernoulli(double z) { return std::fabs(z) < 1e-12 ? 1.0 - 0.5 * z : z / std::expm1(z); }
// TR-BDF2 with gamma = 2 - sqrt 2: a trapezoid stage to t + g dt, then BDF2 to t + dt.
const double kG = 2.0 - std::sqrt(2.0);
const double kW = (1.0 - kG) / (2.0 - kG);                      // BDF2 implicit weight
const double kA = 1.0 / (kG * (2.0 - kG));                      // weight of the stage
const double kB = (1.0 - kG) * (1.0 - kG) / (kG * (2.0 - kG));  // weight of P_n
}  // namespace

FokkerPlanck::FokkerPlanck(Potential pot, Protocol proto, double kT, double mobility, double lo, double hi,
                           size_t cells)
    : FokkerPlanck(std::move(pot), std::move(proto), kT, mobility, lo, hi, cells, Options{}) {}

FokkerPlanck::FokkerPlanck(Potential pot, Protocol proto, double kT, double mobility, double lo, double hi,
                           size_t cells, Options options)
    : pot_(std::move(pot)), proto_(std::move(proto)), kT_(kT), mu_(mobility), lo_(lo),
      h_((hi - lo) / static_cast<double>(cells)), opt_(options), P_(cells, 1.0 / static_cast<double>(cells)),
      cells0_(cells) {
  if (!(hi > lo) || cells < 3) throw InputError("fokker-planck: need hi > lo and at least 3 cells");
  if (opt_.max_cells == 0) opt_.max_cells = 16 * cells;
  knots_ = proto_.knots();
}

std::string FokkerPlanck::grid_name() const {
  return fmt::format("[{:.6g}, {:.6g}] ({} cells of {:.3g})", lo(), hi(), cells(), h_);
}

void FokkerPlanck::energies(const double* theta, std::vector<double>& U) const {
  if (xs_.size() != P_.size() || xs_.front() != x(0)) {  // cell centres of the current grid
    xs_.resize(P_.size());
    for (size_t i = 0; i < xs_.size(); ++i) xs_[i] = x(i);
  }
  U.assign(P_.size(), 0.0);
  pot_.add_value(theta, xs_.data(), U.data(), U.size());  // the vectorised path
}

// The SG coefficients at theta: (L P)_i = a_{i-1} P_{i-1} - (b_{i-1} + a_i) P_i + b_i P_{i+1},
// a_i = (D/h^2) B(dU_i/kT), b_i = (D/h^2) B(-dU_i/kT), D = mu kT; zero flux through the ends.
// Reuses a slot that already holds theta; otherwise builds into `slot`.
const FokkerPlanck::Operator& FokkerPlanck::op(const std::vector<double>& theta, int slot) {
  for (const auto& o : ops_)
    if (o.theta == theta) return o;
  Operator& o = ops_[slot];
  const Mutation& m = opt_.mutation;
  const double kTz = kT_ * m.noise_scale * m.noise_scale;  // the diffusion's temperature
  const double c = mu_ * m.mobility_scale * kTz / (h_ * h_);
  o.theta = theta;
  energies(theta.data(), o.U);
  const size_t N = P_.size();
  o.a.assign(N, 0.0);
  o.b.assign(N, 0.0);
  for (size_t i = 0; i + 1 < N; ++i) {
    const double z = (o.U[i + 1] - o.U[i]) / kTz;
    o.a[i] = c * bernoulli(z);
    o.b[i] = c * bernoulli(-z);
  }
  return o;
}

// Thomas factors of the tridiagonal M-matrix I - coef L (diagonally dominant: stable).
const FokkerPlanck::Factor& FokkerPlanck::factor(const Operator& o, double coef, int slot) {
  for (const auto& f : factors_)
    if (f.coef == coef && f.theta == o.theta) return f;
  Factor& f = factors_[slot];
  const size_t N = P_.size();
  f.theta = o.theta;
  f.coef = coef;
  f.lower.resize(N), f.cp.resize(N), f.m.resize(N);
  for (size_t i = 0; i < N; ++i) {
    const double am = i > 0 ? o.a[i - 1] : 0.0, bm = i > 0 ? o.b[i - 1] : 0.0;
    const double diag = 1.0 + coef * (bm + o.a[i]), upper = -coef * o.b[i];
    f.lower[i] = -coef * am;
    f.m[i] = i > 0 ? diag - f.lower[i] * f.cp[i - 1] : diag;
    f.cp[i] = upper / f.m[i];
  }
  return f;
}

void FokkerPlanck::solve(const Factor& f, std::vector<double>& r) const {
  const size_t N = r.size();
  r[0] /= f.m[0];
  for (size_t i = 1; i < N; ++i) r[i] = (r[i] - f.lower[i] * r[i - 1]) / f.m[i];
  for (size_t i = N - 1; i-- > 0;) r[i] -= f.cp[i] * r[i + 1];
}

void FokkerPlanck::start_equilibrium() {
  std::vector<double> U0, U1;
  energies(proto_.before(0.0).data(), U0);
  double umin = INFINITY, z = 0;
  for (double u : U0) umin = std::min(umin, u);
  for (size_t i = 0; i < P_.size(); ++i) z += (P_[i] = std::exp(-(U0[i] - umin) / kT_));
  for (auto& p : P_) p /= z;
  energies(proto_.after(0.0).data(), U1);
  t_ = 0;
  work_ = 0;
  for (size_t i = 0; i < P_.size(); ++i) work_ += P_[i] * (U1[i] - U0[i]);
}

void FokkerPlanck::set_probabilities(std::vector<double> P) {
  if (P.size() != P_.size()) throw InputError("fokker-planck: probabilities of the wrong size");
  P_ = std::move(P);
}

// One TR-BDF2 step from ta to tb, with no knot strictly inside: lambda is linear in between.
void FokkerPlanck::substep(double ta, double tb) {
  const double d = tb - ta;
  const size_t N = P_.size();
  const std::vector<double> tha = proto_.after(ta), thg = proto_.after(ta + kG * d), thb = proto_.before(tb);
  // Three operator slots; each lookup builds into a slot the earlier ones of this step do not use.
  const auto slot_of = [&](const Operator& o) { return static_cast<int>(&o - ops_); };
  const Operator& A = op(tha, 0);
  const int ia = slot_of(A);
  const Operator& G = op(thg, ia == 0 ? 1 : 0);
  const int ig = slot_of(G);
  int ib = 0;
  while (ib == ia || ib == ig) ++ib;
  const Operator& B = op(thb, ib);
  const Factor& FG = factor(G, 0.5 * kG * d, 0);
  const Factor& FB = factor(B, kW * d, &FG == &factors_[0] ? 1 : 0);
  Pn_ = P_;
  // Stage 1, trapezoid: (I - g d/2 L_G) P* = (I + g d/2 L_A) P_n.
  Ps_.resize(N);
  const double ca = 0.5 * kG * d;
  for (size_t i = 0; i < N; ++i) {
    double lp = -(A.a[i] + (i > 0 ? A.b[i - 1] : 0.0)) * Pn_[i];
    if (i > 0) lp += A.a[i - 1] * Pn_[i - 1];
    if (i + 1 < N) lp += A.b[i] * Pn_[i + 1];
    Ps_[i] = Pn_[i] + ca * lp;
  }
  solve(FG, Ps_);
  // Stage 2, BDF2: (I - w d L_B) P_{n+1} = kA P* - kB P_n.
  for (size_t i = 0; i < N; ++i) P_[i] = kA * Ps_[i] - kB * Pn_[i];
  solve(FB, P_);
  // Work: trapezoid rule for int sum_i P_i dU_i over [ta, ta + g d] and [ta + g d, tb].
  if (&A != &G || &G != &B) {
    double w = 0;
    for (size_t i = 0; i < N; ++i)
      w += (Pn_[i] + Ps_[i]) * (G.U[i] - A.U[i]) + (Ps_[i] + P_[i]) * (B.U[i] - G.U[i]);
    work_ += 0.5 * w;
  }
  // A jump at tb: its work at fixed density (THEORY §6).
  const std::vector<double> th_after = proto_.after(tb);
  if (th_after != thb) {
    std::vector<double> U1;
    energies(th_after.data(), U1);
    for (size_t i = 0; i < N; ++i) work_ += P_[i] * (U1[i] - B.U[i]);
  }
}

void FokkerPlanck::advance(long steps, double dt) {
  const double t0 = t_;
  for (long s = 0; s < steps; ++s) {
    const double ta = s == 0 ? t0 : t0 + static_cast<double>(s) * dt, tb = t0 + static_cast<double>(s + 1) * dt;
    const double tol = 1e-9 * std::max(std::fabs(tb), dt);
    double from = ta;
    for (double k : knots_)  // split the step at every knot strictly inside it
      if (k > from + tol && k < tb - tol) substep(from, k), from = k;
    substep(from, tb);
    t_ = tb;
    follow_edges();
  }
}

// THEORY §7 fp-domain: the grid follows the density, or the solver refuses.
void FokkerPlanck::follow_edges() {
  const Mutation& mut = opt_.mutation;
  if (mut.fixed_fp_grid) return;
  const size_t N = P_.size(), K = std::max<size_t>(2, cells0_ / 64);
  if (N < 2 * K) return;
  double left = 0, right = 0;
  for (size_t i = 0; i < K; ++i) left += P_[i], right += P_[N - 1 - i];
  const bool grow_left = left > opt_.edge_mass, grow_right = right > opt_.edge_mass;
  if (!grow_left && !grow_right) return;
  if (!opt_.follow)
    throw RunError(fmt::format("fokker-planck: probability {:.2g} reached the {} edge of the fixed grid {} at t = {:.6g} "
                               "of the protocol; widen the grid",
                               std::max(left, right), grow_left ? "left" : "right", grid_name(), t_));
  // Grow by a quarter of the starting grid on each side the density reached; drop the cells of
  // the other side that hold (together) under edge_mass * 1e-4.
  const size_t ext = std::max(K, cells0_ / 4);
  const size_t eL = grow_left ? ext : 0, eR = grow_right ? ext : 0;
  const double trim_mass = 1e-4 * opt_.edge_mass;
  size_t tL = 0, tR = 0;
  double m = 0;
  if (!grow_left)
    while (tL + 2 * K < N && (m += P_[tL]) <= trim_mass) ++tL;
  m = 0;
  if (!grow_right)
    while (tR + tL + 2 * K < N && (m += P_[N - 1 - tR]) <= trim_mass) ++tR;
  const size_t n_new = N - tL - tR + eL + eR;
  if (n_new > opt_.max_cells)
    throw RunError(fmt::format("fokker-planck: the density reached the {} edge of the grid {} at t = {:.6g} of the "
                               "protocol; following it needs {} cells, over max_cells = {}",
                               grow_left ? "left" : "right", grid_name(), t_, n_new, opt_.max_cells));
  std::vector<double> P(n_new, 0.0);
  const long off = static_cast<long>(eL) + mut.fp_shift_cells;  // the mutation misplaces the density
  for (size_t i = tL; i < N - tR; ++i) {
    const long j = static_cast<long>(i - tL) + off;
    if (j >= 0 && j < static_cast<long>(n_new)) P[static_cast<size_t>(j)] += P_[i];
  }
  lo_ += (static_cast<double>(tL) - static_cast<double>(eL)) * h_;
  P_.swap(P);
  for (auto& o : ops_) o.theta.clear();
  for (auto& f : factors_) f.theta.clear();
  ++moves_;
}

double FokkerPlanck::mean_energy() const {
  std::vector<double> U;
  energies(proto_.after(t_).data(), U);
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
