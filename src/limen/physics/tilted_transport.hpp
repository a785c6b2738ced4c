#pragma once
// Exact long-time transport in a tilted cosine potential (THEORY §5.3; Stratonovich 1958;
// Reimann et al., PRL 87, 010602 (2001)). In reduced units (length l, energy kT, D_0 = 1) the
// potential is V(x) = (E/2)(1 - cos 2 pi x) - f x with f = beta F l and E = beta E_b, and
//   I_+(x) = int_0^1 dy e^{V(x) - V(x - y)},   I_-(x) = int_0^1 dy e^{V(x + y) - V(x)},
//   v = (1 - e^{-f}) / <I_+>,   D = <I_+^2 I_-> / <I_+>^3,   p_s(x) = I_-(x) / <I_->,
// <.> the mean over one period. v is odd in f and D even; at E = 0, v = f and D = 1; as f -> 0,
// v/f and D tend to the Lifson-Jackson ratio 1/I_0(E/2)^2 (§3.5).
#include <array>
#include <cstddef>
#include <mutex>
#include <vector>

namespace limen::physics {

struct TiltedTransport {
  double mobility_ratio;  // v / (mu_0 F): the drift per unit force over the barrier-free one
  double diffusion_ratio; // D / D_0
  double barrier_share;   // <(1 - cos 2 pi x)/2> over p_s: <U_mem> = E_b * barrier_share
};

// Direct evaluation (any f, any E in [0, 200]); `points` quadrature points per period. The
// integrals are done with e^{+-U} log-linear on each cell and the tilt's exponential exact, so
// they stay finite and accurate for tilts up to beta F l ~ 1e4. About 0.1 ms at the default.
TiltedTransport tilted_transport(double f, double barrier, int points = 2048);

// The same quantities from a table over beta F l in [0, kMaxTilt] and E in [0, kMaxBarrier],
// accurate to 1e-3 relative (tested against tilted_transport). Rows of fixed E are computed on
// first use (thread-safe) and kept for the process. Beyond kMaxTilt (rare: forces of more than
// 1000 kT per level) the quantities are evaluated directly.
class TiltedTransportTable {
 public:
  static constexpr double kMaxTilt = 1000;
  static constexpr double kMaxBarrier = 80;
  static const TiltedTransportTable& instance();

  // |f| taken (odd/even symmetry is the caller's: v(-f) = -v(f), D and share even).
  TiltedTransport at(double f, double barrier) const;

  // The quantities at barrier E for many tilts, fast: one interpolation across E per call of
  // `row`, then a cubic in ln(1 + f) per tilt.
  class Row {
   public:
    TiltedTransport at(double f) const;
    // The mobility ratio alone, and d ln(mobility ratio) / d ln f (for Newton's method in the
    // drive's Lyapunov matching, THEORY §5.4).
    double mobility(double f, double& dlog_dlogf) const;
    // The same for n tilts at once (vectorised): m, d, share, and m with its log-slope.
    void at_many(const double* f, size_t n, double* m, double* d, double* share) const;
    void mobility_many(const double* f, size_t n, double* m, double* dlog_dlogf) const;
    double barrier() const { return barrier_; }
   private:
    friend class TiltedTransportTable;
    double barrier_ = 0;
    std::vector<double> log_mobility_, log_diffusion_, share_;  // at each grid tilt
  };
  Row row(double barrier) const;

 private:
  TiltedTransportTable();
  const std::vector<std::array<double, 3>>& barrier_row(int k) const;
  static constexpr int kTilts = 401;      // grid in s = ln(1 + f), uniform over [0, ln(1 + kMaxTilt)]
  static constexpr double kBarrierStep = 0.5;
  static constexpr int kBarriers = static_cast<int>(kMaxBarrier / kBarrierStep) + 4;  // 2 rows beyond for the cubic
  mutable std::vector<std::vector<std::array<double, 3>>> rows_;
  mutable std::vector<std::once_flag> once_;
};

}  // namespace limen::physics
