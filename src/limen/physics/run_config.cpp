#include "limen/physics/run_config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "limen/physics/sampling.hpp"
#include "limen/units/parse.hpp"

namespace limen::physics {

Setup read_setup(const Config& root) {
  Setup s;
  const Config run = root.table("run");
  RunSpec& r = s.run;
  r.method = run.choice("method", {"langevin", "fokker-planck"}, "langevin");
  r.particles = r.method == "langevin" ? run.integer("particles", Range::closed(1, 2e8))
                                       : run.integer("particles", 0, Range::closed(1, 2e8));
  const double dt = run.number("dt", Range::positive());
  r.duration = run.number("duration", Range::positive());
  if (r.duration / dt > 1e9) run.fail("dt", fmt::format("duration / dt = {:g} steps; at most 1e9", r.duration / dt));
  r.steps = static_cast<long>(std::ceil(r.duration / dt - 1e-9));
  r.dynamics.dt = r.duration / static_cast<double>(r.steps);  // a whole number of steps
  r.dynamics.seed = static_cast<uint64_t>(run.integer("seed", 1, Range::closed(0, 9.007199254740992e15)));
  r.dynamics.kT = run.number("kT", 1.0, Range::positive());
  r.dynamics.mobility = 1.0 / run.number("gamma", 1.0, Range::positive());
  r.dynamics.method = run.choice("integrator", {"euler", "leimkuhler-matthews"}, "euler") == "euler"
                          ? Method::euler_maruyama
                          : Method::leimkuhler_matthews;
  if (run.has("temperature") && run.raw().get("temperature")->is_string()) {
    try {
      r.temperature_K = parse_temperature(run.string("temperature"), "temperature");
    } catch (const InputError& e) {
      run.fail("temperature", e.what());
    }
  } else {
    r.temperature_K = run.number("temperature", 300.0, Range::positive());
  }
  // Issue 12: the noise and the floating-point contract of the Euler-Maruyama kernel.
  r.dynamics.noise = run.choice("noise", {"gaussian", "three-point"}, "gaussian") == "gaussian" ? NoiseKind::gaussian
                                                                                               : NoiseKind::three_point;
  r.dynamics.reproducible = run.choice("reproducible", {"portable", "host"}, "portable") == "portable"
                                ? Reproducible::portable
                                : Reproducible::host;
  if (r.dynamics.noise == NoiseKind::three_point && r.method != "langevin")
    run.fail("noise", "\"three-point\" applies to method = \"langevin\" only");
  if (r.dynamics.noise == NoiseKind::three_point && r.dynamics.method != Method::euler_maruyama)
    run.fail("noise", "\"three-point\" runs with integrator = \"euler\" only");
  r.threads = static_cast<int>(run.integer("threads", 0, Range::closed(0, 1024)));
  r.histogram_bins = static_cast<int>(run.integer("histogram_bins", 40, Range::closed(1, 10000)));
  r.cells = run.integer("cells", 2000, Range::closed(16, 1e7));
  r.max_cells = run.integer("max_cells", std::min(std::max(16 * r.cells, 1000000LL), 100000000LL),
                            Range::closed(static_cast<double>(r.cells), 1e8));
  r.time_tolerance = run.number("time_tolerance", 1e-3, Range::positive());

  const Config pot_cfg = root.table("potential");
  s.potential = Potential::from_config(pot_cfg);
  if (auto p = root.optional_table("protocol")) s.protocol = Protocol::from_config(*p, s.potential);
  else s.protocol = Protocol(s.potential);
  root.finish_all();

  // Stability of the explicit step (issue 3): dt * mu * max curvature <= 0.5.
  try {
    r.curvature = curvature_bound(s.potential, s.protocol, r.dynamics.kT);
  } catch (const InputError& e) {  // nothing confines the particles: name the [potential] table
    std::string msg = e.what();
    if (msg.rfind("[potential]: ", 0) == 0) msg = msg.substr(13);
    pot_cfg.fail("kind", msg);
  }
  const double stiff = r.dynamics.dt * r.dynamics.mobility * r.curvature;
  if (r.method == "langevin" && stiff > 0.5)
    run.fail("dt", fmt::format("too large for the potential: dt * mobility * max curvature = {:.3g} > 0.5 "
                               "(max |U''| = {:.4g}); use dt <= {:.3g}",
                               stiff, r.curvature, 0.5 / (r.dynamics.mobility * r.curvature)));
  return s;
}

}  // namespace limen::physics
