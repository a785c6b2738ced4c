// A one-sided differential pair (README "Device memories", catalog.hpp PairResponse): the weight of
// a parameter is w = weight_scale (g+ - g-), two devices that only potentiate (PCM: partial-SET
// pulses; RESET is abrupt), after aihwkit's OneSidedUnitCell holding two PCMPresetDevice
// (ExpStepDevice; Nandakumar et al., Front. Neurosci. 14, 406, 2020):
//   update   the desired SGD step dw = -eta dt g in nominal steps dw_min, stochastically rounded to n
//            SET pulses, all on g+ (dw > 0) or all on g- (dw < 0);
//   pulse    dg = dw_min_i max(0, 1 - A exp(gamma z)), z = 2 a g / g_max_i + b (aihwkit's exp step),
//            plus noise of sd c2c (dg + c2c_add + c2c_slope |g|) (aihwkit's complex noise; c2c dg
//            when add and slope are 0), clipped to [0, g_max_i];
//   refresh  every refresh_every steps both devices are read (2 reads per parameter); a pair whose
//            larger device is above refresh_upper g_max and smaller above refresh_lower g_max
//            (aihwkit's OneSidedRPUDevice::refreshCriterion, nominal g_max) is refreshed: both
//            devices RESET (to their reset level, d2d, plus reset_c2c noise: one RESET pulse each)
//            and the difference rewritten into the device on its side by SET pulses, either
//            "verify" (read, pulse while the noiseless next step would end nearer the target; at
//            most refresh_max_pulses) or "open-loop" (round(|diff| / dw_min) pulses, at most
//            refresh_max_pulses: aihwkit's rewrite with desired_bl = 31).
// Not modelled: conductance drift, read noise, the refresh read's ADC (reads are exact).
// Energy: every SET pulse at write_J, every RESET at reset_J, every cell read at read_J when sourced
// (reads count cells: a parameter read reads both devices).
// Random numbers (Philox keyed by the parameter's id): stream 5 the device-to-device draws (counter
// 0 for g+, 1 for g-), 6 the update rounding, 7 the update's c2c noise, 10 the reset noise, 11 the
// rewrite's c2c noise, 12 the open-loop rewrite's rounding.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "limen/memory/kinds.hpp"
#include "limen/physics/philox.hpp"
#include "limen/units/error.hpp"

namespace limen::memory {
namespace {

constexpr double kMaxPulsesPerStep = 1e6;

struct Device {
  double g, dw, g_max, reset;  // conductance, its SET step scale, its bound and reset level (device units)
};

class PairMemory final : public Memory {
 public:
  PairMemory(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed)
      : Memory(spec, static_cast<long long>(ids.size())), d_(spec.device), p_(spec.device.pair), ids_(std::move(ids)),
        seed_(seed), dev_(2 * ids_.size()) {
    for (size_t i = 0; i < ids_.size(); ++i)
      for (uint64_t side = 0; side < 2; ++side) {
        // aihwkit PulsedRPUDevice::populate (enforce_consistency): the up step (1 + d2d xi + r) dw_min,
        // r the up/down spread, |.|; bounds g_max (1 + d2d xi''); reset level reset + reset_d2d xi'''.
        const auto z = physics::normals4(seed_, ids_[i], side, 5);
        Device& d = dev_[2 * i + side];
        d.dw = std::abs(1 + p_.dw_min_d2d * z[0] + p_.up_down_d2d * z[1]) * p_.dw_min;
        d.g_max = std::abs(p_.g_max * (1 + p_.g_max_d2d * z[2]));
        d.reset = std::clamp(p_.reset + p_.reset_d2d * z[3], 0.0, d.g_max);
        d.g = 0;
      }
  }

  Model model() const override { return Model::device; }

  // The initial parameters written into the pair (not counted, THEORY 5.10): w > 0 on g+, w < 0 on
  // g- (aihwkit OneSidedRPUDevice::onSetWeights), each clipped to its device's range.
  void hold(std::span<double> w, Ledger&) override {
    for (size_t i = 0; i < w.size(); ++i) {
      const double x = w[i] / d_.weight_scale;
      plus(i).g = std::clamp(x, 0.0, plus(i).g_max);
      minus(i).g = std::clamp(-x, 0.0, minus(i).g_max);
      w[i] = weight(i);
    }
  }

  void set_barrier(std::span<const double>, double, Ledger&) override {}

