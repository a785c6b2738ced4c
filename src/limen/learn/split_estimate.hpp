#pragma once
// The drive/noise heat split of a minibatch run, estimated from a systematic sample of its steps
// (README "the heat split"). On a sampled step both parts are known: y = the gradient-drive heat
// kappa [L(w_n) - L(w_{n+1})] (two full-training-set losses) and x = the step's whole minibatch heat
// (known on every step, total X). The estimator is the regression estimator of survey sampling
// (Cochran, Sampling Techniques, 3rd ed., section 7.1): Y ~ N (ybar - b xbar) + b X with b the
// sample slope of y on x, and SE = N sqrt(s_e^2 (1 - m/N) / m), s_e^2 the residual variance with
// m - 2 degrees of freedom. On digits softmax the two heats correlate (r ~ 0.7), which cuts the
// SE at a given sampling rate by about a third (README, measured).
#include <cmath>

namespace limen::learn {

struct SplitSample {
  long long m = 0;
  double sy = 0, sx = 0, syy = 0, sxx = 0, sxy = 0;  // sums over the sampled steps
  void add(double y, double x) {
    ++m;
    sy += y;
    sx += x;
    syy += y * y;
    sxx += x * x;
    sxy += x * y;
  }
};

struct SplitEstimate {
  double drive_kT = 0, se_kT = 0;  // se 0: every step was sampled (exact)
  bool regression = false;         // false: the plain expansion N ybar (too few samples or x constant)
};

// n steps in all, x_total the minibatch heat summed over all of them.
SplitEstimate split_estimate(const SplitSample& s, long long n, double x_total);

}  // namespace limen::learn
