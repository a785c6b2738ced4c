// Unit and duration parsing (hand-computed values: 30 d = 30 * 86400 s, etc.).
#include <gtest/gtest.h>

#include <cmath>

#include "limen/io/suggest.hpp"
#include "limen/units/constants.hpp"
#include "limen/units/error.hpp"
#include "limen/units/parse.hpp"

using namespace limen;

TEST(Parse, Durations) {
  EXPECT_DOUBLE_EQ(parse_duration("30d", "--train-time"), 30 * 86400.0);
  EXPECT_DOUBLE_EQ(parse_duration("12h", "x"), 12 * 3600.0);
  EXPECT_DOUBLE_EQ(parse_duration("90min", "x"), 5400.0);
  EXPECT_DOUBLE_EQ(parse_duration("3600s", "x"), 3600.0);
  EXPECT_DOUBLE_EQ(parse_duration("3600", "x"), 3600.0);
  EXPECT_DOUBLE_EQ(parse_duration("64ms", "x"), 0.064);
  EXPECT_DOUBLE_EQ(parse_duration("1ns", "x"), 1e-9);
  EXPECT_DOUBLE_EQ(parse_duration("10y", "x"), 10 * 365.25 * 86400.0);
  EXPECT_DOUBLE_EQ(parse_duration(" 2 h ", "x"), 7200.0);
}

TEST(Parse, BadDurationsNameTheFlag) {
  for (const char* bad : {"", "abc", "30x", "-1d", "0s", "nan", "inf", "1e400s", "d30", "30dd"}) {
    try {
      parse_duration(bad, "--train-time");
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("--train-time"), std::string::npos) << e.what();
    }
  }
}

TEST(Parse, Temperatures) {
  EXPECT_DOUBLE_EQ(parse_temperature("300K", "--temperature"), 300.0);
  EXPECT_DOUBLE_EQ(parse_temperature("77", "--temperature"), 77.0);
  EXPECT_DOUBLE_EQ(parse_temperature("4.2 K", "--temperature"), 4.2);
  for (const char* bad : {"0K", "-5", "300C", "nan", "K", ""}) EXPECT_THROW(parse_temperature(bad, "t"), InputError) << bad;
}

TEST(Parse, Counts) {
  EXPECT_DOUBLE_EQ(parse_count("1e15", "--params"), 1e15);
  EXPECT_DOUBLE_EQ(parse_count("175000000000", "--params"), 1.75e11);
  for (const char* bad : {"0", "-1", "nan", "inf", "1e15x", "1e61"}) EXPECT_THROW(parse_count(bad, "p"), InputError) << bad;
}

TEST(Parse, LogRange) {
  const auto r = parse_log_range("1:100:3", "--vary");
  ASSERT_EQ(r.points, 3);
  EXPECT_DOUBLE_EQ(r.at(0), 1.0);
  EXPECT_NEAR(r.at(1), 10.0, 1e-12);
  EXPECT_DOUBLE_EQ(r.at(2), 100.0);
  const auto d = parse_log_range("1d:100d:2", "--train-time", Unit::duration);
  EXPECT_DOUBLE_EQ(d.at(1), 100 * 86400.0);
  for (const char* bad : {"1:100", "0:10:3", "1:10:0", "1:10:2.5", "a:b:c"}) EXPECT_THROW(parse_log_range(bad, "v"), InputError) << bad;
}

TEST(Parse, Constants) {
  // THEORY.md section 1: kT at 300 K = 4.141947e-21 J, kT ln 2 = 2.870979e-21 J.
  EXPECT_NEAR(kT_J(300) / 4.141947e-21, 1.0, 1e-6);
  EXPECT_NEAR(kT_J(300) * kLn2 / 2.870979e-21, 1.0, 1e-6);
}

TEST(Suggest, NearestName) {
  const std::vector<std::string> names{"gpt-3", "chinchilla", "brain-scale", "llama-3.1-405b"};
  EXPECT_EQ(nearest("gpt3", names), "gpt-3");
  EXPECT_EQ(nearest("brainscale", names), "brain-scale");
  EXPECT_EQ(nearest("llama-3.1-450b", names), "llama-3.1-405b");
  EXPECT_EQ(nearest("zzzzzzzzzzzzzz", names), "");
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(Parse, FormatDuration) {
  EXPECT_EQ(format_duration(30 * 86400.0), "30 d");
  EXPECT_EQ(format_duration(10 * 365.25 * 86400.0), "10 y");
  EXPECT_EQ(format_duration(0.064), "64 ms");
  EXPECT_EQ(format_duration(1e-9), "1 ns");
  EXPECT_EQ(format_duration(5400), "90 min");
  EXPECT_EQ(format_duration(1.5), "1.5 s");
}

// fuzz_units found it: a range whose STOP/START overflows a double gave inf inside the range.
TEST(Parse, LogRangeWiderThanTheDoublesStaysFinite) {
  const limen::LogRange r = limen::parse_log_range("1e-306:3e10:3.0", "--vary");
  EXPECT_EQ(r.at(0), 1e-306);
  EXPECT_EQ(r.at(2), 3e10);
  EXPECT_TRUE(std::isfinite(r.at(1)));
  EXPECT_NEAR(std::log10(r.at(1)), (-306 + std::log10(3e10)) / 2, 1e-9);
  const limen::LogRange down = limen::parse_log_range("3e10:1e-306:3", "--vary");
  EXPECT_TRUE(std::isfinite(down.at(1)) && down.at(1) > 0);
}