  void move(std::span<double> w, std::span<const double> grad, double drive, const Landscape&, uint64_t step, double dt,
            Ledger& ledger) override {
    const double rate_dt = drive * dt;
    // Cell reads: a parameter read (2 B per step) reads both devices of its pair.
    double pulses = 0, reads = 2 * d_.reads_per_step * static_cast<double>(w.size());
    for (size_t i = 0; i < w.size(); ++i) {
      const double target = -rate_dt * grad[i];
      if (target == 0) continue;
      const double steps = std::abs(target) / d_.weight_scale / p_.dw_min;
      if (steps > kMaxPulsesPerStep)
        throw RunError(fmt::format("device {}: step {} asks for {:.3g} pulses on one parameter (more than {:g}); lower the "
                                   "learning rate eta or raise [memory] weight_scale", d_.name, step + 1, steps,
                                   kMaxPulsesPerStep));
      const double u = physics::uniforms4(seed_, ids_[i], step, 6)[0];
      const long long n = static_cast<long long>(std::floor(steps)) + (u < steps - std::floor(steps) ? 1 : 0);
      Device& d = target > 0 ? plus(i) : minus(i);
      std::array<double, 4> z{};
      for (long long k = 0; k < n; ++k) {
        if (k % 4 == 0) z = physics::normals4(seed_, ids_[i], (step << 24) | static_cast<uint64_t>(k / 4), 7);
        d.g = set_pulse(d, z[static_cast<size_t>(k % 4)]);
      }
      pulses += static_cast<double>(n);
      w[i] = weight(i);
    }
    double resets = 0, refreshes = 0, refresh_pulses = 0;
    if ((step + 1) % static_cast<uint64_t>(p_.refresh_every) == 0) {
      reads += 2.0 * static_cast<double>(w.size());  // both devices of every pair read
      for (size_t i = 0; i < w.size(); ++i) {
        if (!needs_refresh(plus(i).g, minus(i).g)) continue;
        double rewrite_reads = 0;
        const double k = refresh(i, step, rewrite_reads);
        refreshes += 1;
        resets += 2;
        refresh_pulses += k;
        reads += rewrite_reads;
        w[i] = weight(i);
      }
    }
    const double set_J = (pulses + refresh_pulses) * d_.write_J, reset_J = resets * p_.reset_J;
    const double read_J = reads * d_.read_J;  // 0 where no read energy is sourced
    ledger.pulses += pulses + refresh_pulses;
    ledger.refresh_pulses += refresh_pulses;
    ledger.refreshes += refreshes;
    ledger.resets += resets;
    ledger.reads += reads;
    ledger.device_write_J += set_J;
    ledger.device_reset_J += reset_J;
    ledger.device_read_J += read_J;
    ledger.device_J += set_J + reset_J + read_J;
  }

  void retain(std::span<double>, uint64_t, Ledger&) override {}  // drift is not modelled

  double drift(double force, double) const override { return force; }
  double match_drive(std::span<const double>, double, double rate) const override { return rate > 0 ? rate : 0.0; }

 private:
  Device& plus(size_t i) { return dev_[2 * i]; }
  Device& minus(size_t i) { return dev_[2 * i + 1]; }
  double weight(size_t i) const { return (dev_[2 * i].g - dev_[2 * i + 1].g) * d_.weight_scale; }

  // The noiseless SET step of device d at conductance g (aihwkit ExpStepDevice, up direction).
  double step_at(const Device& d, double g) const {
    const double z = 2 * p_.exp_a * g / d.g_max + p_.exp_b;
    return d.dw * std::max(0.0, 1 - p_.exp_A * std::exp(p_.exp_gamma * z));
  }

  // One SET pulse with its cycle-to-cycle noise xi (a standard normal).
  double set_pulse(const Device& d, double xi) const {
    const double dg = step_at(d, d.g);
    const double sd = p_.c2c_add > 0 || p_.c2c_slope > 0 ? p_.c2c * (dg + p_.c2c_add + p_.c2c_slope * std::abs(d.g))
                                                          : p_.c2c * dg;
    return std::clamp(d.g + dg + sd * xi, 0.0, d.g_max);
  }

  // aihwkit OneSidedRPUDevice::refreshCriterion, against the nominal g_max.
  bool needs_refresh(double gp, double gm) const {
    const double hi = std::max(gp, gm) / p_.g_max, lo = std::min(gp, gm) / p_.g_max;
    return hi > p_.refresh_upper && lo > p_.refresh_lower;
  }

