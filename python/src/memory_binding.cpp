// limen._limen.MemoryStepper: limen's Memory (memory/memory.hpp) for the PyTorch bridge
// limen.torch.MemoryOptimizer. The physics stays here: the schedule sets E_b and the rate, the
// memory's Lyapunov matching sets the drive kappa over all parameters together (THEORY 5.4), each
// parameter tensor is its own Memory moving the tensor's storage in place (float64, contiguous:
// no copy), and the ledger is the training loop's (memory_optimizer.hpp): drive work when kappa or
// the minibatch changes at fixed w, heat kappa [L_B(w_n) - L_B(w_{n+1})], the memory's own
// barrier work and heat, and a device memory's energy. Python only hands over arrays and losses.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <span>
#include <vector>

#include "limen/io/config.hpp"
#include "limen/learn/bound.hpp"
#include "limen/learn/schedule.hpp"
#include "limen/learn/setup.hpp"
#include "limen/memory/memory.hpp"
#include "limen/physics/langevin.hpp"
#include "limen/sweep/evaluate.hpp"
#include "limen/units/constants.hpp"
#include "limen/units/error.hpp"

namespace py = pybind11;

namespace {

using Array = py::array_t<double, py::array::c_style>;

class MemoryStepper {
 public:
  // `config_json`: a train config as limen.torch builds it ([memory], [schedule], [model] quadratic
  // with `parameters` = the total count, [train] eta, time and steps), read by limen's own reader so
  // errors name the key and range; `sizes`: the tensors' element counts; `reads_per_step`: parameter
  // reads per step for a device's read energy (2 B: forward and backward per sample).
  // `replica` keys the noise as `limen train`'s replica of that index does (ids (replica << 40) + i).
  MemoryStepper(const std::string& config_json, const std::vector<long long>& sizes, uint64_t seed, double reads_per_step,
                int replica)
      : setup_(limen::learn::read_train_setup(
            limen::Config::parse(limen::sweep::toml_text(limen::Json::parse(config_json)), "limen.torch"))),
        schedule_(setup_.schedule, setup_.memory, setup_.run.eta, setup_.run.time, setup_.model->size()),
        seed_(seed) {
    setup_.memory.device.reads_per_step = reads_per_step;
    if (setup_.memory.model == limen::memory::Model::resolved)
      throw limen::InputError("memory: the resolved memory needs the loss at every sub-step; limen.torch takes coarse, "
                              "linear-response or device");
    uint64_t offset = 0;
    const uint64_t base = static_cast<uint64_t>(replica) << 40;
    for (long long n : sizes) {
      std::vector<uint64_t> ids(static_cast<size_t>(n));
      for (size_t i = 0; i < ids.size(); ++i) ids[i] = base + offset + i;
      offset += static_cast<uint64_t>(n);
      memories_.push_back(limen::memory::make_memory(setup_.memory, std::move(ids), seed));
      heat_.push_back(0);
      device_J_.push_back(0);
    }
    total_ = static_cast<long long>(offset);
    // One memory over all the parameters for the Lyapunov matching (THEORY 5.4 matches the whole
    // gradient at once, as `limen train`'s single memory does); a Memory's buffers are sized to its
    // own parameters, so the per-tensor memories cannot be handed the concatenated gradient.
    std::vector<uint64_t> all(static_cast<size_t>(total_));
    for (size_t i = 0; i < all.size(); ++i) all[i] = base + i;
    matcher_ = limen::memory::make_memory(setup_.memory, std::move(all), seed);
  }

  // The initial state (THEORY 5.10): each tensor held by its memory (a device writes it into its cells).
  void hold(std::vector<Array> ws) {
    check(ws);
    for (size_t k = 0; k < ws.size(); ++k) memories_[k]->hold(span(ws[k]), ledger_);
    u_mem0_ = ledger_.u_kT;
  }

