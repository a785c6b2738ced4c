// The CSV dataset reader (learn::load_csv). The first byte picks the label column (-4..3) and the
// task; the rest is the file, written plain or, when it starts with gzip's magic, as .gz.
#include "fuzz_common.hpp"
#include "limen/learn/data.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace limen;
  if (size < 1) return 0;
  const int label_column = static_cast<int>(data[0] & 7) - 4;
  const bool classification = data[0] & 8;
  const bool gz = size >= 3 && data[1] == 0x1f && data[2] == 0x8b;
  const std::string path = fuzz::write_temp(gz ? "data.csv.gz" : "data.csv", data + 1, size - 1);
  fuzz::expect_clean([&] {
    const learn::Dataset d = learn::load_csv(path, label_column, classification, "fuzz");
    if (d.size() < 1 || (classification && d.classes < 2)) __builtin_trap();
  });
  return 0;
}
