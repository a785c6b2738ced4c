// Model gradients against central finite differences.
#include <gtest/gtest.h>

#include <cmath>

#include "limen/learn/model.hpp"

using namespace limen::learn;

namespace {
void check_gradient(const Model& m, double spread) {
  Vec w(m.size());
  for (long long i = 0; i < m.size(); ++i) w[i] = spread * std::sin(1.7 * i + 0.3);
  const std::vector<int> batch{0, 3, 5, 7, 11};
  Vec g;
  m.loss(w, batch, &g);
  for (long long i = 0; i < m.size(); i += std::max<long long>(1, m.size() / 23)) {
    Vec wp = w, wm = w;
    const double h = 1e-6;
    wp[i] += h;
    wm[i] -= h;
    const double fd = (m.loss(wp, batch, nullptr) - m.loss(wm, batch, nullptr)) / (2 * h);
    EXPECT_NEAR(g[i], fd, 1e-6 * std::max(1.0, std::abs(fd))) << m.kind() << " parameter " << i;
  }
}
Split small(bool classification) {
  Split s;
  s.train = classification ? synthetic_classification(30, 4, 3, 2.0, 1) : synthetic_regression(30, 4, 0.1, 1);
  s.test = classification ? synthetic_classification(12, 4, 3, 2.0, 2) : synthetic_regression(12, 4, 0.1, 2);
  return s;
}
}  // namespace

TEST(Models, GradientsMatchFiniteDifferences) {
  check_gradient(*make_quadratic(7, {0.5, 2}, {1, -1, 3}), 1.0);
  check_gradient(*make_linear_regression(small(false)), 0.5);
  check_gradient(*make_softmax(small(true)), 0.5);
  check_gradient(*make_mlp(small(true), 5), 0.5);
  check_gradient(*make_mlp(small(false), 5), 0.5);
}

TEST(Models, QuadraticGroupsAndMetric) {
  const auto m = make_quadratic(6, {1, 2}, {0});
  ASSERT_NE(m->quadratic_groups(), nullptr);
  EXPECT_EQ(m->quadratic_groups()->size(), 2u);
  Vec w = Vec::Constant(6, 2.0);
  EXPECT_DOUBLE_EQ(m->test_metric(w), 4.0);
  EXPECT_DOUBLE_EQ(m->loss(w, {}, nullptr), 0.5 * (3 * 4 + 3 * 8));
}
