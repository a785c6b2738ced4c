// The IDX dataset reader (learn::load_idx, the MNIST format). The input is split in two files at
// the offset its first two bytes give: images, then labels.
#include "fuzz_common.hpp"
#include "limen/learn/data.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace limen;
  if (size < 2) return 0;
  std::size_t cut = (static_cast<std::size_t>(data[0]) << 8 | data[1]);
  data += 2;
  size -= 2;
  if (cut > size) cut = size;
  const std::string images = fuzz::write_temp("images.idx", data, cut);
  const std::string labels = fuzz::write_temp("labels.idx", data + cut, size - cut);
  fuzz::expect_clean([&] {
    const learn::Dataset d = learn::load_idx(images, labels, "fuzz");
    if (d.size() < 1 || d.classes < 1) __builtin_trap();
  });
  return 0;
}
