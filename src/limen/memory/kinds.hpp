#pragma once
// The memory kinds behind make_memory (one file each) and what they share. Internal to
// src/limen/memory.
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "limen/memory/memory.hpp"

namespace limen::memory {

std::unique_ptr<Memory> make_coarse(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed);
std::unique_ptr<Memory> make_resolved(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed);
std::unique_ptr<Memory> make_linear_response(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed);
Json device_assumptions(const MemorySpec& spec);
std::unique_ptr<Memory> make_device(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed);
Json pair_assumptions(const MemorySpec& spec);
std::unique_ptr<Memory> make_device_pair(const MemorySpec& spec, std::vector<uint64_t> ids, uint64_t seed);

// The Lyapunov-matching root (THEORY §5.4) for a memory whose drift at force F is drift(F) (F >= 0),
// with barrier-free mobility mobility0 and weak-drive ratio ratio0 = mu_eff / mu_0. `warm`, when
// given, holds the last answer (a bracket is grown around it) and receives the new one.
double solve_drive(std::span<const double> grad, double rate, double mobility0, double ratio0,
                   const std::function<double(double)>& drift, double* warm = nullptr);

}  // namespace limen::memory
