// The resolved memory (THEORY §5.2): every parameter is a particle of the physics engine in
// U_mem(w; E_b) + kappa L_B(w), integrated as written with the engine's potential (the periodic
// term), thermal noise and Euler-Maruyama step, in sub-steps short enough to resolve a level,
// between reflecting walls. Sekimoto energetics (§6) exactly: the work of a barrier change is
// the change of U_mem at fixed w, the memory's heat the drop of U_mem along the sub-steps. It is
// the reference the coarse memory (§5.3) is validated against.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "limen/memory/kinds.hpp"
#include "limen/physics/langevin.hpp"
#include "limen/physics/philox.hpp"
#include "limen/physics/potential.hpp"
#include "limen/physics/tilted_transport.hpp"
#include "limen/units/error.hpp"

namespace limen::memory {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr uint32_t kStreamWell = 4;  // Philox stream of the initial position within a well (3: dataset split)

class Resolved final : public Memory {
 public:
  Resolved(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed)
      : Memory(spec, static_cast<long long>(ids.size())), ids_(std::move(ids)), seed_(seed), noise_buffer_(4 * ids_.size()),
        noise_(seed, ids_.data(), ids_.size(), noise_buffer_.data()), force_(ids_.size()), grad_(ids_.size()),
        u_(ids_.size()) {
    // The cosine with no walls of its own: the memory reflects at its walls (THEORY §5.1).
    cosine_.add(physics::TermKind::periodic, "", {0.0, spec_.level, spec_.offset, 0.0, 0.0});
    theta_ = cosine_.theta0();
  }

  Model model() const override { return Model::resolved; }

  // In equilibrium at the retention barrier: each parameter is put in the well nearest its sample,
  // at a position drawn from that well's Boltzmann density (inverse CDF on a fine grid).
  void hold(std::span<double> w, Ledger& ledger) override {
    barrier_ = theta_[0] = spec_.retention_barrier;
    const int n = 4096;
    std::vector<double> cdf(n + 1, 0.0);
    for (int k = 0; k < n; ++k) {
      const double x = -0.5 + (k + 0.5) / n;
      cdf[k + 1] = cdf[k] + std::exp(-0.5 * barrier_ * (1 - std::cos(2 * kPi * x)));
    }
    const double l = spec_.level, o = spec_.offset;
    for (size_t i = 0; i < w.size(); ++i) {
      const double u = physics::uniforms4(seed_, ids_[i], 0, kStreamWell)[0] * cdf[n];
      const auto it = std::upper_bound(cdf.begin(), cdf.end(), u);
      const long k = std::clamp<long>(it - cdf.begin() - 1, 0, n - 1);
      const double frac = (u - cdf[k]) / std::max(cdf[k + 1] - cdf[k], 1e-300);
      const double well = std::round((w[i] - o) / l);
      const double lo_well = 0, hi_well = std::ldexp(1.0, spec_.bits);
      w[i] = o + l * (std::clamp(well, lo_well, hi_well) + (-0.5 + (k + frac) / n));
    }
    reflect(w);
    ledger.u_kT = energy(w);
  }

  void set_barrier(std::span<const double> w, double barrier_kT, Ledger& ledger) override {
    if (barrier_kT == barrier_) return;
    const double before = energy(w);
    barrier_ = theta_[0] = barrier_kT;
    const double dw = energy(w) - before;
    ledger.work_kT += dw;
    ledger.u_kT += dw;
  }

  void move(std::span<double> w, std::span<const double> grad, double drive, const Landscape& loss, uint64_t step, double dt,
            Ledger& ledger) override {
    const double before = energy(w);
    const long n = substeps(dt, barrier_);
    const double h = dt / static_cast<double>(n);
    std::copy(grad.begin(), grad.end(), grad_.begin());
    for (long k = 0; k < n; ++k) {
      if (k > 0) loss(std::span<const double>(w.data(), w.size()), grad_);
      substep(w, drive, noise_.at(static_cast<uint64_t>(step) * static_cast<uint64_t>(n) + static_cast<uint64_t>(k)), h);
    }
    const double after = energy(w);
    ledger.heat_kT += before - after;
    ledger.u_kT += after - before;
  }

  // Raise to retention at fixed w, then relax without drive for ten relaxation times of a well,
  // l^2 / (D_0 (4 pi^2 + 2 pi^2 E_b)) (THEORY §5.3).
  void retain(std::span<double> w, uint64_t step, Ledger& ledger) override {
    set_barrier(w, spec_.retention_barrier, ledger);
    const double l = spec_.level, e = barrier_;
    const double t_relax = 10 * l * l / (spec_.mobility0_model() * (4 * kPi * kPi + 2 * kPi * kPi * e));
    const double before = energy(w);
    const long n = substeps(t_relax, e);
    const double h = t_relax / static_cast<double>(n);
    std::fill(grad_.begin(), grad_.end(), 0.0);
    // Its own noise (another key), so that no counter can meet a training sub-step's.
    std::vector<double> buffer(4 * ids_.size());
    physics::ThermalNoise relax_noise(seed_ ^ 0x9E3779B97F4A7C15ull, ids_.data(), ids_.size(), buffer.data());
    for (long k = 0; k < n; ++k) substep(w, 0.0, relax_noise.at(static_cast<uint64_t>(k)), h);
    (void)step;
    const double after = energy(w);
    ledger.heat_kT += before - after;
    ledger.u_kT += after - before;
  }

  double substep(double dt) const override { return dt / static_cast<double>(substeps(dt, barrier_)); }

  // The controller's model of this memory is its exact long-time response (THEORY §5.3).
  double drift(double force, double barrier_kT) const override {
    return physics::TiltedTransportTable::instance().at(force * spec_.level, barrier_kT).mobility_ratio * spec_.mobility0_model() * force;
  }

 private:
  // Sub-steps per interval: dt mu_0 (2 pi^2 E_b / l^2) <= kSubstepStability, and no longer than
  // spec.substep (the drive's share of max U'' is checked by the caller, who knows the loss).
  long substeps(double dt, double barrier) const {
    const double l = spec_.level;
    double h = spec_.substep > 0 ? spec_.substep : dt;
    if (barrier > 0) h = std::min(h, kSubstepStability * l * l / (spec_.mobility0_model() * 2 * kPi * kPi * barrier));
    return std::max<long>(1, static_cast<long>(std::ceil(dt / h * (1 - 1e-12))));
  }
  void substep(std::span<double> w, double drive, const double* xi, double h) {
    const size_t n = w.size();
    for (size_t i = 0; i < n; ++i) force_[i] = -drive * grad_[i];
    cosine_.add_force(theta_.data(), w.data(), force_.data(), n);
    const double mu = spec_.mobility0_model();
    physics::euler_maruyama_move(w.data(), force_.data(), xi, n, mu, h, physics::thermal_amplitude(mu, 1.0, h));
    reflect(w);
  }
  double energy(std::span<const double> w) {
    std::fill(u_.begin(), u_.end(), 0.0);
    cosine_.add_value(theta_.data(), w.data(), u_.data(), w.size());
    double s = 0;
    for (double x : u_) s += x;
    return s;
  }

  std::vector<uint64_t> ids_;
  uint64_t seed_;
  std::vector<double> noise_buffer_;
  physics::ThermalNoise noise_;
  std::vector<double> force_, grad_, u_;
  physics::Potential cosine_;
  std::vector<double> theta_;
  double barrier_ = 0;
};

}  // namespace

std::unique_ptr<Memory> make_resolved(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed) {
  return std::make_unique<Resolved>(spec, std::move(ids), seed);
}

}  // namespace limen::memory
