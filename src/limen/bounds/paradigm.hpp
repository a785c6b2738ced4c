#pragma once
// A paradigm is a way of building the trainer (THEORY.md section 4). Each reports the energy of a
// workload as four walls: compute, memory (reading parameters), update (writing them) and
// consolidation (short-term to long-term), and the assumptions it used.
#include <memory>
#include <string>
#include <vector>

#include "limen/bounds/device.hpp"
#include "limen/catalog/catalog.hpp"
#include "limen/io/output.hpp"
#include "limen/units/error.hpp"
#include "limen/workload/workload.hpp"

namespace limen {

struct Breakdown {
  double compute_J = 0, memory_J = 0, update_J = 0, consolidation_J = 0;
  double total_J() const { return compute_J + memory_J + update_J + consolidation_J; }
};

class Paradigm {
 public:
  virtual ~Paradigm() = default;
  virtual std::string name() const = 0;
  // The energy; pure arithmetic, no allocation (the sweeps evaluate it millions of times).
  virtual Breakdown energy(const Workload& w, const Device& d) const = 0;
  // What the number rests on: per-event costs (in kT and J), time scales, catalog figures, sources.
  virtual Json assumptions(const Workload& w, const Device& d) const = 0;
  // hw: paradigms also report their hardware lower bound (MFU = 1, PUE = 1); others return < 0.
  virtual double lower_bound_J(const Workload& w, const Device& d) const { return -1; }
};

// The physics-floor paradigms, in ladder order: landauer, lim, cim, cim-volatile, vn.
const std::vector<std::string>& physics_paradigm_names();

// Builds a paradigm by name: a physics-floor name, "tech:<node>" or "hw:<chip>" (from the catalog).
// Throws InputError naming --paradigm with the nearest valid name.
std::unique_ptr<Paradigm> make_paradigm(const std::string& name, const Catalog& catalog);

// Time scales shared by the physics-floor paradigms (THEORY §4):
// tau_op = P T_train / F (one operation per unit), tau_up = T_train / M (one update step).
double tau_op_s(const Workload& w);
double tau_up_s(const Workload& w);
// K consolidations: one per `consolidate_every` steps, and at least the final one.
double consolidations(const Workload& w, const Device& d);

}  // namespace limen
