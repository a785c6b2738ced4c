// A Langevin ensemble split into slices of particle ids (SimulateOptions::partition, the MPI split
// of `mpirun -n K limen simulate`) gives the unsplit run's document bit for bit: each particle's
// initial sample and noise are keyed by its global id (THEORY §6, counter-based streams). Here the
// "ranks" run one after another and exchange slices in memory: the non-root slices run first and
// leave their particles, then the root's gather puts the whole ensemble together in id order.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "limen/physics/api.hpp"

using namespace limen;
using namespace limen::physics;

namespace {

// Erasure in a double well (Leimkuhler-Matthews, a protocol with jumps): every particle-level
// quantity of the document (moments, entropy, W2, histogram) depends on all the slices.
const char* kConfig =
    "[run]\nparticles = 3001\ndt = 0.001\nduration = 0.6\nseed = 5\nintegrator = \"leimkuhler-matthews\"\n"
    "[potential]\nkind = \"double-well\"\nbarrier = 4.0\nhalf_width = 1.0\ntilt = 0.0\n"
    "[protocol]\nbarrier = { times = [0.0, 0.3], values = [4.0, 1.0] }\n"
    "tilt = { times = [0.2, 0.6], values = [0.0, 2.0] }\n";

void append(Ensemble& to, const Ensemble& from) {
  to.id.insert(to.id.end(), from.id.begin(), from.id.end());
  for (auto [t, f] : {std::pair{&to.x0, &from.x0}, {&to.u0, &from.u0}, {&to.x, &from.x}, {&to.u, &from.u},
                      {&to.work, &from.work}, {&to.heat, &from.heat}})
    t->insert(t->end(), f->begin(), f->end());
}

std::string text_of(const std::string& path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace

TEST(Partition, ThreeSlicesGatheredEqualTheUnsplitRun) {
  const Config cfg = Config::parse(kConfig, "split.toml");
  const auto dir = std::filesystem::temp_directory_path();
  const std::string whole_csv = (dir / "limen_partition_whole.csv").string(), split_csv = (dir / "limen_partition_split.csv").string();
  SimulateOptions plain;
  plain.threads = 2;
  plain.trajectories_csv = whole_csv;
  Json whole = simulate(cfg, plain);

  const std::size_t N = 3001, K = 3;
  std::vector<Ensemble> slices(K);
  int gathers = 0, anys = 0;
  for (std::size_t r : {2, 1, 0}) {  // the root (slice 0) last: its gather needs the others
    SimulateOptions opt;
    opt.threads = static_cast<int>(r) + 1;  // each "rank" its own thread count
    opt.trajectories_csv = split_csv;
    opt.partition = Partition{r * N / K, (r + 1) * N / K,
                              [&](bool b) { return ++anys, b; },
                              [&, r](Ensemble& e) {
                                ++gathers;
                                EXPECT_EQ(e.size(), (r + 1) * N / K - r * N / K);
                                EXPECT_EQ(e.id.front(), r * N / K);
                                slices[r] = e;
                                if (r != 0) return false;
                                Ensemble all;
                                all.step = e.step;
                                for (const auto& s : slices) append(all, s);
                                e = std::move(all);
                                return true;
                              }};
    Json j = simulate(cfg, opt);
    if (r != 0) {
      EXPECT_FALSE(j.contains("work_kT")) << "a non-root slice summarises nothing";
      continue;
    }
    whole.erase("timing");
    j.erase("timing");
    EXPECT_EQ(j.dump(), whole.dump());
  }
  EXPECT_EQ(gathers, 3);
  EXPECT_GE(anys, 3);  // the interrupt check is collective: once per window on every slice
  EXPECT_EQ(text_of(split_csv), text_of(whole_csv));
  std::remove(whole_csv.c_str());
  std::remove(split_csv.c_str());
}

TEST(Partition, RejectsASliceOutsideTheEnsemble) {
  const Config cfg = Config::parse(kConfig, "split.toml");
  SimulateOptions opt;
  opt.partition = Partition{100, 4000, [](bool b) { return b; }, [](Ensemble&) { return true; }};
  EXPECT_THROW(simulate(cfg, opt), InputError);
}
