#pragma once
// Shared by the libFuzzer targets of fuzz/: bad input must end in limen::InputError (or RunError, a
// run that cannot continue), never a crash, a sanitizer report or another exception. So a target
// catches exactly those two and lets everything else reach libFuzzer, which reports it.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "limen/units/error.hpp"

namespace limen::fuzz {

// Runs `body`; InputError and RunError are the documented answers to bad input.
template <class F>
void expect_clean(F&& body) {
  try {
    body();
  } catch (const InputError&) {
  } catch (const RunError&) {
  }
}

// The loaders read files by path: each input is written to one file per process (in TMPDIR,
// default /tmp), named with `suffix` so that ".gz" and ".csv" take their own paths through them.
inline std::string write_temp(const std::string& name, const std::uint8_t* data, std::size_t size) {
  const char* dir = std::getenv("TMPDIR");
  const std::string path = std::string(dir && *dir ? dir : "/tmp") + "/limen-fuzz-" + std::to_string(getpid()) + "-" + name;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) __builtin_trap();  // the harness itself cannot work: not a finding about limen
  if (size) std::fwrite(data, 1, size, f);
  std::fclose(f);
  return path;
}

inline std::string text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

}  // namespace limen::fuzz
