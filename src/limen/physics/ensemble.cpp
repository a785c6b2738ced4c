// No FMA contraction (GCC contracts by default in C++ modes): the AVX-512, AVX2 and baseline
// versions of the hot loops, and the scalar reference path, must give the same bits.
#pragma GCC optimize("fp-contract=off")
#include "limen/physics/ensemble.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

#include "limen/units/error.hpp"
#include "limen/physics/ensemble_kernel.hpp"
#include "limen/physics/langevin.hpp"
#include "limen/physics/sampling.hpp"

namespace limen::physics {

void Ensemble::compact(const std::vector<char>& keep) {
  size_t j = 0;
  for (size_t i = 0; i < size(); ++i) {
    if (!keep[i]) continue;
    id[j] = id[i], x0[j] = x0[i], u0[j] = u0[i], x[j] = x[i], u[j] = u[i], work[j] = work[i], heat[j] = heat[i];
    ++j;
  }
  for (auto* v : {&x0, &u0, &x, &u, &work, &heat}) v->resize(j);
  id.resize(j);
}

Integrator::Integrator(Potential pot, Protocol proto, Dynamics dyn)
    : pot_(std::move(pot)), proto_(std::move(proto)), dyn_(dyn) {
  if (dyn_.noise == NoiseKind::three_point && dyn_.method != Method::euler_maruyama)
    throw InputError("three-point noise runs with the Euler-Maruyama integrator only");
}

// mu in the drift and sqrt(2 mu kT dt) of the kick: dyn_.mobility, unless a mutation test breaks them.
double Integrator::drift_mobility() const {
  const Mutation& m = dyn_.mutation;
  return (m.drift_gamma > 0 ? 1.0 / m.drift_gamma : dyn_.mobility) * m.mobility_scale;
}
double Integrator::noise_amplitude() const {
  const Mutation& m = dyn_.mutation;
  return thermal_amplitude(dyn_.mobility * m.mobility_scale, dyn_.kT, dyn_.dt) * m.noise_scale;
}

Ensemble Integrator::start(size_t n) const { return start(0, n); }

Ensemble Integrator::start(size_t begin, size_t end) const {
  Ensemble e;
  const size_t n = end > begin ? end - begin : 0;
  e.id.resize(n);
  for (size_t i = 0; i < n; ++i) e.id[i] = begin + i;
  const auto th_minus = proto_.before(0.0), th_plus = proto_.after(0.0);
  e.x0 = sample_equilibrium(pot_, th_minus.data(), dyn_.kT, dyn_.seed, e.id);
  e.x = e.x0;
  e.u0.assign(n, 0.0);
  e.u.assign(n, 0.0);
  pot_.add_value(th_minus.data(), e.x0.data(), e.u0.data(), n);
  pot_.add_value(th_plus.data(), e.x.data(), e.u.data(), n);
  e.work.resize(n);
  for (size_t i = 0; i < n; ++i) e.work[i] = e.u[i] - e.u0[i];  // a jump at t = 0 (THEORY §6)
  if (dyn_.mutation.drop_jump_work) std::fill(e.work.begin(), e.work.end(), 0.0);
  e.heat.assign(n, 0.0);
  return e;
}

// One step of either integrator (THEORY §6), per particle, with lambda held at lambda(t_n+), in
// the scalar forms of langevin.hpp:
//   x' = x + (mu dt) F(x, lambda_n) + sqrt(2 mu kT dt) eta,  eta = xi_n (Euler-Maruyama) or
//   (xi_n + xi_{n+1}) / 2 (Leimkuhler-Matthews);
//   Q -= U(x', lambda_n) - U(x, lambda_n);  W += U(x', lambda_{n+1}) - U(x', lambda_n).
void Integrator::advance_reference(Ensemble& e, long steps) const {
  const double mu = drift_mobility(), dt = dyn_.dt, amp = noise_amplitude();
  const bool lm = dyn_.method == Method::leimkuhler_matthews;
  std::vector<double> th(pot_.size()), th1(pot_.size());
  for (long s = e.step; s < e.step + steps; ++s) {
    proto_.after(static_cast<double>(s) * dt, th.data());
    proto_.after(static_cast<double>(s + 1) * dt, th1.data());
    for (size_t i = 0; i < e.size(); ++i) {
      const double f = pot_.force(th.data(), e.x[i]);
      const double xi = dyn_.noise == NoiseKind::three_point
                            ? thermal_three_point(dyn_.seed, e.id[i], static_cast<uint64_t>(s))
                            : thermal_normal(dyn_.seed, e.id[i], static_cast<uint64_t>(s));
      const double eta = lm ? 0.5 * (xi + thermal_normal(dyn_.seed, e.id[i], static_cast<uint64_t>(s + 1))) : xi;
      e.x[i] = euler_maruyama_kick(e.x[i], f, amp * eta, mu * dt);
      if (!dyn_.energetics) continue;
      sekimoto_heat(e.heat[i], e.u[i], pot_.value(th.data(), e.x[i]));
      sekimoto_work(e.work[i], e.u[i], pot_.value(th1.data(), e.x[i]));
    }
  }
  e.step += steps;
}

namespace {
constexpr size_t kChunk = 256;  // particles per chunk: its working set stays in L1
}  // namespace

// The optimised stepper: the same arithmetic as advance_reference, reorganised so that every
// inner loop runs over a chunk of particles (structure of arrays) with the vectorised kernels of
// langevin.hpp, and the noise comes in blocks of four steps (ThermalNoise).
void Integrator::advance_range(Ensemble& e, size_t begin, size_t end, long steps) const {
  const double mu = drift_mobility(), dt = dyn_.dt, amp = noise_amplitude();
  const bool lagging_tally = dyn_.mutation.energy_before_move;
  const bool lm = dyn_.method == Method::leimkuhler_matthews;
  const size_t P = pot_.size();
  std::vector<double> th(P), th1(P);
  alignas(64) double f[kChunk], ua[kChunk], ub[kChunk], zprev[kChunk], eta[kChunk], zb[4 * kChunk];
  for (size_t c0 = begin; c0 < end; c0 += kChunk) {
    const size_t n = std::min(kChunk, end - c0);
    double *x = e.x.data() + c0, *u = e.u.data() + c0, *w = e.work.data() + c0, *q = e.heat.data() + c0;
    const uint64_t* ids = e.id.data() + c0;
    ThermalNoise noise(dyn_.seed, ids, n, zb);  // xi(step s) for the chunk: noise.at(s)
    if (lm) {
      const double* z = noise.at(static_cast<uint64_t>(e.step));
      std::copy(z, z + n, zprev);
    }
    proto_.after(static_cast<double>(e.step) * dt, th1.data());
    for (long s = e.step; s < e.step + steps; ++s) {
      th.swap(th1);
      proto_.after(static_cast<double>(s + 1) * dt, th1.data());
      const bool changes = th1 != th;
      std::fill(f, f + n, 0.0);
      pot_.add_force(th.data(), x, f, n);
      const double* noise_now;
      if (lm) {
        leimkuhler_matthews_noise(eta, zprev, noise.at(static_cast<uint64_t>(s + 1)), n);
        noise_now = eta;
      } else {
        noise_now = noise.at(static_cast<uint64_t>(s));
      }
      if (lagging_tally && dyn_.energetics) {  // mutation: the ledger's energies taken before the move
        std::fill(ua, ua + n, 0.0), pot_.add_value(th.data(), x, ua, n);
        std::fill(ub, ub + n, 0.0), pot_.add_value(th1.data(), x, ub, n);
      }
      euler_maruyama_move(x, f, noise_now, n, mu, dt, amp);
      if (!dyn_.energetics) continue;
      if (!lagging_tally) std::fill(ua, ua + n, 0.0), pot_.add_value(th.data(), x, ua, n);
      if (changes) {
        if (!lagging_tally) std::fill(ub, ub + n, 0.0), pot_.add_value(th1.data(), x, ub, n);  // U(x', lambda_{n+1})
        sekimoto_step(q, w, u, ua, ub, n);
      } else {
        sekimoto_heat(q, u, ua, n);
      }
    }
  }
}

// Euler-Maruyama: the fused kernel (ensemble_kernel.hpp) over windows of at most kWindow steps,
// whose protocol values are tabulated once and shared by every thread. Leimkuhler-Matthews: the
// chunked stepper above. Particles are split over threads in whole chunks; each particle's result
// depends on (seed, id, step) only.
void Integrator::advance(Ensemble& e, long steps, int threads) const {
  if (steps <= 0) return;
  const size_t n = e.size();
  const size_t chunks = (n + kChunk - 1) / kChunk;
  const int T = static_cast<int>(std::min<size_t>(static_cast<size_t>(resolve_threads(threads)), std::max<size_t>(chunks, 1)));
  const auto split = [&](auto&& body) {  // body(begin, end) over T threads
    if (T <= 1) return body(size_t{0}, n);
    std::vector<std::thread> pool;
    for (int t = 0; t < T; ++t) {
      const size_t b = std::min(n, chunks * t / T * kChunk), en = std::min(n, chunks * (t + 1) / T * kChunk);
      pool.emplace_back([&, b, en] { body(b, en); });
    }
    for (auto& th : pool) th.join();
  };
  // The chunked stepper for Leimkuhler-Matthews, and for the one mutation test whose defect (the
  // ledger's energies taken before the move) is a change of its order of operations.
  if (dyn_.method != Method::euler_maruyama || dyn_.mutation.energy_before_move) {
    split([&](size_t b, size_t en) { advance_range(e, b, en, steps); });
    e.step += steps;
    return;
  }
  constexpr long kWindow = 1024;
  const size_t P = pot_.size();
  std::vector<double> theta;
  std::vector<char> changes;
  kernel::Args a;
  a.terms = pot_.terms().data();
  a.nterms = pot_.terms().size();
  a.mu = drift_mobility(), a.dt = dyn_.dt, a.amp = noise_amplitude();  // dyn_'s, unless a mutation test breaks them
  a.seed = dyn_.seed, a.energetics = dyn_.energetics, a.noise = dyn_.noise;
  const auto kernel = dyn_.reproducible == Reproducible::host ? kernel::advance_host : kernel::advance_portable;
  for (long done = 0; done < steps;) {
    const long w = std::min(kWindow, steps - done), s0 = e.step;
    theta.resize(static_cast<size_t>(w + 1) * P);
    changes.resize(static_cast<size_t>(w));
    for (long k = 0; k <= w; ++k) proto_.after(static_cast<double>(s0 + k) * dyn_.dt, theta.data() + k * P);
    for (long k = 0; k < w; ++k)
      changes[k] = !std::equal(theta.begin() + k * P, theta.begin() + (k + 1) * P, theta.begin() + (k + 1) * P);
    a.window = {theta.data(), changes.data(), s0, w, P};
    split([&](size_t b, size_t en) {
      kernel::Args part = a;
      part.id = e.id.data() + b, part.x = e.x.data() + b, part.u = e.u.data() + b;
      part.work = e.work.data() + b, part.heat = e.heat.data() + b, part.n = en - b;
      if (part.n > 0) kernel(part);
    });
    e.step += w;
    done += w;
  }
}

}  // namespace limen::physics
