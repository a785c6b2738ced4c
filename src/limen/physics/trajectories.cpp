#include "limen/physics/trajectories.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "limen/units/error.hpp"

namespace limen::physics {

void write_trajectories_csv(const Ensemble& e, const std::vector<double>& du, double kT, const std::string& path) {
  const bool to_stdout = path == "-";
  std::FILE* f = to_stdout ? stdout : std::fopen(path.c_str(), "wb");
  const auto fail = [&] { return InputError(fmt::format("--trajectories: cannot write the file '{}'", path)); };
  if (!f) throw fail();
  bool ok = true;
  fmt::memory_buffer buf;
  const auto flush = [&] {
    ok = ok && std::fwrite(buf.data(), 1, buf.size(), f) == buf.size();
    buf.clear();
  };
  fmt::format_to(std::back_inserter(buf), "id,x0,x,work_kT,heat_kT,delta_U_kT\n");
  for (size_t i = 0; i < e.size(); ++i) {
    fmt::format_to(std::back_inserter(buf), "{},{:.17g},{:.17g},{:.17g},{:.17g},{:.17g}\n", e.id[i], e.x0[i], e.x[i],
                   e.work[i] / kT, e.heat[i] / kT, du[i] / kT);
    if (buf.size() >= (1u << 20)) flush();
  }
  flush();
  if (to_stdout) ok = std::fflush(stdout) == 0 && ok;
  else ok = std::fclose(f) == 0 && ok;
  if (!ok) throw fail();
}

}  // namespace limen::physics