  // One step n: loss = L_B(w_n) and grads at w_n; moves every tensor; returns kappa.
  double move(std::vector<Array> ws, std::vector<Array> grads, double loss) {
    check(ws);
    check(grads);
    const double dt = setup_.run.dt(), t = static_cast<double>(step_) * dt;
    average_ = step_ == 0 ? loss : average_ + (loss - average_) / setup_.schedule.average_steps;
    const limen::learn::Setting set = schedule_.at(t + 0.5 * dt, average_, setup_.run.loss_min);
    barrier_ = set.barrier_kT;
    all_grad_.clear();
    all_w_.clear();
    for (size_t k = 0; k < ws.size(); ++k) {
      memories_[k]->set_barrier(span(ws[k]), barrier_, ledger_);
      const auto g = span(grads[k]), w = span(ws[k]);
      all_grad_.insert(all_grad_.end(), g.begin(), g.end());
      all_w_.insert(all_w_.end(), w.begin(), w.end());
    }
    limen::memory::Ledger scratch;  // the matcher's own barrier bookkeeping is not the run's
    matcher_->set_barrier(all_w_, barrier_, scratch);
    kappa_ = matcher_->match_drive(all_grad_, barrier_, set.rate);
    limen::physics::sekimoto_work(work_kT_, u_drive_, kappa_ * loss);
    for (size_t k = 0; k < ws.size(); ++k) {
      const double before = ledger_.heat_kT, device_before = ledger_.device_J;
      memories_[k]->move(span(ws[k]), span(grads[k]), kappa_, {}, step_, dt, ledger_);
      heat_[k] += ledger_.heat_kT - before;
      device_J_[k] += ledger_.device_J - device_before;
    }
    ++step_;
    return kappa_;
  }

  // After the move: loss_moved = L_B(w_{n+1}) on the same minibatch; books the drive's heat.
  void moved(double loss_moved) { limen::physics::sekimoto_heat(drive_heat_kT_, u_drive_, kappa_ * loss_moved); }

  // The end of a run (THEORY 5.1), as `limen train` ends: the barrier raised to retention at fixed
  // state, the drive switched off at fixed state, then the memory's relaxation.
  void finish(std::vector<Array> ws) {
    check(ws);
    for (size_t k = 0; k < ws.size(); ++k) memories_[k]->set_barrier(span(ws[k]), setup_.memory.retention_barrier, ledger_);
    limen::physics::sekimoto_work(work_kT_, u_drive_, 0.0);
    for (size_t k = 0; k < ws.size(); ++k) memories_[k]->retain(span(ws[k]), static_cast<uint64_t>(setup_.run.steps) + 1, ledger_);
    barrier_ = setup_.memory.retention_barrier;
    kappa_ = 0;
  }

  py::dict ledger() const {
    const double kT = limen::kT_J(setup_.memory.temperature_K);
    py::dict d;
    d["steps"] = step_;
    d["time"] = static_cast<double>(step_) * setup_.run.dt();
    d["memory_model"] = limen::memory::model_name(setup_.memory.model);
    d["heat_drive_kT"] = drive_heat_kT_;
    d["heat_barrier_kT"] = ledger_.heat_kT;
    d["heat_kT"] = drive_heat_kT_ + ledger_.heat_kT;
    d["heat_J"] = (drive_heat_kT_ + ledger_.heat_kT) * kT;
    d["work_kT"] = work_kT_ + ledger_.work_kT;
    d["energy_change_kT"] = u_drive_ + ledger_.u_kT - u_mem0_;
    d["heat_barrier_kT_per_tensor"] = heat_;
    d["device_J"] = ledger_.device_J;
    d["device_J_per_tensor"] = device_J_;
    d["device_write_J"] = ledger_.device_write_J;
    d["device_read_J"] = ledger_.device_read_J;
    d["reads"] = ledger_.reads;  // cell reads (a pair's parameter read reads both cells)
    d["pulses"] = ledger_.pulses;
    d["pulses_per_parameter"] = total_ > 0 ? ledger_.pulses / static_cast<double>(total_) : 0.0;
    d["device_reset_J"] = ledger_.device_reset_J;  // a one-sided pair's refresh RESETs (in device_J)
    d["refreshes"] = ledger_.refreshes;
    d["refresh_pulses"] = ledger_.refresh_pulses;   // the rewrites' SET pulses (in pulses)
    d["barrier_kT"] = barrier_;
    d["drive"] = kappa_;
    d["kT_J"] = kT;
    d["parameters"] = total_;
    d["mobility0"] = setup_.memory.mobility0_model();  // model units^2 / (kT time), for the bound
    return d;
  }

