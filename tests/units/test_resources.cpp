// The memory a run may use (io/resources.hpp): the cgroup limit less its usage (v2, else v1) and
// /proc/meminfo MemAvailable, whichever is smaller; "max" means no cgroup limit.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "limen/io/resources.hpp"
#include "limen/units/error.hpp"

namespace fs = std::filesystem;
using limen::available_memory_at;

namespace {
struct FakeSystem {
  fs::path root = fs::temp_directory_path() / ("limen_resources_" + std::to_string(::getpid()));
  FakeSystem() {
    fs::remove_all(root);
    fs::create_directories(root / "cg" / "memory");
  }
  ~FakeSystem() { fs::remove_all(root); }
  void put(const std::string& name, const std::string& text) const { std::ofstream(root / name) << text; }
  std::string cg() const { return (root / "cg").string(); }
  std::string meminfo() const { return (root / "meminfo").string(); }
};
const char* kMeminfo = "MemTotal:       32000000 kB\nMemFree:         1000000 kB\nMemAvailable:   20000000 kB\n";
}  // namespace

TEST(Resources, CgroupV2LimitLessUsageWhenSmaller) {
  FakeSystem f;
  f.put("meminfo", kMeminfo);
  f.put("cg/memory.max", "4000000000\n");
  f.put("cg/memory.current", "1000000000\n");
  const auto m = available_memory_at(f.cg(), f.meminfo());
  EXPECT_DOUBLE_EQ(m.bytes, 3e9);
  EXPECT_NE(m.source.find("memory.max"), std::string::npos) << m.source;
}

TEST(Resources, MemAvailableWhenTheCgroupHasNoLimit) {
  FakeSystem f;
  f.put("meminfo", kMeminfo);
  f.put("cg/memory.max", "max\n");
  const auto m = available_memory_at(f.cg(), f.meminfo());
  EXPECT_DOUBLE_EQ(m.bytes, 20000000.0 * 1024);
  EXPECT_NE(m.source.find("MemAvailable"), std::string::npos) << m.source;
}

TEST(Resources, CgroupV1Limit) {
  FakeSystem f;
  f.put("meminfo", kMeminfo);
  f.put("cg/memory/memory.limit_in_bytes", "2000000000\n");
  f.put("cg/memory/memory.usage_in_bytes", "500000000\n");
  EXPECT_DOUBLE_EQ(available_memory_at(f.cg(), f.meminfo()).bytes, 1.5e9);
  f.put("cg/memory/memory.limit_in_bytes", "9223372036854771712\n");  // v1's "no limit"
  EXPECT_DOUBLE_EQ(available_memory_at(f.cg(), f.meminfo()).bytes, 20000000.0 * 1024);
}

TEST(Resources, CheckMemoryNamesKeyEstimateAndAvailable) {
  ::setenv("LIMEN_MEMORY_BYTES", "1e9", 1);
  EXPECT_NO_THROW(limen::check_memory("c.toml:2: [run] particles", 5e8, "x", "lower it"));
  try {
    limen::check_memory("c.toml:2: [run] particles", 2.5e9, "1e8 particles x 25 bytes", "lower it");
    ADD_FAILURE() << "expected an InputError";
  } catch (const limen::InputError& e) {
    const std::string w = e.what();
    for (const char* s : {"c.toml:2: [run] particles", "2.5 GB", "1 GB", "LIMEN_MEMORY_BYTES", "lower it"})
      EXPECT_NE(w.find(s), std::string::npos) << s << " in " << w;
  }
  ::unsetenv("LIMEN_MEMORY_BYTES");
}
