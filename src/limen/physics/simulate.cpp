// physics::simulate: one run of a config (issue 3), by Langevin ensemble or Fokker-Planck.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

#include "limen/io/interrupt.hpp"
#include "limen/io/progress.hpp"
#include "limen/physics/api.hpp"
#include "limen/physics/fokker_planck.hpp"
#include "limen/physics/run_config.hpp"
#include "limen/physics/trajectories.hpp"
#include "limen/physics/transport.hpp"
#include "limen/units/constants.hpp"

namespace limen::physics {
namespace {

// A mean and its standard error in units of kT (the engine's energies are in the potential's units).
Json stat(const Moments& m, double kT) { return Json{{"mean", m.mean / kT}, {"stderr", m.stderr_ / kT}}; }

Json histogram(const std::vector<double>& x, int bins) {
  const auto [mn, mx] = std::minmax_element(x.begin(), x.end());
  double lo = *mn, hi = *mx;
  if (!(hi > lo)) lo -= 0.5, hi += 0.5;
  std::vector<long long> c(static_cast<size_t>(bins), 0);
  const double h = (hi - lo) / bins;
  for (double v : x) c[std::min<size_t>(static_cast<size_t>(bins) - 1, static_cast<size_t>((v - lo) / h))]++;
  return Json{{"lo", lo}, {"hi", hi}, {"counts", c}};
}

// Shared tail: every *_kT figure (in units of the configured kT) also in joules.
void finish(Json& j, const RunSpec& r) {
  const double kTJ = kT_J(r.temperature_K);  // joules per kT
  j["joules"] = Json{{"temperature_K", r.temperature_K},
                     {"work", j["work_kT"]["mean"].get<double>() * kTJ},
                     {"heat", j["heat_kT"]["mean"].get<double>() * kTJ},
                     {"delta_U", j["delta_U_kT"]["mean"].get<double>() * kTJ},
                     {"delta_F_neq", j["delta_F_neq_kT"].get<double>() * kTJ},
                     {"w2_bound", j["w2_bound_kT"].get<double>() * kTJ}};
}

Json run_langevin(const Setup& s, const SimulateOptions& opt, Json j) {
  const RunSpec& r = s.run;
  const Integrator integ(s.potential, s.protocol, r.dynamics);
  const int threads = opt.threads > 0 ? opt.threads : r.threads;
  const Partition* part = opt.partition ? &*opt.partition : nullptr;
  const size_t N = static_cast<size_t>(r.particles);
  if (part && (part->begin > part->end || part->end > N || !part->any || !part->gather))
    throw InputError(fmt::format("simulate: partition [{}, {}) of {} particles is not a slice", part->begin, part->end, N));
  Ensemble e = part ? integ.start(part->begin, part->end) : integ.start(N);
  Progress progress("simulate", static_cast<double>(r.steps));
  const auto t0 = std::chrono::steady_clock::now();
  // Windows of steps: progress and Ctrl-C between them (results do not depend on the window size).
  // About 2e7 particle-steps per window, a multiple of 4 steps (one noise block per 4 steps).
  const long window = 4 * std::max(16L, static_cast<long>(5e6 / static_cast<double>(r.particles)));
  bool partial = false;
  // Split: every process stops at the same step (the window count depends on N only).
  const auto stop = [&] { return part ? part->any(interrupted()) : interrupted(); };
  while (e.step < r.steps) {
    if (stop()) {
      partial = true;
      break;
    }
    integ.advance(e, std::min(window, r.steps - e.step), threads);
    progress.update(static_cast<double>(e.step));
  }
  progress.finish();
  if (part && !part->gather(e)) return j;  // not the root: the root summarises the whole ensemble
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const size_t n = e.size();
  if (n != N) throw RunError(fmt::format("simulate: gathered {} of {} particles", n, N));
  std::vector<double> du(n);
  double residual = 0;
  for (size_t i = 0; i < n; ++i) {
    du[i] = e.u[i] - e.u0[i];
    const double scale = std::max({1.0, std::fabs(e.work[i]), std::fabs(e.heat[i]), std::fabs(du[i])});
    residual = std::max(residual, std::fabs(e.work[i] - e.heat[i] - du[i]) / scale);
  }
  for (size_t i = 0; i < n; ++i)
    if (!std::isfinite(e.x[i]) || !std::isfinite(e.work[i]) || !std::isfinite(e.heat[i]))
      throw RunError(fmt::format("the ensemble diverged (particle {}): reduce [run] dt", i));
  const double t_done = static_cast<double>(e.step) * r.dynamics.dt;
  const Moments mu0 = moments(e.u0), muf = moments(e.u);
  const double kT = r.dynamics.kT;
  std::vector<double> xs0(e.x0), xs(e.x);  // each sample sorted once, for the entropy and W2
  std::sort(xs0.begin(), xs0.end());
  std::sort(xs.begin(), xs.end());
  const double dF = muf.mean - mu0.mean - kT * (entropy_sorted(xs) - entropy_sorted(xs0));
  const double w2 = w2_squared_sorted(xs0, xs);
  j["partial"] = partial;
  j["time_done"] = t_done;
  j["steps_done"] = e.step;
  j["work_kT"] = stat(moments(e.work), kT);
  j["heat_kT"] = stat(moments(e.heat), kT);
  j["delta_U_kT"] = stat(moments(du), kT);
  j["delta_F_neq_kT"] = dF / kT;
  j["w2_squared"] = w2;
  j["w2_bound_kT"] = t_done > 0 ? w2 / (r.dynamics.mobility * t_done) / kT : 0.0;
  j["first_law_max_residual"] = residual;
  j["histogram"] = histogram(e.x, r.histogram_bins);
  finish(j, r);
  j["timing"] = Json{{"seconds", seconds},
                     {"threads", resolve_threads(threads)},
                     {"particle_steps_per_second", seconds > 0 ? static_cast<double>(n) * e.step / seconds : 0.0}};
  if (!opt.trajectories_csv.empty()) write_trajectories_csv(e, du, kT, opt.trajectories_csv);  // energies in kT
  return j;
}

// The Fokker-Planck run (THEORY §6) and its step-doubling companion at about 2 dt: the work error
// of the run at dt is |W(dt_c) - W(dt)| / |(dt_c/dt)^2 - 1| (second-order steps); over
// time_tolerance x max(|W|, kT) the run is refused (issue 9).
Json run_fokker_planck(const Setup& s, Json j) {
  const RunSpec& r = s.run;
  const double kT = r.dynamics.kT;
  const auto th0 = s.protocol.before(0.0);
  auto box = s.potential.box(th0.data(), kT);
  if (!s.potential.unbounded_periodic()) {  // room for the protocol to move the density
    const double w = box[1] - box[0];
    box = {box[0] - 0.5 * w, box[1] + 0.5 * w};
  }
  FokkerPlanck::Options fo;
  fo.max_cells = static_cast<size_t>(r.max_cells);
  const auto solver = [&] {
    FokkerPlanck fp(s.potential, s.protocol, kT, r.dynamics.mobility, box[0], box[1], static_cast<size_t>(r.cells), fo);
    fp.start_equilibrium();
    return fp;
  };
  FokkerPlanck fp = solver();
  const Density d0 = fp.density();
  const double u0 = fp.mean_energy() - fp.work();  // <U(lambda(0-))>: before the jump
  const long steps_c = r.steps >= 2 ? (r.steps + 1) / 2 : 2;  // the companion's steps
  Progress progress("simulate", static_cast<double>(r.steps + steps_c));
  const auto t0 = std::chrono::steady_clock::now();
  long done = 0;
  bool partial = false;
  const long window = std::max(1L, r.steps / 100);
  while (done < r.steps) {
    if (interrupted()) {
      partial = true;
      break;
    }
    const long k = std::min(window, r.steps - done);
    fp.advance(k, r.dynamics.dt);
    done += k;
    progress.update(static_cast<double>(done));
  }
  std::optional<double> time_error;
  if (!partial) {
    FokkerPlanck coarse = solver();
    const double dt_c = r.duration / static_cast<double>(steps_c), ratio = dt_c / r.dynamics.dt;
    for (long c = 0; c < steps_c && !(partial = interrupted()); c += window) {
      coarse.advance(std::min(window, steps_c - c), dt_c);
      progress.update(static_cast<double>(r.steps + std::min(steps_c, c + window)));
    }
    if (!partial) time_error = std::fabs(coarse.work() - fp.work()) / std::fabs(ratio * ratio - 1.0);
  }
  progress.finish();
  if (time_error && *time_error > r.time_tolerance * std::max(std::fabs(fp.work()), kT))
    throw RunError(fmt::format("fokker-planck: the time-step error of the work, {:.3g} kT by step doubling "
                               "(W = {:.6g} kT at dt = {:.3g}), exceeds [run] time_tolerance = {:g} x max(|W|, 1 kT); "
                               "reduce [run] dt",
                               *time_error / kT, fp.work() / kT, r.dynamics.dt, r.time_tolerance));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const Density d1 = fp.density();
  const double du = fp.mean_energy() - u0;
  const double t_done = fp.time();
  const double w2 = w2_squared(d0, d1);
  j["partial"] = partial;
  j["time_done"] = t_done;
  j["steps_done"] = done;
  j["work_kT"] = Json{{"mean", fp.work() / kT}, {"stderr", 0.0}};
  j["heat_kT"] = Json{{"mean", (fp.work() - du) / kT}, {"stderr", 0.0}};
  j["delta_U_kT"] = Json{{"mean", du / kT}, {"stderr", 0.0}};
  j["delta_F_neq_kT"] = du / kT - (entropy(d1) - entropy(d0));
  j["w2_squared"] = w2;
  j["w2_bound_kT"] = t_done > 0 ? w2 / (r.dynamics.mobility * t_done) / kT : 0.0;
  if (time_error) j["time_error_estimate"] = *time_error / kT;
  j["grid"] = Json{{"lo", fp.lo()}, {"hi", fp.hi()}, {"cells", fp.cells()}, {"moves", fp.grid_moves()}};
  // Histogram: the final probability in histogram_bins equal bins over the final grid.
  std::vector<double> mass(static_cast<size_t>(r.histogram_bins), 0.0);
  for (size_t i = 0; i < fp.cells(); ++i) mass[i * mass.size() / fp.cells()] += fp.probabilities()[i];
  j["histogram"] = Json{{"lo", fp.lo()}, {"hi", fp.hi()}, {"probability", mass}};
  finish(j, r);
  j["timing"] = Json{{"seconds", seconds}, {"threads", 1}};
  return j;
}

}  // namespace

Json simulate(const Config& config, const SimulateOptions& options) {
  const Setup s = read_setup(config);
  const RunSpec& r = s.run;
  Json j;
  j["command"] = "simulate";
  j["config"] = config.source();
  j["method"] = r.method;
  j["integrator"] = r.dynamics.method == Method::euler_maruyama ? "euler" : "leimkuhler-matthews";
  j["potential"] = Json::object();
  const auto names = s.potential.names();
  for (size_t i = 0; i < names.size(); ++i) j["potential"][names[i]] = s.potential.theta0()[i];
  if (r.method == "langevin") {  // issue 12: which noise, and which floating-point contract
    const bool weak = r.dynamics.noise == NoiseKind::three_point;
    j["noise"] = weak ? "three-point" : "gaussian";
    j["reproducible"] = r.dynamics.reproducible == Reproducible::host ? "host" : "portable";
    if (weak)
      j["noise_note"] = "three-point noise: means (work, heat, delta_U, moments of x) are weak approximations of the "
                        "Gaussian dynamics (error O(dt)); per-trajectory values are not Gaussian sample paths";
  }
  if (r.method == "langevin") j["particles"] = r.particles;
  else j["cells"] = r.cells;
  j["steps"] = r.steps;
  j["dt"] = r.dynamics.dt;
  j["duration"] = r.duration;
  j["seed"] = r.dynamics.seed;
  j["kT"] = r.dynamics.kT;
  j["gamma"] = 1.0 / r.dynamics.mobility;
  j["max_curvature"] = r.curvature;
  if (r.method != "langevin" && !options.trajectories_csv.empty())
    throw InputError("--trajectories: per-particle results need [run] method = \"langevin\"");
  j = r.method == "langevin" ? run_langevin(s, options, std::move(j)) : run_fokker_planck(s, std::move(j));
  check_finite(j);
  return j;
}

}  // namespace limen::physics
