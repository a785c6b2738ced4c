// The train config reader (learn::read_train_setup) on arbitrary TOML. Sizes are capped before the
// reader runs (parameters, samples x features, hidden units): the reader would build a model that
// large, and refusing a run too large for memory up front is checked by the tests of that feature,
// not here. The fuzzer explores the reader's checks, which stay the same at small sizes.
#include <toml++/toml.h>

#include "fuzz_common.hpp"
#include "limen/io/config.hpp"
#include "limen/learn/setup.hpp"

namespace {
double value_or(const toml::table& root, const char* path, double fallback) {
  const auto n = root.at_path(path);
  if (const auto* i = n.as_integer()) return static_cast<double>(i->get());
  if (const auto* d = n.as_floating_point()) return d->get();
  return fallback;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace limen;
  fuzz::expect_clean([&] {
    const Config c = Config::parse(fuzz::text(data, size), "fuzz.toml");
    const toml::table& root = c.raw();
    if (value_or(root, "model.parameters", 1) > 1e4 || value_or(root, "model.hidden", 1) > 64 ||
        value_or(root, "data.samples", 1) * value_or(root, "data.features", 1) > 1e5 ||
        value_or(root, "data.classes", 1) > 100 || value_or(root, "train.replicas", 1) > 8)
      return;
    (void)learn::read_train_setup(c);
  });
  return 0;
}
