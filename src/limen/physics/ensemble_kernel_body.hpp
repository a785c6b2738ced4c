// The fused ensemble kernel (see ensemble_kernel.hpp). Included only by
// ensemble_kernel_portable.cpp and ensemble_kernel_host.cpp, after each one's contraction pragma;
// everything here has internal linkage, so each build keeps its own copy.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "limen/physics/ensemble_kernel.hpp"
#include "limen/physics/fastmath.hpp"
#include "limen/physics/philox_lanes.hpp"
#include "limen/physics/langevin.hpp"
#include "limen/physics/potential_terms.hpp"

namespace limen::physics::kernel {
namespace {
using namespace fastmath;
using namespace terms;
constexpr size_t L = kLanes;

// Philox4x32-10 of counter (block, id, stream), key = seed, for the L lanes (philox_lanes.hpp):
// words[j][i] = word j of lane i.
[[gnu::always_inline]] inline void philox_lanes(uint64_t seed, const uint64_t* ids, uint64_t block, uint32_t stream,
                                                uint64_t (&words)[4][L]) {
  const PhiloxLaneKey key = philox_lane_key(seed, block);
  for (size_t i = 0; i < L; ++i) philox_lane(key, ids[i], stream, words[0][i], words[1][i], words[2][i], words[3][i]);
}

// xi(id, 4 block + k) for k < 4: Box-Muller on the same Philox words as fill_normal_block
// (noise.cpp), with the shorter minimax polynomials of fastmath.hpp (also ~1 ulp).
[[gnu::always_inline]] inline void gaussian_block(uint64_t seed, const uint64_t* ids, uint64_t block, double amp,
                                                  double (&z)[kThreePointSteps][L]) {
  alignas(64) uint64_t wd[4][L];
  philox_lanes(seed, ids, block, kStreamDynamics, wd);
  for (size_t i = 0; i < L; ++i) {
    const uint64_t x0 = wd[0][i], x1 = wd[1][i], x2 = wd[2][i], x3 = wd[3][i];
    constexpr double scale = 0x1p-32;
    const double u0 = (small_uint_to_double(x0) + 0.5) * scale, u1 = (small_uint_to_double(x1) + 0.5) * scale;
    const double u2 = (small_uint_to_double(x2) + 0.5) * scale, u3 = (small_uint_to_double(x3) + 0.5) * scale;
    const double r0 = sqrt_pos(-2.0 * log_unit_minimax(u0)), r1 = sqrt_pos(-2.0 * log_unit_minimax(u2));
    double ca, sa, cb, sb;
    cos_sin_turns_minimax(u1, ca, sa);
    cos_sin_turns_minimax(u3, cb, sb);
    z[0][i] = amp * (r0 * ca);  // the kicks amp xi
    z[1][i] = amp * (r0 * sa);
    z[2][i] = amp * (r1 * cb);
    z[3][i] = amp * (r1 * sb);
  }
}

// The kicks amp xi(id, 12 block + k) for k < 12, xi the three-point values of
// thermal_three_point (noise.hpp), by integer operations: field b (sign = b & 1) is nonzero iff
// (b >> 1) < T, i.e. b < 2 T; amp (-a) = -(amp a) and amp 0 = +0 exactly, so these are the
// products amp * xi.
[[gnu::always_inline]] inline void three_point_block(uint64_t seed, const uint64_t* ids, uint64_t block, double amp,
                                                     double (&z)[kThreePointSteps][L]) {
  const uint64_t a = double_to_bits(amp * kThreePointAmplitude);  // amp > 0: no sign bit
  alignas(64) uint64_t wd[4][L];
  philox_lanes(seed, ids, block, kStreamThreePoint, wd);
#pragma GCC unroll 4
  for (int j = 0; j < 4; ++j)
    for (size_t i = 0; i < L; ++i) {
      const uint64_t w = wd[j][i], b0 = w & 0x3FFu, b1 = (w >> 10) & 0x3FFu, b2 = (w >> 20) & 0x3FFu;
      z[3 * j][i] = b0 < 2 * kThreePointThreshold ? bits_to_double(a ^ (w << 63)) : 0.0;
      z[3 * j + 1][i] = b1 < 2 * kThreePointThreshold ? bits_to_double(a ^ (b1 << 63)) : 0.0;
      z[3 * j + 2][i] = b2 < 2 * kThreePointThreshold ? bits_to_double(a ^ (b2 << 63)) : 0.0;
    }
}

constexpr size_t parameter_count(TermKind k) {
  return k == TermKind::harmonic ? 2 : k == TermKind::double_well ? 4 : k == TermKind::periodic ? 5 : 3;
}

// out[i] += F(x[i]) (Force) or U(x[i]) over the terms, in their order (as Potential::force and
// value). Kind >= 0: a single term of that kind, resolved at compile time.
template <int Kind, bool Force>
[[gnu::always_inline]] inline void add_terms(const Args& a, const double* th, const double* x, double* out) {
  const size_t nterms = Kind >= 0 ? 1 : a.nterms;
  for (size_t t = 0; t < nterms; ++t) {
    const TermKind kind = Kind >= 0 ? static_cast<TermKind>(Kind) : a.terms[t].kind;
    double p[5] = {0, 0, 0, 0, 0};
    std::copy(th + a.terms[t].offset, th + a.terms[t].offset + parameter_count(kind), p);
    switch (kind) {
      case TermKind::harmonic:
        for (size_t i = 0; i < L; ++i) out[i] += Force ? harmonic_f(p, x[i]) : harmonic_u(p, x[i]);
        break;
      case TermKind::double_well:
        for (size_t i = 0; i < L; ++i) out[i] += Force ? dw_f(p, x[i]) : dw_u(p, x[i]);
        break;
      case TermKind::periodic:
        for (size_t i = 0; i < L; ++i) out[i] += Force ? periodic_f(p, x[i]) : periodic_u(p, x[i]);
        break;
      case TermKind::step:
        for (size_t i = 0; i < L; ++i) out[i] += Force ? step_f(p, x[i]) : step_u(p, x[i]);
        break;
    }
  }
}

// One term's force and energy, the kind fixed at compile time.
template <int Kind>
[[gnu::always_inline]] inline double term_force(const double* p, double x) {
  if constexpr (Kind == static_cast<int>(TermKind::harmonic)) return harmonic_f(p, x);
  else return dw_f(p, x);
}
template <int Kind>
[[gnu::always_inline]] inline double term_energy(const double* p, double x) {
  if constexpr (Kind == static_cast<int>(TermKind::harmonic)) return harmonic_u(p, x);
  else return dw_u(p, x);
}

// One step of a group, a single term of kind Kind >= 0: force, move, U at lambda_n and (when the
// control changes) lambda_{n+1}, and the ledger, all in one loop over the lanes, so each lane's
// values stay in registers and the lanes' independent chains overlap. A double well whose barrier,
// width and centre stay (a tilt protocol) shares E_b s^2 between the two energies: the same
// expressions as dw_u, evaluated once.
template <int Kind, bool Energetics, bool Changes>
[[gnu::always_inline]] inline void step_single(const Args& a, const double* th, const double* th1, const double* kick,
                                               double* x, double* u, double* w, double* q) {
  constexpr size_t np = parameter_count(static_cast<TermKind>(Kind));
  double p[np], p1[np];
  std::copy(th + a.terms[0].offset, th + a.terms[0].offset + np, p);
  std::copy(th1 + a.terms[0].offset, th1 + a.terms[0].offset + np, p1);
  const double mu_dt = a.mu * a.dt;
  constexpr bool well = Kind == static_cast<int>(TermKind::double_well);
  if constexpr (well && Energetics && Changes) {
    // Only the tilt changes, and E_b >= 0, so neither energy is -0 and "0 + U" is U; the kicks are
    // never -0 either, so "0 + F" can be F as well: the same bits as the general loop below.
    if (p[0] == p1[0] && p[1] == p1[1] && p[3] == p1[3] && p[0] >= 0.0) {
      const double inv = 1.0 / p[1];
      for (size_t i = 0; i < L; ++i) {
        const double xn = euler_maruyama_kick(x[i], dw_f(p, x[i]), kick[i], mu_dt);
        x[i] = xn;
        const double y = (xn - p[3]) * inv, s = y * y - 1.0, shape = p[0] * s * s;  // dw_u's terms
        const double ua = shape - p[2] * xn, un = shape - p1[2] * xn;
        double ui = u[i];
        sekimoto_heat(q[i], ui, ua);
        sekimoto_work(w[i], ui, un);
        u[i] = ui;
      }
      return;
    }
  }
  for (size_t i = 0; i < L; ++i) {
    double f = 0.0;
    f += term_force<Kind>(p, x[i]);
    const double xn = euler_maruyama_kick(x[i], f, kick[i], mu_dt);
    x[i] = xn;
    if constexpr (Energetics) {
      double ua = 0.0;
      ua += term_energy<Kind>(p, xn);
      double ui = u[i];
      sekimoto_heat(q[i], ui, ua);
      if constexpr (Changes) {
        double un = 0.0;
        un += term_energy<Kind>(p1, xn);
        sekimoto_work(w[i], ui, un);
      }
      u[i] = ui;
    }
  }
}

// The same step for a sum of terms: one loop per term (as Potential::add_force / add_value).
template <bool Changes>
[[gnu::always_inline]] inline void step_sum(const Args& a, const double* th, const double* th1, const double* kick,
                                            double* x, double* u, double* w, double* q) {
  alignas(64) double f[L], ua[L], un[L];
  for (size_t i = 0; i < L; ++i) f[i] = 0.0;
  add_terms<-1, true>(a, th, x, f);
  const double mu_dt = a.mu * a.dt;
  for (size_t i = 0; i < L; ++i) x[i] = euler_maruyama_kick(x[i], f[i], kick[i], mu_dt);
  if (!a.energetics) return;
  for (size_t i = 0; i < L; ++i) ua[i] = 0.0;
  add_terms<-1, false>(a, th, x, ua);
  if constexpr (Changes) {
    for (size_t i = 0; i < L; ++i) un[i] = 0.0;
    add_terms<-1, false>(a, th1, x, un);
    for (size_t i = 0; i < L; ++i) {
      double ui = u[i];
      sekimoto_heat(q[i], ui, ua[i]);
      sekimoto_work(w[i], ui, un[i]);
      u[i] = ui;
    }
  } else {
    for (size_t i = 0; i < L; ++i) sekimoto_heat(q[i], u[i], ua[i]);
  }
}

// Whether step j of the window may take well_block_in_registers: a single double well whose
// barrier (>= +0), width and centre stay over the step (only the tilt may change). Decided step by
// step, so that the path a step takes does not depend on where a window starts (the host build's
// contracted arithmetic may differ between paths; the portable one gives the same bits on both).
[[gnu::always_inline]] inline bool tilt_only(const Args& a, const Window& win, long j) {
  const double* th = win.theta + static_cast<size_t>(j) * win.P + a.terms[0].offset;
  const double* th1 = th + win.P;
  return th[0] >= 0.0 && !std::signbit(th[0]) && th[0] == th1[0] && th[1] == th1[1] && th[3] == th1[3];
}

// Steps [k, end) of one noise block for a tilted double well (step_single's shared-shape path), in
// chunks of 8 lanes held in registers across the steps (GCC vector extensions: one AVX-512
// register, two AVX2 or four SSE2 ones), so that x, U, W and Q are not loaded and stored on every
// step (issue 12: "a chunk of particles in registers across several steps"). The same expressions
// in the same order as dw_f and step_single, element by element, hence the same bits.
// (The vector-ABI warning concerns passing V8 across calls; these helpers are always inlined.)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"
typedef double V8 __attribute__((vector_size(64)));
[[gnu::always_inline]] inline V8 load8(const double* p) {
  V8 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
[[gnu::always_inline]] inline void store8(double* p, const V8& v) { std::memcpy(p, &v, sizeof v); }

template <size_t Kz>
[[gnu::always_inline]] inline void well_block_in_registers(const Args& a, const Window& win, long k, long end, uint64_t K,
                                                           const double (&z)[Kz][L], double* x, double* u, double* w,
                                                           double* q) {
  constexpr size_t N = 4;  // independent chains of 8 lanes, so that the steps' latencies overlap
  const size_t o = a.terms[0].offset;
  const double mu_dt = a.mu * a.dt;
  // Barrier, width and centre are the same over the whole block (tilt_only, and theta of step j + 1
  // is the control after step j), so y = (x - x_c)/w and s = y^2 - 1 of the end of one step are the
  // force's y and s at the start of the next: carried, not recomputed (the same bits).
  const double* p0 = win.theta + static_cast<size_t>(k) * win.P + o;
  const double barrier = p0[0], centre = p0[3], inv = 1.0 / p0[1], fscale = -4.0 * barrier * inv;
  for (size_t c = 0; c < L; c += 8 * N) {
    V8 xr[N], ur[N], wr[N], qr[N], yr[N], sr[N];
#pragma GCC unroll 4
    for (size_t n = 0; n < N; ++n) {
      xr[n] = load8(x + c + 8 * n), ur[n] = load8(u + c + 8 * n), wr[n] = load8(w + c + 8 * n), qr[n] = load8(q + c + 8 * n);
      yr[n] = (xr[n] - centre) * inv;
      sr[n] = yr[n] * yr[n] - 1.0;
    }
    for (long j = k; j < end; ++j) {
      const double* p = win.theta + static_cast<size_t>(j) * win.P + o;
      const double tilt = p[2], tilt1 = p[win.P + 2];
      const double* zk = z[static_cast<uint64_t>(win.s0 + j) % K] + c;
      const bool changes = win.changes[j] != 0;
#pragma GCC unroll 4
      for (size_t n = 0; n < N; ++n) {
        const V8 f = fscale * (yr[n] * sr[n]) + tilt;    // dw_f
        xr[n] = xr[n] + mu_dt * f + load8(zk + 8 * n);   // euler_maruyama_kick
        yr[n] = (xr[n] - centre) * inv;
        sr[n] = yr[n] * yr[n] - 1.0;
        const V8 shape = barrier * sr[n] * sr[n];
        const V8 ua = shape - tilt * xr[n];
        qr[n] -= ua - ur[n];  // sekimoto_heat
        ur[n] = ua;
        if (changes) {
          const V8 un = shape - tilt1 * xr[n];
          wr[n] += un - ur[n];  // sekimoto_work
          ur[n] = un;
        }
      }
    }
#pragma GCC unroll 4
    for (size_t n = 0; n < N; ++n)
      store8(x + c + 8 * n, xr[n]), store8(u + c + 8 * n, ur[n]), store8(w + c + 8 * n, wr[n]), store8(q + c + 8 * n, qr[n]);
  }
}
#pragma GCC diagnostic pop

// The step of Integrator::advance_reference (Euler-Maruyama, Sekimoto ledger) on groups of L
// particles held across the window. Kind >= 0: a single term of that kind; -1: any sum.
template <int Kind, NoiseKind Noise>
[[gnu::always_inline]] inline void run(const Args& a) {
  constexpr uint64_t K = Noise == NoiseKind::gaussian ? 4 : kThreePointSteps;  // steps per Philox block
  const Window& win = a.window;
  for (size_t g = 0; g < a.n; g += L) {
    const size_t m = std::min(L, a.n - g);
    alignas(64) uint64_t ids[L];
    alignas(64) double x[L], u[L], w[L], q[L], z[kThreePointSteps][L];
    for (size_t i = 0; i < L; ++i) {  // padding lanes repeat the group's first particle
      const size_t j = g + (i < m ? i : 0);
      ids[i] = a.id[j], x[i] = a.x[j], u[i] = a.u[j], w[i] = a.work[j], q[i] = a.heat[j];
    }
    uint64_t block = UINT64_MAX;
    for (long k = 0; k < win.steps; ++k) {
      const uint64_t s = static_cast<uint64_t>(win.s0 + k);
      if (s / K != block) {
        block = s / K;
        if constexpr (Noise == NoiseKind::gaussian) gaussian_block(a.seed, ids, block, a.amp, z);
        else three_point_block(a.seed, ids, block, a.amp, z);
      }
      if constexpr (Kind == static_cast<int>(TermKind::double_well)) {
        // The run of steps from k, within this noise block, that can stay in registers.
        const long block_end = std::min<long>(win.steps, k + static_cast<long>(K - s % K));
        long r = k;
        while (a.energetics && r < block_end && tilt_only(a, win, r)) ++r;
        if (r > k) {
          well_block_in_registers(a, win, k, r, K, z, x, u, w, q);
          k = r - 1;
          continue;
        }
      }
      const double* kick = z[s % K];
      const double* th = win.theta + static_cast<size_t>(k) * win.P;
      const double* th1 = th + win.P;
      const bool changes = win.changes[k] != 0;
      if constexpr (Kind >= 0) {
        if (!a.energetics) step_single<Kind, false, false>(a, th, th1, kick, x, u, w, q);
        else if (changes) step_single<Kind, true, true>(a, th, th1, kick, x, u, w, q);
        else step_single<Kind, true, false>(a, th, th1, kick, x, u, w, q);
      } else {
        if (changes) step_sum<true>(a, th, th1, kick, x, u, w, q);
        else step_sum<false>(a, th, th1, kick, x, u, w, q);
      }
    }
    for (size_t i = 0; i < m; ++i) a.x[g + i] = x[i], a.u[g + i] = u[i], a.work[g + i] = w[i], a.heat[g + i] = q[i];
  }
}

template <NoiseKind Noise>
[[gnu::always_inline]] inline void run_noise(const Args& a) {
  if (a.nterms == 1) {
    switch (a.terms[0].kind) {
      case TermKind::harmonic: return run<static_cast<int>(TermKind::harmonic), Noise>(a);
      case TermKind::double_well: return run<static_cast<int>(TermKind::double_well), Noise>(a);
      default: break;
    }
  }
  run<-1, Noise>(a);
}

[[gnu::always_inline]] inline void run_any(const Args& a) {
  if (a.noise == NoiseKind::gaussian) run_noise<NoiseKind::gaussian>(a);
  else run_noise<NoiseKind::three_point>(a);
}

}  // namespace
}  // namespace limen::physics::kernel
