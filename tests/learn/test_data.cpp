// Datasets: IDX (generated files), CSV, digits, synthetic, the fixed split.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "limen/learn/data.hpp"
#include "limen/units/error.hpp"

using namespace limen::learn;

namespace {
void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary);
  f << bytes;
}
std::string be32(uint32_t v) { return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; }
}  // namespace

TEST(Idx, ReadsGeneratedImagesAndLabels) {
  const std::string im = "/tmp/limen_test_idx_images", lb = "/tmp/limen_test_idx_labels";
  std::string a = std::string("\0\0\x08\x03", 4) + be32(3) + be32(2) + be32(2);
  for (int i = 0; i < 12; ++i) a += char(i * 10);
  write_bytes(im, a);
  write_bytes(lb, std::string("\0\0\x08\x01", 4) + be32(3) + std::string("\x02\x00\x01", 3));
  const Dataset d = load_idx(im, lb, "test");
  EXPECT_EQ(d.size(), 3);
  EXPECT_EQ(d.features(), 4);
  EXPECT_EQ(d.classes, 3);
  EXPECT_DOUBLE_EQ(d.x(1, 2), 60);
  EXPECT_DOUBLE_EQ(d.y[0], 2);
  write_bytes(lb, std::string("\0\0\x08\x01", 4) + be32(4) + std::string("\x02\x00\x01\x01", 4));
  EXPECT_THROW(load_idx(im, lb, "test"), limen::InputError);  // 3 images, 4 labels
  write_bytes(im, std::string("\x01\x02\x08\x03", 4));
  EXPECT_THROW(load_idx(im, lb, "test"), limen::InputError);  // bad magic
  std::remove(im.c_str());
  std::remove(lb.c_str());
}

TEST(Csv, HeaderLabelColumnAndErrors) {
  const std::string p = "/tmp/limen_test_data.csv";
  write_bytes(p, "label,a,b\n1,0.5,2\n0,1.5,3\n");
  const Dataset d = load_csv(p, 0, true, "test");
  EXPECT_EQ(d.size(), 2);
  EXPECT_EQ(d.classes, 2);
  EXPECT_DOUBLE_EQ(d.x(1, 1), 3);
  write_bytes(p, "1,0.5,2\n0,x,3\n");
  try {
    load_csv(p, 0, true, "test");
    FAIL();
  } catch (const limen::InputError& e) {
    EXPECT_NE(std::string(e.what()).find(":2:"), std::string::npos);
  }
  std::remove(p.c_str());
}

TEST(Digits, LoadsAndSplitsDeterministically) {
  const Dataset d = load_digits();
  EXPECT_EQ(d.size(), 1797);
  const Split a = split_dataset(d, 0.2, 1998), b = split_dataset(d, 0.2, 1998);
  EXPECT_EQ(a.test.size(), 359);
  EXPECT_EQ(a.train.size(), 1438);
  EXPECT_EQ(a.test.x, b.test.x);
  EXPECT_EQ(a.test.y, b.test.y);
}

TEST(Synthetic, ReproducibleFromSeed) {
  const Dataset a = synthetic_classification(50, 3, 4, 2.0, 9), b = synthetic_classification(50, 3, 4, 2.0, 9);
  EXPECT_EQ(a.x, b.x);
  EXPECT_EQ(a.classes, 4);
  const Dataset r = synthetic_regression(40, 5, 0.0, 3);
  EXPECT_EQ(r.size(), 40);
}

// Found by fuzz_idx (issue 10): dimensions whose product overflows 64 bits were multiplied before
// the size check (signed overflow, UB; the sanitizer build aborts on it). Refused as too large.
TEST(Idx, DimensionsWhoseProductOverflowsAreRefused) {
  const std::string im = "/tmp/limen_test_idx_huge_images", lb = "/tmp/limen_test_idx_huge_labels";
  write_bytes(im, std::string("\0\0\x08\x03", 4) + be32(0xFFFFFFFF) + be32(0xFFFFFFFF) + be32(4) + std::string(4, '\0'));
  write_bytes(lb, std::string("\0\0\x08\x01", 4) + be32(4) + std::string("\x00\x01\x00\x01", 4));
  try {
    load_idx(im, lb, "[data] images");
    FAIL() << "accepted an IDX file of 2^64 elements";
  } catch (const limen::InputError& e) {
    EXPECT_NE(std::string(e.what()).find("too large"), std::string::npos) << e.what();
  }
}

// A label of 2^31 - 1 (int32 labels) made `int(label) + 1` overflow and was accepted as a class;
// labels are capped as in CSV files: [0, 1e6].
TEST(Idx, HugeLabelIsRefused) {
  const std::string im = "/tmp/limen_test_idx_big_label_images", lb = "/tmp/limen_test_idx_big_label_labels";
  write_bytes(im, std::string("\0\0\x08\x02", 4) + be32(2) + be32(2) + std::string("\x01\x02\x03\x04", 4));
  write_bytes(lb, std::string("\0\0\x0C\x01", 4) + be32(2) + be32(1) + be32(0x7FFFFFFF));
  EXPECT_THROW(load_idx(im, lb, "[data] labels"), limen::InputError);
}
