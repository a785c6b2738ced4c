#include "limen/memory/memory.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "limen/memory/kinds.hpp"
#include "limen/physics/mobility.hpp"
#include "limen/physics/tilted_transport.hpp"

namespace limen::memory {

std::string model_name(Model m) {
  switch (m) {
    case Model::coarse: return "coarse";
    case Model::resolved: return "resolved";
    case Model::linear_response: return "linear-response";
    case Model::device: return "device";
  }
  return "?";
}

double Memory::match_drive(std::span<const double> grad, double barrier_kT, double rate) const {
  return solve_drive(grad, rate, spec_.mobility0_model(), physics::mobility_ratio(barrier_kT),
                     [&](double force) { return drift(force, barrier_kT); });
}

// THEORY §5.4: phi(kappa) = sum_i |g_i| v(kappa |g_i|) / sum_i g_i^2 rises with kappa (the drift of
// the tilted cosine rises with the force), from mu_eff kappa at weak drive to mu_0 kappa: the root
// of phi = rate lies in [rate / mu_0, rate / mu_eff]. Regula falsi (Illinois) on ln kappa.
double solve_drive(std::span<const double> grad, double rate, double mobility0, double ratio0,
                   const std::function<double(double)>& drift, double* warm) {
  if (!(rate > 0)) return 0;
  double g2 = 0;
  for (double g : grad) g2 += g * g;
  const double k_lr = rate / (mobility0 * ratio0);  // the weak-drive (linear-response) answer
  if (!(g2 > 0)) return k_lr;
  const auto h = [&](double log_kappa) {
    const double kappa = std::exp(log_kappa);
    double s = 0;
    for (double g : grad)
      if (g != 0) s += std::abs(g) * drift(kappa * std::abs(g));
    return std::log(s / g2) - std::log(rate);
  };
  double lo = std::log(rate / mobility0), hi = std::log(k_lr);
  if (hi - lo < 1e-13) return k_lr;
  double a = lo, b = hi;
  if (warm && *warm > 0) {  // a bracket around the last step's answer, widened until it holds
    const double c = std::clamp(std::log(*warm), lo, hi);
    a = std::max(lo, c - 0.05);
    b = std::min(hi, c + 0.05);
  }
  double ha = h(a), hb = h(b);
  for (double width = 0.1; ha > 0 && a > lo; width *= 4) {
    b = a;
    hb = ha;
    a = std::max(lo, a - width);
    ha = h(a);
  }
  for (double width = 0.1; hb < 0 && b < hi; width *= 4) {
    a = b;
    ha = hb;
    b = std::min(hi, b + width);
    hb = h(b);
  }
  if (ha >= 0) return std::exp(a);
  if (hb <= 0) return std::exp(b);
  int side = 0;
  for (int it = 0; it < 200 && b - a > 1e-13; ++it) {
    const double c = (a * hb - b * ha) / (hb - ha);
    const double hc = h(c);
    if (hc == 0) {
      a = b = c;
      break;
    }
    if ((hc < 0) == (ha < 0)) {
      a = c;
      ha = hc;
      if (side == -1) hb *= 0.5;
      side = -1;
    } else {
      b = c;
      hb = hc;
      if (side == 1) ha *= 0.5;
      side = 1;
    }
    if (std::abs(hc) < 1e-13) {
      a = b = c;
      break;
    }
  }
  const double kappa = std::exp(0.5 * (a + b));
  if (warm) *warm = kappa;
  return kappa;
}

void Memory::reflect(std::span<double> w) {
  const double lo = spec_.lower_wall(), hi = spec_.upper_wall();
  for (size_t i = 0; i < w.size(); ++i) {
    double x = w[i];
    if (x >= lo && x <= hi) continue;
    touched_[i] = 1;
    for (int k = 0; k < 8 && (x < lo || x > hi); ++k) x = x < lo ? 2 * lo - x : 2 * hi - x;
    w[i] = std::clamp(x, lo, hi);
  }
}

long long Memory::wall_touches() const {
  return static_cast<long long>(std::count(touched_.begin(), touched_.end(), 1));
}

std::unique_ptr<Memory> make_memory(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed) {
  switch (spec.model) {
    case Model::coarse: return make_coarse(spec, std::move(ids), seed);
    case Model::resolved: return make_resolved(spec, std::move(ids), seed);
    case Model::linear_response: return make_linear_response(spec, std::move(ids), seed);
    case Model::device: return make_device(spec, std::move(ids), seed);
  }
  return nullptr;
}

Json memory_assumptions(const MemorySpec& spec) {
  Json j;
  j["model"] = model_name(spec.model);
  if (spec.model == Model::device) return device_assumptions(spec);
  j["potential"] = "U_mem = (E_b/2)(1 - cos(2 pi (w - offset)/l)), reflecting walls at offset and offset + 2^b l (THEORY 5.1)";
  j["mobility0_level2_per_kT_time"] = spec.mobility0;
  j["level"] = spec.level;
  j["offset"] = spec.offset;
  j["walls"] = {spec.lower_wall(), spec.upper_wall()};
  j["retention_barrier_kT"] = spec.retention_barrier;
  switch (spec.model) {
    case Model::coarse:
      j["transport"] = "exact long-time drift v(F, E_b) and diffusion D(F, E_b) of the tilted cosine (THEORY 5.3), tabulated to 1e-3";
      j["barrier_work"] = "(E_b' - E_b) <(1 - cos)/2> over the pre-change stationary density p_s(F, E_b) (THEORY 5.3)";
      break;
    case Model::resolved:
      j["transport"] = "every parameter a Langevin particle in U_mem + kappa L_B, Euler-Maruyama sub-steps (THEORY 5.2)";
      j["substep"] = spec.substep;
      break;
    case Model::device: break;
    case Model::linear_response:
      j["transport"] = "v = mu_eff(E_b) F, D = mu_eff kT (THEORY 5.5): valid while beta |F| l <= 0.5";
      j["barrier_work"] = "(E_b' - E_b) <(1 - cos)/2> over the Boltzmann density of the well (the weak-drive limit)";
      break;
  }
  j["drive"] = "kappa from Lyapunov matching (THEORY 5.4): sum_i g_i v(-kappa g_i) = -rate |g|^2";
  return j;
}

}  // namespace limen::memory
