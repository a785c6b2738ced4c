// Protocol jumps land exactly on the step grid even when s * dt rounds below the knot
// (THEORY §6: "protocol jumps are exact"). Regression for a jump at t_f = 10.7 with dt = 0.01,
// where 1070 * (10.7 / 1070) = 10.699999999999998 used to skip the final jump.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "limen/physics/api.hpp"
#include "limen/physics/closed_forms.hpp"
#include "limen/physics/protocol.hpp"

using namespace limen;
using namespace limen::physics;

TEST(Protocol, TimesWithinRoundingOfAKnotAreTheKnot) {
  const Schedule s{{0.0, 0.0, 10.7, 10.7}, {0.0, 1.0, 2.0, 5.0}};
  const double t_end = 1070 * (10.7 / 1070);
  ASSERT_LT(t_end, 10.7);  // the rounding this test is about
  EXPECT_EQ(s.after(t_end), 5.0);
  EXPECT_EQ(s.before(t_end), 2.0);
  EXPECT_EQ(s.before(std::nextafter(10.7, 11.0)), 2.0);
  EXPECT_NEAR(s.after(5.35), 1.5, 1e-15);  // plain interpolation is untouched
  EXPECT_EQ(s.after(0.0), 1.0);
  EXPECT_EQ(s.before(0.0), 0.0);
}

TEST(Protocol, OptimalDragWithJumpAtAnOffGridTime) {
  // Schmiedl-Seifert optimum (THEORY §7 drag-optimal) with t_f = 10.7, k = gamma = kT = 1, L = 5:
  // W* = gamma L^2 / (t_f + 2 gamma / k) = 25 / 12.7. The Fokker-Planck solver is noise-free.
  const double tf = 10.7, L = 5.0;
  const std::string cfg = fmt::format(
      "[run]\nmethod = \"fokker-planck\"\ndt = 0.01\nduration = {}\n[potential]\nkind = \"harmonic\"\nstiffness = 1.0\n"
      "center = 0.0\n[protocol]\ncenter = {{ times = [0.0, 0.0, {}, {}], values = [0.0, {:.17g}, {:.17g}, {}] }}\n",
      tf, tf, tf, L / (2 + tf), L * (1 + tf) / (2 + tf), L);
  const Json r = simulate(Config::parse(cfg, "drag-optimal-10.7"), SimulateOptions{});
  EXPECT_NEAR(r["work_kT"]["mean"].get<double>() / (L * L / (tf + 2)), 1.0, 0.01) << r["work_kT"].dump();
}
