// Potentials and protocols (THEORY §6): forces and curvatures are the derivatives of the values,
// the vectorised array path equals the scalar path, protocols interpolate and jump as specified.
#include <gtest/gtest.h>

#include <cmath>

#include "limen/physics/potential.hpp"
#include "limen/physics/protocol.hpp"
#include "limen/units/error.hpp"

using namespace limen::physics;

namespace {
Potential every_kind() {
  Potential p;
  p.add(TermKind::harmonic, "trap", {0.7, 0.3});
  p.add(TermKind::double_well, "well", {4.0, 1.2, 0.5, -0.1});
  p.add(TermKind::periodic, "levels", {2.0, 0.8, 0.1, 4.0, 6.0});
  p.add(TermKind::step, "lift", {3.0, -0.6, 0.3});
  return p;
}
}  // namespace

TEST(Potential, ForceAndCurvatureAreDerivatives) {
  const Potential p = every_kind();
  const double* th = p.theta0().data();
  for (double x = -3.0; x <= 4.0; x += 0.137) {
    const double h = 1e-5;
    const double dU = (p.value(th, x + h) - p.value(th, x - h)) / (2 * h);
    const double d2U = (p.value(th, x + h) - 2 * p.value(th, x) + p.value(th, x - h)) / (h * h);
    EXPECT_NEAR(p.force(th, x), -dU, 1e-6 * (1 + std::fabs(dU))) << x;
    // Skip the wall edges of the periodic term, where U'' jumps.
    if (std::fabs(x - (0.1 - 0.4)) > 2e-3 && std::fabs(x - (0.1 + 3.5 * 0.8)) > 2e-3) {
      EXPECT_NEAR(p.curvature(th, x), d2U, 1e-3 * (1 + std::fabs(d2U))) << x;
    }
  }
}

TEST(Potential, ClosedFormValues) {
  Potential p;
  p.add(TermKind::double_well, "", {5.0, 2.0, 0.0, 0.0});
  EXPECT_DOUBLE_EQ(p.value(p.theta0().data(), 0.0), 5.0);  // barrier top
  EXPECT_DOUBLE_EQ(p.value(p.theta0().data(), 2.0), 0.0);  // wells at +-half_width
  Potential c;
  c.add(TermKind::periodic, "", {3.0, 1.0, 0.0, 0.0, 1.0});
  EXPECT_NEAR(c.value(c.theta0().data(), 0.5), 3.0, 1e-15);
  EXPECT_NEAR(c.value(c.theta0().data(), 7.0), 0.0, 1e-12);  // unbounded: periodic forever
  EXPECT_NEAR(c.value(c.theta0().data(), -12.25), 1.5, 1e-12);
}

TEST(Potential, ArrayPathEqualsScalarPath) {
  const Potential p = every_kind();
  const double* th = p.theta0().data();
  std::vector<double> x, u(1000, 0.0), f(1000, 0.0);
  for (int i = 0; i < 1000; ++i) x.push_back(-3.0 + 0.007 * i);
  p.add_value(th, x.data(), u.data(), x.size());
  p.add_force(th, x.data(), f.data(), x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_EQ(u[i], p.value(th, x[i]));
    EXPECT_EQ(f[i], p.force(th, x[i]));
  }
}

TEST(Potential, NamesAndBox) {
  const Potential p = every_kind();
  EXPECT_EQ(p.index("trap.center"), 1);
  EXPECT_EQ(p.index("well.tilt"), 4);
  EXPECT_EQ(p.index("lift.height"), 11);
  EXPECT_EQ(p.index("center"), -1);
  const auto box = p.box(p.theta0().data(), 1.0);
  EXPECT_LT(box[0], -2.0);
  EXPECT_GT(box[1], 3.0);
  Potential flat;
  flat.add(TermKind::step, "", {1.0, 0.0, 1.0});
  EXPECT_THROW(flat.box(flat.theta0().data(), 1.0), limen::InputError);
}

TEST(Protocol, PiecewiseLinearWithJumps) {
  const Schedule s{{0.0, 0.0, 1.0, 2.0, 2.0}, {0.0, 1.0, 3.0, 3.0, 10.0}};
  EXPECT_DOUBLE_EQ(s.before(0.0), 0.0);  // lambda(0-): the equilibrium the particles start in
  EXPECT_DOUBLE_EQ(s.after(0.0), 1.0);
  EXPECT_DOUBLE_EQ(s.after(0.5), 2.0);
  EXPECT_DOUBLE_EQ(s.before(0.5), 2.0);
  EXPECT_DOUBLE_EQ(s.after(1.5), 3.0);
  EXPECT_DOUBLE_EQ(s.before(2.0), 3.0);
  EXPECT_DOUBLE_EQ(s.after(2.0), 10.0);
  EXPECT_DOUBLE_EQ(s.after(99.0), 10.0);
}

TEST(Protocol, RejectsBadTimes) {
  Potential p;
  p.add(TermKind::harmonic, "", {1.0, 0.0});
  Protocol proto(p);
  EXPECT_THROW(proto.set(1, Schedule{{0.0, 2.0, 1.0}, {0, 1, 2}}), limen::InputError);
  EXPECT_THROW(proto.set(1, Schedule{{0.0, 1.0, 1.0, 1.0}, {0, 1, 2, 3}}), limen::InputError);
  EXPECT_THROW(proto.set(1, Schedule{{0.0, 1.0}, {0.0}}), limen::InputError);
  EXPECT_THROW(proto.set(1, Schedule{{-1.0, 1.0}, {0.0, 1.0}}), limen::InputError);
  proto.set(1, Schedule{{0.0, 1.0}, {0.0, 5.0}});
  EXPECT_DOUBLE_EQ(proto.after(0.5)[1], 2.5);
  EXPECT_DOUBLE_EQ(proto.after(0.5)[0], 1.0);  // undriven parameters keep their value
}