  // RESET both devices of pair i and rewrite their difference into one of them; returns the SET
  // pulses spent and adds the verify reads to `reads`.
  double refresh(size_t i, uint64_t step, double& reads) {
    const double diff = plus(i).g - minus(i).g;
    const auto zr = physics::normals4(seed_, ids_[i], step, 10);
    for (int side = 0; side < 2; ++side) {
      Device& d = dev_[2 * i + static_cast<size_t>(side)];
      d.g = std::clamp(d.reset + p_.reset_c2c * zr[static_cast<size_t>(side)], 0.0, d.g_max);
    }
    Device& d = diff > 0 ? plus(i) : minus(i);
    const Device& other = diff > 0 ? minus(i) : plus(i);
    const double goal = std::abs(diff) + other.g;  // g_side - g_other = |diff|
    long long n = 0;
    std::array<double, 4> z{};
    const auto pulse = [&] {
      if (n % 4 == 0) z = physics::normals4(seed_, ids_[i], (step << 24) | static_cast<uint64_t>(n / 4), 11);
      d.g = set_pulse(d, z[static_cast<size_t>(n % 4)]);
      ++n;
    };
    if (p_.refresh_verify) {
      // Read, then pulse while the noiseless next step would end nearer the goal than where it is.
      while (n < p_.refresh_max_pulses && d.g < d.g_max) {
        reads += 1;
        if (d.g + step_at(d, d.g) / 2 >= goal) break;
        pulse();
      }
    } else {
      const double want = std::abs(diff) / p_.dw_min;
      const double u = physics::uniforms4(seed_, ids_[i], step, 12)[0];
      const long long k = static_cast<long long>(std::floor(want)) + (u < want - std::floor(want) ? 1 : 0);
      while (n < std::min(k, p_.refresh_max_pulses)) pulse();
    }
    return static_cast<double>(n);
  }

  DeviceSpec d_;
  PairSpec p_;
  std::vector<uint64_t> ids_;
  uint64_t seed_;
  std::vector<Device> dev_;  // g+ of parameter i at 2 i, g- at 2 i + 1
};

}  // namespace

std::unique_ptr<Memory> make_device_pair(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed) {
  return std::make_unique<PairMemory>(spec, std::move(ids), seed);
}

Json pair_assumptions(const MemorySpec& spec) {
  const DeviceSpec& d = spec.device;
  const PairSpec& p = d.pair;
  Json j{{"model", "device"}, {"device", d.name}};
  j["desired_update"] = "dw = -eta dt g, the plain SGD step (THEORY 5's gradient-flow rate)";
  j["response"] = "one-sided differential pair w = g+ - g-: SET pulses only (dw > 0 on g+, dw < 0 on g-), "
                  "stochastic rounding of dw / dw_min to pulses; exp step dg = dw_min max(0, 1 - A exp(gamma z)), "
                  "z = 2 a g / g_max + b, c2c sd c2c (dg + c2c_add + c2c_slope |g|); refresh: both RESET and the "
                  "difference rewritten when the larger device is above refresh_upper g_max and the smaller above "
                  "refresh_lower g_max";
  j["dw_min"] = p.dw_min;
  j["g_max"] = p.g_max;
  j["exp_step"] = {{"a", p.exp_a}, {"b", p.exp_b}, {"A", p.exp_A}, {"gamma", p.exp_gamma}};
  j["c2c"] = {{"c2c", p.c2c}, {"add", p.c2c_add}, {"slope", p.c2c_slope}};
  j["d2d"] = {{"dw_min", p.dw_min_d2d}, {"up_down", p.up_down_d2d}, {"g_max", p.g_max_d2d}};
  j["reset"] = {{"level", p.reset}, {"d2d", p.reset_d2d}, {"c2c", p.reset_c2c}};
  j["refresh"] = {{"upper", p.refresh_upper}, {"lower", p.refresh_lower}, {"every_steps", p.refresh_every},
                  {"write", p.refresh_verify ? "verify" : "open-loop"}, {"max_pulses", p.refresh_max_pulses}};
  j["not_modelled"] = "conductance drift, read noise, the refresh read's ADC (reads exact)";
  j["weight_scale"] = d.weight_scale;
  j["write_J_per_pulse"] = d.write_J;
  j["reset_J_per_pulse"] = p.reset_J;
  j["read_J_per_cell"] = d.read_sourced ? Json(d.read_J) : Json(nullptr);
  j["reads_per_parameter_per_step"] = d.reads_per_step;
  j["reads"] = "cell reads: 2 per parameter read (both devices), 2 per parameter per refresh check, one per verify read";
  if (!d.read_sourced) j["read_note"] = "no sourced read energy in the catalog: reads are counted, not charged";
  return j;
}

}  // namespace limen::memory