 private:
  static std::span<double> span(Array& a) { return {a.mutable_data(), static_cast<size_t>(a.size())}; }
  void check(const std::vector<Array>& xs) const {
    if (xs.size() != memories_.size())
      throw limen::InputError(fmt::format("limen.torch: {} tensors given, the optimizer holds {}", xs.size(), memories_.size()));
    for (size_t k = 0; k < xs.size(); ++k)
      if (xs[k].size() != memories_[k]->size())
        throw limen::InputError(fmt::format("limen.torch: tensor {} has {} elements, expected {}", k, xs[k].size(),
                                            memories_[k]->size()));
  }

  limen::learn::TrainSetup setup_;
  limen::learn::Schedule schedule_;
  uint64_t seed_;
  std::vector<std::unique_ptr<limen::memory::Memory>> memories_;
  std::vector<double> heat_, device_J_, all_grad_, all_w_;
  std::unique_ptr<limen::memory::Memory> matcher_;
  limen::memory::Ledger ledger_;
  long long total_ = 0;
  uint64_t step_ = 0;
  double average_ = 0, barrier_ = 0, kappa_ = 0, u_drive_ = 0, work_kT_ = 0, drive_heat_kT_ = 0, u_mem0_ = 0;
};

// THEORY 5.6 for the densities of several replicas (one flat array of all parameters each, at the
// start and at the end): per parameter, Gaussian moments across replicas (ln sigma unbiased, as
// `limen train`'s measured bound), summed; kT = 1.
py::dict replica_bound(std::vector<Array> initial, std::vector<Array> final_, double mobility0, double time) {
  const size_t r = initial.size();
  if (r < 2 || final_.size() != r)
    throw limen::InputError("limen.torch.bound: needs at least two replicas, each with an initial and a final state");
  const auto n = initial[0].size();
  for (size_t k = 0; k < r; ++k)
    if (initial[k].size() != n || final_[k].size() != n)
      throw limen::InputError("limen.torch.bound: every replica must hold the same parameters");
  if (!(mobility0 > 0) || !(time > 0)) throw limen::InputError("limen.torch.bound: mobility and time must be > 0");
  limen::learn::Bound b;
  const auto moments = [&](std::vector<Array>& xs, py::ssize_t i) {
    double mean = 0, ss = 0;
    for (auto& x : xs) mean += x.data()[i] / static_cast<double>(r);
    for (auto& x : xs) ss += (x.data()[i] - mean) * (x.data()[i] - mean);
    const double s2 = ss / static_cast<double>(r - 1);
    const double sd = s2 > 0 ? std::exp(limen::learn::log_sd_unbiased(s2, static_cast<int>(r))) : 0.0;
    return limen::learn::GaussianMoments{mean, sd};
  };
  long long skipped = 0;
  for (py::ssize_t i = 0; i < n; ++i) {
    const auto a = moments(initial, i), z = moments(final_, i);
    if (!(a.sd > 0) || !(z.sd > 0)) {
      ++skipped;  // a parameter identical across replicas has no density to compare
      continue;
    }
    limen::learn::add_gaussian_bound(b, a, z, mobility0, time);
  }
  py::dict d;
  d["entropy_kT"] = b.entropy_kT;
  d["transport_kT"] = b.transport_kT;
  d["bound_kT"] = b.total_kT();
  d["bits_gained"] = b.bits_gained;
  d["parameters_skipped"] = skipped;
  return d;
}

}  // namespace

void bind_memory(py::module_& m) {
  m.def("replica_bound", &replica_bound, py::arg("initial"), py::arg("final"), py::arg("mobility0"), py::arg("time"),
        "THEORY 5.6 from the parameter densities of several replicas (limen.torch.bound)");
  py::class_<MemoryStepper>(m, "MemoryStepper", "limen's Memory for limen.torch (use limen.torch.MemoryOptimizer)")
      .def(py::init<const std::string&, const std::vector<long long>&, uint64_t, double, int>(), py::arg("config_json"),
           py::arg("sizes"), py::arg("seed"), py::arg("reads_per_step"), py::arg("replica"))
      .def("finish", &MemoryStepper::finish, py::arg("tensors"))
      .def("hold", &MemoryStepper::hold, py::arg("tensors"))
      .def("move", &MemoryStepper::move, py::arg("tensors"), py::arg("grads"), py::arg("loss"))
      .def("moved", &MemoryStepper::moved, py::arg("loss_moved"))
      .def("ledger", &MemoryStepper::ledger);
}
