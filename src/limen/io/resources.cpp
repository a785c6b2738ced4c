#include "limen/io/resources.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "limen/units/error.hpp"

namespace limen {
namespace {

// The first number in a file, or -1 ("max" or no file).
double read_number(const std::string& path) {
  std::ifstream f(path);
  std::string word;
  if (!(f >> word)) return -1;
  char* end = nullptr;
  const double v = std::strtod(word.c_str(), &end);
  return end != word.c_str() && *end == '\0' && v >= 0 ? v : -1;
}

double meminfo_available(const std::string& path) {
  std::ifstream f(path);
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("MemAvailable:", 0) != 0) continue;
    std::istringstream in(line.substr(13));
    double kb = -1;
    in >> kb;
    return kb >= 0 ? kb * 1024 : -1;
  }
  return -1;
}

}  // namespace

MemoryAvailable available_memory() {
  if (const char* env = std::getenv("LIMEN_MEMORY_BYTES"); env && *env) {
    char* end = nullptr;
    const double v = std::strtod(env, &end);
    if (end != env && *end == '\0' && v > 0) return {v, "LIMEN_MEMORY_BYTES"};
  }
  return available_memory_at("/sys/fs/cgroup", "/proc/meminfo");
}

MemoryAvailable available_memory_at(const std::string& cg, const std::string& meminfo_path) {
  MemoryAvailable best{std::numeric_limits<double>::infinity(), "nothing known"};
  const double v2 = read_number(cg + "/memory.max");
  if (v2 > 0) {
    const double used = std::max(0.0, read_number(cg + "/memory.current"));
    best = {std::max(0.0, v2 - used), "cgroup limit " + cg + "/memory.max less memory.current"};
  } else {
    const double v1 = read_number(cg + "/memory/memory.limit_in_bytes");
    if (v1 > 0 && v1 < 1e18) {  // v1 writes a huge number for "no limit"
      const double used = std::max(0.0, read_number(cg + "/memory/memory.usage_in_bytes"));
      best = {std::max(0.0, v1 - used), "cgroup limit " + cg + "/memory/memory.limit_in_bytes"};
    }
  }
  const double mem = meminfo_available(meminfo_path);
  if (mem >= 0 && mem < best.bytes) best = {mem, meminfo_path + " MemAvailable"};
  return best;
}

std::string format_bytes(double b) {
  if (b >= 1e12) return fmt::format("{:.3g} TB", b / 1e12);
  if (b >= 1e9) return fmt::format("{:.3g} GB", b / 1e9);
  if (b >= 1e6) return fmt::format("{:.3g} MB", b / 1e6);
  return fmt::format("{:.3g} kB", b / 1e3);
}

void check_memory(const std::string& where, double bytes, const std::string& what, const std::string& remedy) {
  const MemoryAvailable m = available_memory();
  if (!(bytes > m.bytes)) return;
  throw InputError(fmt::format("{}: needs about {} ({}), but only {} are available ({}); {}", where, format_bytes(bytes),
                               what, format_bytes(m.bytes), m.source, remedy));
}

}  // namespace limen
