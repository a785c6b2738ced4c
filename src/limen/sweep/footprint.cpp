#include "limen/sweep/footprint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "limen/io/resources.hpp"

namespace limen::sweep {
namespace {

// A number at table.key of the raw TOML, or `fallback`.
double raw_number(const Config& c, const char* table, const char* key, double fallback) {
  const auto* t = c.raw().get_as<toml::table>(table);
  if (!t) return fallback;
  if (auto v = (*t)[key].value<double>()) return *v;
  return fallback;
}

std::string raw_string(const Config& c, const char* table, const char* key, const std::string& fallback) {
  const auto* t = c.raw().get_as<toml::table>(table);
  if (!t) return fallback;
  if (auto v = (*t)[key].value<std::string>()) return *v;
  return fallback;
}

// "file:line: [table] key", as the config reader names it.
std::string key_where(const Config& c, const char* table, const char* key) {
  if (!c.raw().get_as<toml::table>(table)) return c.where(table);
  return c.optional_table(table)->where(key);
}

}  // namespace

double simulate_bytes(const Config& c, int ranks) {
  if (raw_string(c, "run", "method", "langevin") != "langevin") return 0;  // Fokker-Planck: a grid of cells
  const double particles = raw_number(c, "run", "particles", 0);
  return particles > 0 ? particles * kSimulateBytesPerParticle / std::max(1, ranks) : 0;
}

void check_simulate_memory(const Config& c, int ranks) {
  const double bytes = simulate_bytes(c, ranks);
  if (bytes <= 0) return;
  const double particles = raw_number(c, "run", "particles", 0);
  check_memory(key_where(c, "run", "particles"), bytes,
               fmt::format("{:g} particles x {:g} bytes{}", particles, kSimulateBytesPerParticle,
                           ranks > 1 ? fmt::format(" / {} ranks", ranks) : ""),
               "lower [run] particles (the standard error falls only as 1/sqrt(particles)), or split the ensemble "
               "across machines with mpirun");
}

double train_bytes(const Config& c, int concurrent, int runs) {
  if (raw_string(c, "model", "kind", "quadratic") != "quadratic") return 0;  // data models: sized by their data
  const double n = raw_number(c, "model", "parameters", 1000);
  const double replicas = raw_number(c, "train", "replicas", 1);
  if (!(n > 0) || !(replicas > 0)) return 0;
  const double running = std::min(replicas, static_cast<double>(std::max(1, concurrent)));
  return std::max(1, runs) * n * (replicas * kTrainBytesPerParameterKept + running * kTrainBytesPerParameterRunning);
}

void check_train_memory(const Config& c, int concurrent, int runs) {
  const double bytes = train_bytes(c, concurrent, runs);
  if (bytes <= 0) return;
  const double n = raw_number(c, "model", "parameters", 1000);
  const double replicas = raw_number(c, "train", "replicas", 1);
  check_memory(key_where(c, "model", "parameters"), bytes,
               fmt::format("{:g} parameters x {:g} replicas{}", n, replicas,
                           runs > 1 ? fmt::format(" x {} runs at once", runs) : ""),
               "lower [model] parameters or [train] replicas, or --threads");
}

}  // namespace limen::sweep
