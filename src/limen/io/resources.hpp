#pragma once
// Memory refused up front: a run whose arrays would not fit is refused before it allocates them,
// with one line naming the key that sets its size, the estimate and the memory available, instead
// of dying with std::bad_alloc (or the kernel's OOM killer) after minutes of work.
#include <string>

namespace limen {

struct MemoryAvailable {
  double bytes = 0;
  std::string source;  // "cgroup limit /sys/fs/cgroup/memory.max", "/proc/meminfo MemAvailable", "LIMEN_MEMORY_BYTES"
};

// What this process may still allocate: the smaller of the cgroup's limit less its usage (v2
// memory.max / memory.current, else v1 memory.limit_in_bytes / usage_in_bytes) and MemAvailable
// of /proc/meminfo. $LIMEN_MEMORY_BYTES overrides both (shared nodes, tests). bytes = inf when
// nothing is known.
MemoryAvailable available_memory();
// The same read from another cgroup mount and meminfo file (tests), without the override.
MemoryAvailable available_memory_at(const std::string& cgroup_root, const std::string& meminfo_path);

// "1.6 GB", "512 MB": bytes for people.
std::string format_bytes(double bytes);

// InputError "WHERE: needs about X (WHAT), but only Y are available (SOURCE); expected ..." when
// `bytes` does not fit in what is available.
void check_memory(const std::string& where, double bytes, const std::string& what, const std::string& remedy);

}  // namespace limen
