#include "limen/sweep/distributed.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <tuple>
#include <type_traits>
#include <thread>

#include "limen/physics/run_config.hpp"

namespace limen::sweep {
namespace {

using physics::Ensemble;

// The particle arrays of an ensemble, in one fixed order (the wire format of a slice).
template <class E>
auto arrays(E& e) {
  return std::make_tuple(&e.id, &e.x0, &e.u0, &e.x, &e.u, &e.work, &e.heat);
}

// A slice as raw bytes: its particle count, then each array in turn (same machine type on every
// rank: one build, one host or a homogeneous cluster).
std::string pack(const Ensemble& e) {
  const std::uint64_t n = e.size();
  std::string s(reinterpret_cast<const char*>(&n), sizeof n);
  std::apply([&](auto*... v) { (s.append(reinterpret_cast<const char*>(v->data()), v->size() * sizeof((*v)[0])), ...); },
             arrays(e));
  return s;
}

// Appends a packed slice to `e` (the slices arrive in rank order, hence in id order).
void unpack_append(const std::string& s, Ensemble& e) {
  std::uint64_t n = 0;
  std::memcpy(&n, s.data(), sizeof n);
  std::size_t off = sizeof n;
  std::apply(
      [&](auto*... v) {
        (([&] {
           using T = typename std::remove_reference_t<decltype(*v)>::value_type;
           const std::size_t old = v->size();
           v->resize(old + n);
           std::memcpy(v->data() + old, s.data() + off, n * sizeof(T));
           off += n * sizeof(T);
         })(),
         ...);
      },
      arrays(e));
}

}  // namespace

int threads_per_rank(int requested) {
  if (requested > 0) return requested;
  int cores = static_cast<int>(std::thread::hardware_concurrency());
  if (cores < 1) cores = 1;
  // Ranks sharing a machine share its cores.
  if (const char* local = std::getenv("OMPI_COMM_WORLD_LOCAL_SIZE")) cores /= std::max(1, std::atoi(local));
  return std::max(1, cores);
}

Json simulate_distributed(const Config& config, physics::SimulateOptions options, const Ranks& ranks) {
  if (ranks.size() <= 1) return physics::simulate(config, options);
  const physics::RunSpec run = physics::read_setup(config).run;  // InputError: the same on every rank
  if (options.threads == 0 && run.threads == 0) options.threads = threads_per_rank(0);
  if (run.method != "langevin") {  // Fokker-Planck is one computation: rank 0 does it
    Json j = Json::object();
    std::exception_ptr error;  // rank 0's error comes after the barrier, so no rank waits forever
    if (ranks.root()) try {
        j = physics::simulate(config, options);
      } catch (...) {
        error = std::current_exception();
      }
    ranks.idle_barrier();
    if (error) std::rethrow_exception(error);
    return j;
  }
  const auto N = static_cast<std::size_t>(run.particles), K = static_cast<std::size_t>(ranks.size()),
             r = static_cast<std::size_t>(ranks.rank());
  physics::Partition part;
  part.begin = r * N / K;
  part.end = (r + 1) * N / K;
  part.any = [&ranks](bool b) { return ranks.sum(b ? 1 : 0) > 0; };
  part.gather = [&ranks](Ensemble& e) {
    const auto slices = ranks.gather(pack(e));
    if (!ranks.root()) return false;
    Ensemble all;
    all.step = e.step;
    for (const auto& s : slices) unpack_append(s, all);
    e = std::move(all);
    return true;
  };
  options.partition = std::move(part);
  Json j = physics::simulate(config, options);
  return ranks.root() ? j : Json::object();
}

}  // namespace limen::sweep
