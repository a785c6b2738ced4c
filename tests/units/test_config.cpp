// The TOML config reader: file:line in every error, unknown keys rejected with a suggestion.
#include <gtest/gtest.h>

#include <functional>

#include "limen/io/config.hpp"

using namespace limen;

namespace {
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(Config, ReadsTypedValues) {
  auto c = Config::parse("[run]\nparticles = 1e5\ndt = 0.001\nname = \"x\"\nflag = true\ntimes = [0, 1.5]\n", "a.toml");
  auto run = c.table("run");
  EXPECT_EQ(run.integer("particles", Range::positive()), 100000);
  EXPECT_DOUBLE_EQ(run.number("dt", Range::positive()), 0.001);
  EXPECT_EQ(run.string("name"), "x");
  EXPECT_TRUE(run.boolean("flag", false));
  EXPECT_EQ(run.numbers("times").size(), 2u);
  EXPECT_DOUBLE_EQ(run.number("absent", 7.0), 7.0);
  EXPECT_NO_THROW(c.finish_all());
}

TEST(Config, ErrorsNameFileLineAndKey) {
  auto c = Config::parse("[run]\nparticles = 0\npartcles = 3\ndt = \"x\"\n", "b.toml");
  auto run = c.table("run");
  const std::string e1 = error_of([&] { run.integer("particles", Range::positive()); });
  EXPECT_NE(e1.find("b.toml:2"), std::string::npos) << e1;
  EXPECT_NE(e1.find("particles"), std::string::npos) << e1;
  EXPECT_NE(e1.find("(0, inf)"), std::string::npos) << e1;
  const std::string e2 = error_of([&] { run.number("dt"); });
  EXPECT_NE(e2.find("b.toml:4"), std::string::npos) << e2;
  const std::string e3 = error_of([&] { run.finish(); });
  EXPECT_NE(e3.find("b.toml:3"), std::string::npos) << e3;
  EXPECT_NE(e3.find("did you mean 'particles'"), std::string::npos) << e3;
}

TEST(Config, SyntaxErrorHasLine) {
  const std::string e = error_of([] { Config::parse("a = 1\nb = = 2\n", "c.toml"); });
  EXPECT_NE(e.find("c.toml:2"), std::string::npos) << e;
}

TEST(Config, NanAndMissingAreRejected) {
  auto c = Config::parse("x = nan\n", "d.toml");
  EXPECT_NE(error_of([&] { c.number("x"); }).find("d.toml:1"), std::string::npos);
  EXPECT_NE(error_of([&] { c.number("y"); }).find("missing"), std::string::npos);
  EXPECT_NE(error_of([&] { c.choice("kind", {"harmonic", "periodic"}, "harmnic"); }).find("did you mean 'harmonic'"),
            std::string::npos);
}
