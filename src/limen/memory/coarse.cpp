// The coarse-grained memory (THEORY §5.3): over a step with the controls frozen, parameter i sees
// the tilted cosine with F_i = -kappa dL_B/dw_i and moves with its exact long-time drift and
// diffusion, dw = v(F, E_b) dt + sqrt(2 D(F, E_b) dt) xi, between reflecting walls. Inside a
// period it is at the stationary density p_s(F, E_b), so its memory energy is E_b <(1 - cos)/2>_ps.
#include <cmath>

#include "limen/memory/kinds.hpp"
#include "limen/physics/langevin.hpp"
#include "limen/physics/tilted_transport.hpp"

namespace limen::memory {
namespace {

using physics::TiltedTransportTable;

class Coarse final : public Memory {
 public:
  Coarse(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed)
      : Memory(spec, static_cast<long long>(ids.size())), ids_(std::move(ids)), noise_buffer_(4 * ids_.size()),
        noise_(seed, ids_.data(), ids_.size(), noise_buffer_.data()), share_(ids_.size(), 0.5), tilt_(ids_.size()),
        m_(ids_.size()), d_(ids_.size()), new_share_(ids_.size()) {}

  Model model() const override { return Model::coarse; }

  void hold(std::span<double>, Ledger& ledger) override {
    use_barrier(spec_.retention_barrier);
    const double s0 = row_.at(0).barrier_share;
    std::fill(share_.begin(), share_.end(), s0);
    ledger.u_kT = spec_.retention_barrier * s0 * static_cast<double>(share_.size());
  }

  // W = (E' - E) <(1 - cos)/2> over the density before the change (THEORY §5.3, §6 convention).
  void set_barrier(std::span<const double>, double barrier_kT, Ledger& ledger) override {
    if (barrier_kT == barrier_) return;
    double s = 0;
    for (double x : share_) s += x;
    const double w = (barrier_kT - barrier_) * s;
    ledger.work_kT += w;
    ledger.u_kT += w;
    use_barrier(barrier_kT);
  }

  void move(std::span<double> w, std::span<const double> grad, double drive, const Landscape&, uint64_t step, double dt,
            Ledger& ledger) override {
    const double mu0 = spec_.mobility0_model(), l = spec_.level, e = barrier_;
    const size_t n = w.size();
    const double* xi = noise_.at(step);
    for (size_t i = 0; i < n; ++i) tilt_[i] = -drive * grad[i] * l;  // beta F l
    row_.at_many(tilt_.data(), n, m_.data(), d_.data(), new_share_.data());
    double heat = 0;
    for (size_t i = 0; i < n; ++i) {
      const double force = -drive * grad[i];  // kT per model unit
      const double v = m_[i] * mu0 * force, d = d_[i] * mu0;
      w[i] += v * dt + std::sqrt(2 * d * dt) * xi[i];
      heat += e * (share_[i] - new_share_[i]);  // U_mem relaxes to its mean over the new p_s
      share_[i] = new_share_[i];
    }
    ledger.heat_kT += heat;
    ledger.u_kT -= heat;
    reflect(w);
  }

  void retain(std::span<double> w, uint64_t, Ledger& ledger) override {
    set_barrier(w, spec_.retention_barrier, ledger);
    const double s0 = row_.at(0).barrier_share;
    double heat = 0;
    for (double& s : share_) {
      heat += barrier_ * (s - s0);
      s = s0;
    }
    ledger.heat_kT += heat;
    ledger.u_kT -= heat;
  }

  double drift(double force, double barrier_kT) const override {
    const auto t = TiltedTransportTable::instance().at(force * spec_.level, barrier_kT);
    return t.mobility_ratio * spec_.mobility0_model() * force;
  }

  // THEORY §5.4 by Newton's method on ln kappa: h = ln(mu_0 kappa sum g_i^2 m(kappa |g_i| l) / sum g_i^2)
  // - ln(rate), h' = 1 + <d ln m / d ln f>, warm-started from the last step and kept inside the
  // bracket [rate/mu_0, rate/mu_eff]; a step that leaves it bisects.
  double match_drive(std::span<const double> grad, double barrier_kT, double rate) const override {
    if (!(rate > 0)) return 0;
    const auto row = barrier_kT == barrier_ ? row_ : TiltedTransportTable::instance().row(barrier_kT);
    const double mu0 = spec_.mobility0_model(), l = spec_.level;
    double g2 = 0;
    for (double g : grad) g2 += g * g;
    double slope0 = 0;
    const double m0 = row.mobility(0, slope0);
    double lo = std::log(rate / mu0), hi = std::log(rate / (mu0 * m0));
    if (!(g2 > 0) || hi - lo < 1e-13) return std::exp(hi);
    double x = warm_ > 0 ? std::clamp(std::log(warm_), lo, hi) : hi;
    const size_t n = grad.size();
    for (int it = 0; it < 100; ++it) {
      const double kappa = std::exp(x);
      for (size_t i = 0; i < n; ++i) tilt_[i] = kappa * std::abs(grad[i]) * l;
      row.mobility_many(tilt_.data(), n, m_.data(), d_.data());
      double sm = 0, sd = 0;
      for (size_t i = 0; i < n; ++i) {
        const double g2i = grad[i] * grad[i];
        sm += g2i * m_[i];
        sd += g2i * m_[i] * d_[i];
      }
      const double h = std::log(mu0 * kappa * sm / g2) - std::log(rate);
      if (std::abs(h) < 1e-10) break;  // the rate to 1e-10 relative
      (h > 0 ? hi : lo) = x;
      const double step = h / (1 + sd / sm);
      double next = x - step;
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      // Newton converges quadratically: from |h| < 1e-6 the step lands within ~h^2 (1e-12) of the
      // root, so it is taken without another evaluation of the sums (each costs a look-up per parameter).
      if (std::abs(h) < 1e-6 && next == x - step) {
        x = next;
        break;
      }
      if (std::abs(next - x) < 1e-13 || hi - lo < 1e-13) {
        x = next;
        break;
      }
      x = next;
    }
    warm_ = std::exp(x);
    return warm_;
  }

 private:
  void use_barrier(double e) {
    barrier_ = e;
    row_ = TiltedTransportTable::instance().row(e);
  }
  std::vector<uint64_t> ids_;
  std::vector<double> noise_buffer_;
  physics::ThermalNoise noise_;
  std::vector<double> share_;  // <(1 - cos)/2> over each parameter's density within its period
  double barrier_ = -1;
  TiltedTransportTable::Row row_;
  mutable double warm_ = 0;
  mutable std::vector<double> tilt_, m_, d_, new_share_;  // per-step scratch
};

}  // namespace

std::unique_ptr<Memory> make_coarse(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed) {
  return std::make_unique<Coarse>(spec, std::move(ids), seed);
}

}  // namespace limen::memory
