// The catalog loader (src/limen/catalog): arbitrary TOML added to the built-in catalog, then
// every entry looked up; bad entries end in one InputError naming file:line.
#include "fuzz_common.hpp"
#include "limen/catalog/catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace limen;
  fuzz::expect_clean([&] {
    Catalog c;
    c.load_text(fuzz::text(data, size), "fuzz.toml");
    for (const auto& n : c.model_names()) (void)c.model(n);
    for (const auto& [name, chip] : c.chips())
      for (const auto& [precision, peak] : chip.peak) (void)chip.peak_at(precision);
    for (const auto& n : c.node_names()) (void)c.node(n);
    for (const auto& n : c.memory_names()) (void)c.memory(n);
  });
  return 0;
}
