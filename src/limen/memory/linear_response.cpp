// The linear-response memory (THEORY §5.5): the weak-drive limit of §5.3, v = mu_eff(E_b) F and
// D = mu_eff(E_b) kT with mu_eff the Lifson-Jackson mobility (§3.5), moved by the engine's
// Euler-Maruyama step; inside a period the density is the Boltzmann density of the well, so the
// barrier's work and heat are those of §5.3 at F = 0. Valid while beta |F| l <= 0.5 (the run
// reports whether it stayed there); it is the first version's memory with its barrier energetics.
#include <cmath>

#include "limen/memory/kinds.hpp"
#include "limen/physics/langevin.hpp"
#include "limen/physics/mobility.hpp"

namespace limen::memory {
namespace {

class LinearResponse final : public Memory {
 public:
  LinearResponse(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed)
      : Memory(spec, static_cast<long long>(ids.size())), ids_(std::move(ids)), noise_buffer_(4 * ids_.size()),
        noise_(seed, ids_.data(), ids_.size(), noise_buffer_.data()), force_(ids_.size()) {}

  Model model() const override { return Model::linear_response; }

  void hold(std::span<double>, Ledger& ledger) override {
    barrier_ = spec_.retention_barrier;
    ledger.u_kT = n() * barrier_ * physics::cosine_barrier_share(barrier_);
  }

  void set_barrier(std::span<const double>, double barrier_kT, Ledger& ledger) override {
    if (barrier_kT == barrier_) return;
    const double w = n() * (barrier_kT - barrier_) * physics::cosine_barrier_share(barrier_);
    ledger.work_kT += w;
    // The well relaxes to its Boltzmann density at the new barrier: U_mem from E' s(E) to E' s(E').
    const double relax = n() * barrier_kT * (physics::cosine_barrier_share(barrier_) - physics::cosine_barrier_share(barrier_kT));
    ledger.heat_kT += relax;
    ledger.u_kT += w - relax;
    barrier_ = barrier_kT;
  }

  void move(std::span<double> w, std::span<const double> grad, double drive, const Landscape&, uint64_t step, double dt,
            Ledger&) override {
    const double mu = spec_.mobility0_model() * physics::mobility_ratio(barrier_);
    for (size_t i = 0; i < w.size(); ++i) force_[i] = -drive * grad[i];
    physics::euler_maruyama_move(w.data(), force_.data(), noise_.at(step), w.size(), mu, dt,
                                 physics::thermal_amplitude(mu, 1.0, dt));
    reflect(w);
  }

  void retain(std::span<double> w, uint64_t, Ledger& ledger) override { set_barrier(w, spec_.retention_barrier, ledger); }

  double drift(double force, double barrier_kT) const override {
    return spec_.mobility0_model() * physics::mobility_ratio(barrier_kT) * force;
  }
  double match_drive(std::span<const double>, double barrier_kT, double rate) const override {
    return rate > 0 ? rate / (spec_.mobility0_model() * physics::mobility_ratio(barrier_kT)) : 0.0;
  }

 private:
  double n() const { return static_cast<double>(ids_.size()); }
  std::vector<uint64_t> ids_;
  std::vector<double> noise_buffer_;
  physics::ThermalNoise noise_;
  std::vector<double> force_;
  double barrier_ = 0;
};

}  // namespace

std::unique_ptr<Memory> make_linear_response(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed) {
  return std::make_unique<LinearResponse>(spec, std::move(ids), seed);
}

}  // namespace limen::memory
