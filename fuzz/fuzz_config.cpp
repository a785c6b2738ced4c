// The TOML config readers (src/limen/io/config.*) through the simulate reader
// (physics::read_setup): arbitrary text is either a Setup or one InputError.
#include "fuzz_common.hpp"
#include "limen/io/config.hpp"
#include "limen/physics/run_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace limen;
  fuzz::expect_clean([&] {
    const Config c = Config::parse(fuzz::text(data, size), "fuzz.toml");
    (void)c.keys();
    (void)physics::read_setup(c);
  });
  return 0;
}
