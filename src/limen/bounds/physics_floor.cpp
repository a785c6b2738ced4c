// The physics-floor paradigms of THEORY.md section 4: landauer, lim, cim, cim-volatile, vn.
// All share one compute floor (F b eps_L(tau_op), or quasi-static for landauer and vn) so that
// they differ only in their walls. Energies: per-event costs in kT times kT in joules.
#include <fmt/format.h>

#include <cmath>

#include "limen/bounds/elementary.hpp"
#include "limen/bounds/paradigm.hpp"

namespace limen {
namespace {

using namespace bounds;

double barrier_long_kT(const Device& d) { return retention_barrier_kT(d.tau0_s, d.retention_long_s, d.error_prob); }
double barrier_short_kT(const Device& d) { return retention_barrier_kT(d.tau0_s, d.retention_short_s, d.error_prob); }

// §4 lim compute: every FLOP's b-bit result is written in finite time tau_op: F b eps_L(tau_op).
double finite_time_compute_J(const Workload& w, const Device& d) {
  return w.flops * w.bits * finite_time_erasure_kT(tau_op_s(w), d.tau_D()) * d.kT_J();
}
// §4 landauer: F b kT ln 2.
double landauer_J(const Workload& w, const Device& d) { return w.flops * w.bits * landauer_kT() * d.kT_J(); }

// §4 cim-volatile update and consolidation walls (shared with vn): online writes into short-term
// cells at eps_w(E_b short, tau_up), and K copies of N b bits into long-term cells. A copy may take
// the whole interval between consolidations, tau_c = T_train / K (the floor: the longest write).
Breakdown volatile_walls(const Workload& w, const Device& d) {
  Breakdown b;
  b.update_J = w.update_ops * w.bits * static_write_kT(barrier_short_kT(d), d.tau0_s, tau_up_s(w)) * d.kT_J();
  const double K = consolidations(w, d);
  b.consolidation_J = K * w.params * w.bits * static_write_kT(barrier_long_kT(d), d.tau0_s, w.train_time_s / K) * d.kT_J();
  return b;
}

Json common_assumptions(const Workload& w, const Device& d) {
  return Json{{"tau_op_s", tau_op_s(w)},
              {"tau_up_s", tau_up_s(w)},
              {"tau_D_s", d.tau_D()},
              {"P", parallel_units_in_memory(w)},
              {"eps_L_kT", finite_time_erasure_kT(tau_op_s(w), d.tau_D())}};
}

class Landauer final : public Paradigm {
 public:
  std::string name() const override { return "landauer"; }
  Breakdown energy(const Workload& w, const Device& d) const override { return {landauer_J(w, d), 0, 0, 0}; }
  Json assumptions(const Workload& w, const Device& d) const override {
    return Json{{"rule", "E = F b kT ln 2: every FLOP's b-bit result overwrites a register quasi-statically (THEORY 3.1, 4)"},
                {"per_bit_kT", landauer_kT()},
                {"per_bit_J", landauer_kT() * d.kT_J()}};
  }
};

class Lim final : public Paradigm {
 public:
  std::string name() const override { return "lim"; }
  // §4 lim: update = OPS gamma (n_u l)^2 / tau_up + alpha N b kT ln 2; memory = consolidation = 0.
  Breakdown energy(const Workload& w, const Device& d) const override {
    Breakdown b;
    b.compute_J = finite_time_compute_J(w, d);
    b.update_J = (w.update_ops * transport_kT(d.update_levels, tau_up_s(w), d.tau_D()) +
                  d.lim_overhead * w.params * w.bits * kLn2) * d.kT_J();
    return b;
  }
  Json assumptions(const Workload& w, const Device& d) const override {
    Json a = common_assumptions(w, d);
    a["rule"] = "compute F b eps_L(tau_op); update OPS gamma (n_u l)^2/tau_up + alpha N b kT ln 2; no memory or consolidation wall (THEORY 4, 5)";
    a["update_transport_kT_per_op"] = transport_kT(d.update_levels, tau_up_s(w), d.tau_D());
    a["precision_floor_J"] = w.params * w.bits * kLn2 * d.kT_J();
    a["update_levels"] = d.update_levels;
    a["lim_overhead"] = d.lim_overhead;
    return a;
  }
};

class Cim final : public Paradigm {
 public:
  explicit Cim(bool is_volatile) : volatile_(is_volatile) {}
  std::string name() const override { return volatile_ ? "cim-volatile" : "cim"; }
  Breakdown energy(const Workload& w, const Device& d) const override {
    Breakdown b = volatile_ ? volatile_walls(w, d) : Breakdown{};
    b.compute_J = finite_time_compute_J(w, d);
    // §4 cim: every update writes b bits into static long-term cells: OPS b eps_w(E_b long, tau_up).
    if (!volatile_) b.update_J = w.update_ops * w.bits * write_kT(w, d) * d.kT_J();
    return b;
  }
  Json assumptions(const Workload& w, const Device& d) const override {
    Json a = common_assumptions(w, d);
    if (volatile_) {
      a["rule"] = "compute as lim; update OPS b eps_w(E_b short, tau_up); consolidation K N b eps_w(E_b long, T_train/K) (THEORY 4)";
      a["barrier_short_kT"] = barrier_short_kT(d);
      a["eps_w_short_kT"] = static_write_kT(barrier_short_kT(d), d.tau0_s, tau_up_s(w));
      a["consolidations_K"] = consolidations(w, d);
      a["eps_w_consolidation_kT"] = static_write_kT(barrier_long_kT(d), d.tau0_s, w.train_time_s / consolidations(w, d));
    } else {
      a["rule"] = "compute as lim; update OPS b eps_w(E_b long, tau_up) on static non-volatile cells (THEORY 3.4, 4)";
      a["eps_w_kT"] = write_kT(w, d);
    }
    a["barrier_long_kT"] = barrier_long_kT(d);
    return a;
  }

