// Langevin-ensemble checks of THEORY §7: equilibrium-harmonic, drag-linear, drag-optimal,
// jarzynski, mfpt-exact.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "limen/physics/checks_common.hpp"
#include "limen/physics/closed_forms.hpp"

namespace limen::physics::checks {
namespace {

Potential harmonic(double k, double c) {
  Potential p;
  p.add(TermKind::harmonic, "", {k, c});
  return p;
}

// equilibrium-harmonic: <x^2> = kT/k (1%). Particles start in equilibrium of k = 4 and the trap
// jumps to k = 1 at t = 0; after 10 relaxation times (e^-10), <x^2> is averaged over the sampling
// window (every 0.1). Leimkuhler-Matthews: its stationary variance in a harmonic trap is exactly
// kT/k at any stable dt (Leimkuhler & Matthews 2013), so at dt = 0.1 the check sees statistics only,
// SE = sqrt(2 / (N T / (2 tau_x2))) with tau_x2 = gamma/(2k), 0.22% for N = 2e4; while an
// Euler-Maruyama step there would be off by kT/(k(1 - k dt/2)) - 1 = 5.3% and fail.
CheckResult equilibrium_harmonic(const Sizes& sz, int threads) {
  const Potential pot = harmonic(1.0, 0.0);
  Protocol proto(pot);
  proto.set(0, Schedule{{0.0, 0.0}, {4.0, 1.0}});
  Dynamics dyn;
  dyn.dt = 0.1;
  dyn.method = Method::leimkuhler_matthews;
  dyn.seed = 101;
  dyn.energetics = false;
  const Integrator integ(pot, proto, dyn);
  Ensemble e = integ.start(sz.eq);
  integ.advance(e, 50, threads);  // 5 time units = 10 relaxation times of <x^2>
  const long samples = sz.eq_steps / 10;  // the window, sz.eq_steps * 0.01 time units
  double sum = 0;
  for (long s = 0; s < samples; ++s) {
    integ.advance(e, 1, threads);
    double m = 0;
    for (double x : e.x) m += x * x;
    sum += m / static_cast<double>(e.size());
  }
  const double measured = sum / static_cast<double>(samples);
  const double T = static_cast<double>(samples) * dyn.dt;
  const double se = std::sqrt(2.0 / (static_cast<double>(sz.eq) * T));
  return make("equilibrium-harmonic", 1.0, measured, 0.01,
              fmt::format("k = 1, N = {}, LM dt = 0.1 (EM would be 5.3% off), time average over {} time units; SE ~ {:.2g}",
                          sz.eq, T, se));
}

}  // namespace

void langevin_checks(Level level, int threads, std::vector<CheckResult>& out, std::vector<ProtocolRun>& runs) {
  const Sizes sz = sizes(level);
  out.push_back(equilibrium_harmonic(sz, threads));

  // drag-linear and drag-optimal: k = gamma = kT = 1, L = 5, t_f = 10, Euler-Maruyama dt = 1e-3
  // (the config). Work is Gaussian with variance 2 kT <W>: SE = sqrt(2 W / N) ~ 0.4% at N = 5e4.
  const double k = 1.0, L = 5.0, tf = 10.0;
  Dynamics dyn;
  dyn.dt = 1e-3;
  dyn.seed = 11;
  const long steps = static_cast<long>(std::llround(tf / dyn.dt));
  {
    const Potential pot = harmonic(k, 0.0);
    Protocol proto(pot);
    proto.set(1, Schedule{{0.0, tf}, {0.0, L}});
    const ProtocolRun r = run_protocol("drag-linear", pot, proto, dyn, sz.drag, steps, threads);
    const double w = drag_linear_work(k, 1.0, L, tf);
    out.push_back(make("drag-linear", w, r.work.mean, std::max(3.0 * r.work.stderr_, 0.01 * w),
                       fmt::format("trap k = 1 moved 0 -> 5 in t_f = 10, N = {}, EM dt = 1e-3; SE {:.2g}", sz.drag,
                                   r.work.stderr_)));
    runs.push_back(r);
  }
  {
    const Potential pot = harmonic(k, 0.0);
    Protocol proto(pot);
    proto.set(1, drag_optimal_schedule(k, 1.0, L, tf));
    dyn.seed = 12;
    const ProtocolRun r = run_protocol("drag-optimal", pot, proto, dyn, sz.drag, steps, threads);
    const double w = drag_optimal_work(k, 1.0, L, tf);
    out.push_back(make("drag-optimal", w, r.work.mean, std::max(3.0 * r.work.stderr_, 0.01 * w),
                       fmt::format("Schmiedl-Seifert protocol with jumps at both ends, N = {}; SE {:.2g}", sz.drag,
                                   r.work.stderr_)));
    runs.push_back(r);
  }
  // jarzynski: stiffness 1 -> 2 linearly in t = 1: <e^{-W/kT}> = sqrt(k_i/k_f) (2%).
  {
    const Potential pot = harmonic(1.0, 0.0);
    Protocol proto(pot);
    proto.set(0, Schedule{{0.0, 1.0}, {1.0, 2.0}});
    dyn.seed = 13;
    Ensemble e;
    const ProtocolRun r = run_protocol("jarzynski", pot, proto, dyn, sz.jarzynski, 1000, threads, &e);
    std::vector<double> ew(e.size());
    for (size_t i = 0; i < e.size(); ++i) ew[i] = std::exp(-e.work[i]);
    const Moments m = moments(ew);
    const double expected = jarzynski_harmonic(1.0, 2.0);
    out.push_back(make("jarzynski", expected, m.mean, 0.02 * expected,
                       fmt::format("k 1 -> 2 in t = 1, N = {}; SE {:.2g}", sz.jarzynski, m.stderr_)));
    runs.push_back(r);
  }
  // mfpt-exact: double well E_b = 5 kT, x0 = 1; all particles start at a = -1, first passage to
  // b = +1, detected every 10 steps (delay <= 0.01 against tau ~ 30). SE = tau / sqrt(N) (the
  // passage time is nearly exponential): 1% at N = 1e4.
  {
    Potential pot;
    pot.add(TermKind::double_well, "", {5.0, 1.0, 0.0, 0.0});
    Dynamics d;
    d.dt = 1e-3;
    d.seed = 14;
    d.energetics = false;
    const Integrator integ(pot, Protocol(pot), d);
    Ensemble e = integ.start(sz.mfpt);
    std::fill(e.x.begin(), e.x.end(), -1.0);
    std::vector<double> times;
    const double exact = mean_first_passage_time(pot, pot.theta0().data(), 1.0, 1.0, -3.0, -1.0, 1.0);
    const long window = 10, max_steps = static_cast<long>(40.0 * exact / d.dt);
    while (e.size() > 0 && e.step < max_steps) {
      integ.advance(e, window, std::min(threads, static_cast<int>(e.size() / 2048) + 1));
      std::vector<char> keep(e.size());
      bool any = false;
      for (size_t i = 0; i < e.size(); ++i) {
        keep[i] = e.x[i] < 1.0;
        if (!keep[i]) times.push_back(static_cast<double>(e.step) * d.dt), any = true;
      }
      if (any) e.compact(keep);
    }
    const Moments m = moments(times);
    out.push_back(make("mfpt-exact", exact, m.mean, 0.05 * exact,
                       fmt::format("E_b = 5 kT, -1 -> +1, N = {} ({} censored), EM dt = 1e-3; SE {:.2g}", sz.mfpt,
                                   e.size(), m.stderr_)));
  }
}

}  // namespace limen::physics::checks
