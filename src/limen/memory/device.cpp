// Device memories (README "Device memories"): every parameter is a cell of a catalog device,
// programmed by pulses. A step asks for the update plain SGD would make, dw = -eta dt g (THEORY 5:
// the gradient-flow rate; the drive kappa is the rate itself, the device having unit mobility in
// model units), and the device delivers what its pulses give:
//   analog   n = the update in nominal steps dw_min, stochastically rounded (floor + Bernoulli of
//            the fraction); each pulse moves the cell by its linear-step response (catalog.hpp,
//            ResponseEntry: up/down asymmetry, gamma nonlinearity, soft or hard bounds) with
//            cycle-to-cycle noise, then clipped to the cell's own bounds; the cell's dw_min, up/down
//            bias and bounds carry device-to-device spread drawn once per cell.
//   digital  a b-bit word on the memory's grid (level, walls of [memory]): the update rounded
//            stochastically to the grid; a changed word rewrites its b bits.
//   ideal    the update applied exactly: w_{n+1} = w_n - (eta dt) g rounded once (fma), no pulses
//            and no energy, so a run reproduces plain minibatch SGD (and torch.optim.SGD) to the last bit.
// Energy (catalog figures): every pulse (digital: every written bit) at write_J, every parameter
// read at read_J (2 B reads per parameter per step: forward and backward for each sample).
// Random numbers: Philox keyed by the parameter's id; stream 5 device-to-device (counter 0),
// 6 the rounding (counter = step), 7 the cycle-to-cycle noise (counter = step << 24 | pulse / 4).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "limen/memory/kinds.hpp"
#include "limen/physics/philox.hpp"
#include "limen/units/error.hpp"

namespace limen::memory {
namespace {

// More pulses than this for one parameter in one step is a learning rate the device cannot follow.
constexpr double kMaxPulsesPerStep = 1e6;

struct Cell {
  double dw_up, dw_down, w_min, w_max;
};

class DeviceMemory final : public Memory {
 public:
  DeviceMemory(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed)
      : Memory(spec, static_cast<long long>(ids.size())), d_(spec.device), ids_(std::move(ids)), seed_(seed) {
    if (d_.ideal || !d_.analog) return;
    cells_.resize(ids_.size());
    for (size_t i = 0; i < ids_.size(); ++i) {
      const auto z = physics::normals4(seed_, ids_[i], 0, 5);
      // aihwkit's documented PulsedDevice: dw^d = dw_min (1 + d beta + s xi),
      // beta = up_down + up_down_d2d xi'; bounds b (1 + s_b xi''). Steps kept positive, bounds ordered.
      const double beta = d_.up_down + d_.up_down_d2d * z[1];
      const double scale = 1 + d_.dw_min_d2d * z[0];
      Cell c;
      c.dw_up = std::max(0.0, d_.dw_min * (scale + beta));
      c.dw_down = std::max(0.0, d_.dw_min * (scale - beta));
      c.w_max = d_.w_max * (1 + d_.w_max_d2d * z[2]);
      c.w_min = d_.w_min * (1 + d_.w_min_d2d * z[3]);
      if (c.w_max < c.w_min) std::swap(c.w_max, c.w_min);
      cells_[i] = c;
    }
  }

  Model model() const override { return Model::device; }

  // The initial parameters written into the cells (their programming is not counted: the initial
  // state is the model's, THEORY 5.10): clipped to each cell's range, or rounded to the grid.
  void hold(std::span<double> w, Ledger&) override {
    if (d_.ideal) return;
    for (size_t i = 0; i < w.size(); ++i) {
      if (d_.analog) {
        w[i] = std::clamp(w[i] / d_.weight_scale, cells_[i].w_min, cells_[i].w_max) * d_.weight_scale;
      } else {
        w[i] = spec_.lower_wall() + std::round((w[i] - spec_.lower_wall()) / spec_.level) * spec_.level;
        w[i] = std::clamp(w[i], spec_.lower_wall(), spec_.upper_wall());
      }
    }
  }

  void set_barrier(std::span<const double>, double, Ledger&) override {}  // a device has no barrier control

