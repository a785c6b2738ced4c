// The dispenser on one rank: every item handed out exactly once, whatever the threads.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>
#include <vector>

#include "limen/sweep/dispenser.hpp"

using namespace limen::sweep;

TEST(Dispenser, EveryItemExactlyOnceAcrossThreads) {
  Ranks ranks;  // not launched by mpirun: one rank
  ASSERT_TRUE(ranks.root());
  for (int threads : {1, 3, 8}) {
    Dispenser d(ranks, 1000, threads);
    std::vector<int> seen(1000, 0);
    std::mutex mu;
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&] {
        while (auto i = d.next()) {
          std::lock_guard lock(mu);
          ++seen[*i];
        }
        d.worker_left();
      });
    d.pump();  // nothing to do on a single rank
    for (auto& t : pool) t.join();
    for (int i = 0; i < 1000; ++i) ASSERT_EQ(seen[i], 1) << "item " << i << " with " << threads << " threads";
    EXPECT_FALSE(d.next().has_value());
  }
}