 private:
  double write_kT(const Workload& w, const Device& d) const { return static_write_kT(barrier_long_kT(d), d.tau0_s, tau_up_s(w)); }
  bool volatile_;
};

class VonNeumann final : public Paradigm {
 public:
  std::string name() const override { return "vn"; }
  // §4 vn: compute as landauer; memory F r b eps_L(tau_op), r = 2 / reuse fetches per FLOP;
  // update and consolidation as cim-volatile.
  Breakdown energy(const Workload& w, const Device& d) const override {
    Breakdown b = volatile_walls(w, d);
    b.compute_J = landauer_J(w, d);
    b.memory_J = w.flops * (2.0 / d.reuse) * w.bits * finite_time_erasure_kT(tau_op_s(w), d.tau_D()) * d.kT_J();
    return b;
  }
  Json assumptions(const Workload& w, const Device& d) const override {
    Json a = common_assumptions(w, d);
    a["rule"] = "compute F b kT ln 2; memory F r b eps_L(tau_op) with r = 2/reuse; update and consolidation as cim-volatile (THEORY 4)";
    a["fetches_per_flop_r"] = 2.0 / d.reuse;
    a["barrier_short_kT"] = barrier_short_kT(d);
    a["barrier_long_kT"] = barrier_long_kT(d);
    a["consolidations_K"] = consolidations(w, d);
    return a;
  }
};

}  // namespace

double tau_op_s(const Workload& w) { return parallel_units_in_memory(w) * w.train_time_s / w.flops; }
double tau_up_s(const Workload& w) { return w.train_time_s / w.steps; }
double consolidations(const Workload& w, const Device& d) { return std::max(1.0, std::floor(w.steps / d.consolidate_every)); }

const std::vector<std::string>& physics_paradigm_names() {
  static const std::vector<std::string> names{"landauer", "lim", "cim", "cim-volatile", "vn"};
  return names;
}

std::unique_ptr<Paradigm> make_physics_paradigm(const std::string& name) {
  if (name == "landauer") return std::make_unique<Landauer>();
  if (name == "lim") return std::make_unique<Lim>();
  if (name == "cim") return std::make_unique<Cim>(false);
  if (name == "cim-volatile") return std::make_unique<Cim>(true);
  if (name == "vn") return std::make_unique<VonNeumann>();
  return nullptr;
}

}  // namespace limen