  void move(std::span<double> w, std::span<const double> grad, double drive, const Landscape&, uint64_t step, double dt,
            Ledger& ledger) override {
    const double rate_dt = drive * dt;  // eta dt: the SGD step
    if (d_.ideal) {
      // w - (eta dt) g rounded once (fused multiply-add), as torch.optim.SGD's add_(g, alpha=-lr) does.
      for (size_t i = 0; i < w.size(); ++i) w[i] = std::fma(-rate_dt, grad[i], w[i]);
      return;
    }
    double pulses = 0;
    for (size_t i = 0; i < w.size(); ++i) {
      const double target = -rate_dt * grad[i];
      if (target == 0) continue;
      const double u = physics::uniforms4(seed_, ids_[i], step, 6)[0];
      if (!d_.analog) {
        const double levels = std::abs(target) / spec_.level;
        const double n = std::floor(levels) + (u < levels - std::floor(levels) ? 1 : 0);
        if (n == 0) continue;
        w[i] = std::clamp(w[i] + std::copysign(n * spec_.level, target), spec_.lower_wall(), spec_.upper_wall());
        pulses += spec_.bits;  // the word is rewritten
        continue;
      }
      const double steps = std::abs(target) / d_.weight_scale / d_.dw_min;
      if (steps > kMaxPulsesPerStep)
        throw RunError(fmt::format("device {}: step {} asks for {:.3g} pulses on one parameter (more than {:g}); lower the "
                                   "learning rate eta or raise [memory] weight_scale", d_.name, step + 1, steps,
                                   kMaxPulsesPerStep));
      const long long n = static_cast<long long>(std::floor(steps)) + (u < steps - std::floor(steps) ? 1 : 0);
      w[i] = pulse(i, w[i] / d_.weight_scale, n, target > 0, step) * d_.weight_scale;
      pulses += static_cast<double>(n);
    }
    const double reads = d_.reads_per_step * static_cast<double>(w.size());
    const double read_J = reads * (d_.analog ? d_.read_J : d_.read_J * spec_.bits);
    ledger.pulses += pulses;
    ledger.reads += reads;
    ledger.device_write_J += pulses * d_.write_J;
    ledger.device_read_J += read_J;
    ledger.device_J += pulses * d_.write_J + read_J;
  }

  void retain(std::span<double>, uint64_t, Ledger&) override {}  // a non-volatile cell keeps its state

  // Unit mobility in model units: the drive that asks for the rate eta is eta.
  double drift(double force, double) const override { return force; }
  double match_drive(std::span<const double>, double, double rate) const override { return rate > 0 ? rate : 0.0; }

 private:
  // n pulses up (or down) on cell i from state x (device units): the linear-step response.
  double pulse(size_t i, double x, long long n, bool up, uint64_t step) const {
    const Cell& c = cells_[i];
    std::array<double, 4> z{};
    for (long long k = 0; k < n; ++k) {
      double dx = up ? c.dw_up * (1 - d_.gamma_up * x / d_.w_max) : -c.dw_down * (1 - d_.gamma_down * x / d_.w_min);
      if (d_.c2c > 0) {
        if (k % 4 == 0) z = physics::normals4(seed_, ids_[i], (step << 24) | static_cast<uint64_t>(k / 4), 7);
        const double xi = z[static_cast<size_t>(k % 4)];
        dx = d_.c2c_multiplicative ? dx * (1 + d_.c2c * xi) : dx + d_.c2c * (up ? c.dw_up : c.dw_down) * xi;
      }
      x = std::clamp(x + dx, c.w_min, c.w_max);
    }
    return x;
  }

  DeviceSpec d_;
  std::vector<uint64_t> ids_;
  uint64_t seed_;
  std::vector<Cell> cells_;
};

}  // namespace

std::unique_ptr<Memory> make_device(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed) {
  if (spec.device.one_sided_pair) return make_device_pair(spec, std::move(ids), seed);
  return std::make_unique<DeviceMemory>(spec, std::move(ids), seed);
}

Json device_assumptions(const MemorySpec& spec) {
  const DeviceSpec& d = spec.device;
  if (d.one_sided_pair) return pair_assumptions(spec);
  Json j{{"model", "device"}, {"device", d.name}};
  j["desired_update"] = "dw = -eta dt g, the plain SGD step (THEORY 5's gradient-flow rate)";
  if (d.ideal) {
    j["response"] = "ideal: the update applied exactly (continuous, linear, noiseless, unbounded), no energy";
    return j;
  }
  if (d.analog) {
    j["response"] = "linear-step pulses: up dw_up (1 - gamma_up w/w_max), down dw_down (1 - gamma_down w/w_min), "
                    "cycle-to-cycle noise, clipped to the cell's bounds; pulses = stochastic rounding of dw / dw_min";
    j["dw_min"] = d.dw_min;
    j["range"] = {d.w_min, d.w_max};
    j["gamma"] = {d.gamma_up, d.gamma_down};
    j["up_down"] = d.up_down;
    j["c2c"] = d.c2c;
    j["c2c_multiplicative"] = d.c2c_multiplicative;
    j["d2d"] = {{"dw_min", d.dw_min_d2d}, {"up_down", d.up_down_d2d}, {"w_max", d.w_max_d2d}, {"w_min", d.w_min_d2d}};
    j["weight_scale"] = d.weight_scale;
    j["write_J_per_pulse"] = d.write_J;
    j["read_J_per_cell"] = d.read_sourced ? Json(d.read_J) : Json(nullptr);
  } else {
    j["response"] = "digital b-bit word on the grid of [memory] level between the walls; the update rounded stochastically "
                    "to the grid; a changed word rewrites its b bits";
    j["bits"] = spec.bits;
    j["level"] = spec.level;
    j["walls"] = {spec.lower_wall(), spec.upper_wall()};
    j["write_J_per_bit"] = d.write_J;
    j["read_J_per_bit"] = d.read_sourced ? Json(d.read_J) : Json(nullptr);
  }
  j["reads_per_parameter_per_step"] = d.reads_per_step;
  if (!d.read_sourced) j["read_note"] = "no sourced read energy in the catalog: reads are counted, not charged";
  return j;
}

}  // namespace limen::memory
