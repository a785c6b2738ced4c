#pragma once
// The memory seam (THEORY §5; STYLE.md §2): one object per replica holds the physics of the
// memory its parameters live in (how they move under a drive and a barrier, and the energy that
// costs), so that the training loop, tradeoff, sweeps, the Python module and later device
// memories use this interface and nothing else.
//
// The whole potential is U = sum_i U_mem(w_i; E_b) + kappa L_B(w) (§5.1). The training loop books
// the drive's part of the Sekimoto ledger (work when kappa or the minibatch changes at fixed w,
// heat = the drop of kappa L_B along a step); a Memory books its own part: the work of changing
// E_b at fixed state and the heat of its potential (W_b minus the change of U_mem).
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "limen/io/output.hpp"
#include "limen/memory/spec.hpp"

namespace limen::memory {

// L_B(w), writing dL_B/dw into grad (same size as w): the minibatch loss of a step. The resolved
// memory calls it at every sub-step.
using Landscape = std::function<double(std::span<const double> w, std::span<double> grad)>;

// The memory's part of the ledger, kT, summed over this replica's parameters.
struct Ledger {
  double work_kT = 0;   // W_b: changes of E_b at fixed state
  double heat_kT = 0;   // heat of the memory potential: W_b - (change of U_mem)
  double u_kT = 0;      // U_mem now (coarse, linear response: its mean over p_s within a period)
  // A device memory's own energy (device.cpp): every pulse and every read, J, from the catalog.
  double device_J = 0, device_write_J = 0, device_read_J = 0;
  double pulses = 0, reads = 0;  // programming pulses (digital: bits written) and parameter reads
  // A one-sided pair (device_pair.cpp): refresh events, their RESET pulses and energy, and the SET
  // pulses of their rewrites (included in `pulses` and device_write_J).
  double refreshes = 0, resets = 0, refresh_pulses = 0, device_reset_J = 0;
};

class Memory {
 public:
  virtual ~Memory() = default;
  virtual Model model() const = 0;
  long long size() const { return static_cast<long long>(touched_.size()); }

  // The initial state (THEORY §5.10): held at the retention barrier, no drive, in equilibrium (the
  // resolved memory places each parameter within its well).
  virtual void hold(std::span<double> w, Ledger& ledger) = 0;
  // A control change at fixed state: the barrier to E_b (kT); books its work.
  virtual void set_barrier(std::span<const double> w, double barrier_kT, Ledger& ledger) = 0;
  // One training step of length dt under U_mem(E_b) + kappa L_B with grad = dL_B/dw at w; the
  // barrier is held. `step` keys the thermal noise. Books the memory potential's heat.
  virtual void move(std::span<double> w, std::span<const double> grad, double drive, const Landscape& loss, uint64_t step,
                    double dt, Ledger& ledger) = 0;
  // The end of a run (THEORY §5.1): the barrier raised to retention at fixed state, the drive
  // already off (the caller's), then relaxation in the wells; books work and heat.
  virtual void retain(std::span<double> w, uint64_t step, Ledger& ledger) = 0;

  // The mean drift (model units per time) of a parameter under force F (kT per model unit) at
  // barrier E_b (THEORY §5.3): what the drive is matched with.
  virtual double drift(double force, double barrier_kT) const = 0;
  // Lyapunov matching (THEORY §5.4): the kappa > 0 with sum_i g_i drift(-kappa g_i) = -rate sum_i g_i^2,
  // so that the loss falls at the gradient-flow rate `rate`; 0 when rate is 0.
  virtual double match_drive(std::span<const double> grad, double barrier_kT, double rate) const;

  // The integration step the memory takes inside a training step of length dt at its present
  // barrier (the resolved memory's sub-step; the others take dt whole).
  virtual double substep(double dt) const { return dt; }

  // Parameters that reached a wall (reflected) at any time.
  long long wall_touches() const;
  const MemorySpec& spec() const { return spec_; }

 protected:
  explicit Memory(const MemorySpec& spec, long long n) : spec_(spec), touched_(static_cast<size_t>(n), 0) {}
  // Reflecting walls at spec.lower_wall() and upper_wall() (THEORY §5.1).
  void reflect(std::span<double> w);
  MemorySpec spec_;
  std::vector<char> touched_;
};

// One replica's memory; `ids` key the thermal noise of its parameters (Philox stream 0, as the
// physics engine's particles), `seed` the run's seed.
std::unique_ptr<Memory> make_memory(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed);

// What a run of this memory model assumes (the JSON `memory` block).
Json memory_assumptions(const MemorySpec& spec);

}  // namespace limen::memory
