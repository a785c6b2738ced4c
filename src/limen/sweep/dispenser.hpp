#pragma once
// Hands the pending points of a sweep to the worker threads of every rank on demand, so a rank
// whose points are cheap takes more of them (points can differ in cost by orders of magnitude:
// a longer protocol, a slower schedule). Rank 0 keeps the counter; the main thread of every
// other rank fetches items from it over MPI and queues them for its threads (only main threads
// call MPI). Which rank computes a point never changes its result, so the files stay identical.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

#include "limen/sweep/ranks.hpp"

namespace limen::sweep {

class Dispenser {
 public:
  Dispenser(const Ranks& ranks, std::size_t total, int threads);
  // Worker threads: the next item (a position in the pending list), or nothing when the work is
  // over (all handed out, or the run was interrupted).
  std::optional<std::size_t> next();
  // A worker thread leaves (normally or after an error); lets the main thread stop early.
  void worker_left();
  // The main thread of each rank, while its workers run: rank 0 answers the other ranks until each
  // has been told there is no more work; the others fetch items for their threads.
  void pump();

 private:
  const Ranks& ranks_;
  std::size_t total_, next_ = 0;
  int threads_, workers_ = 0;
  bool exhausted_ = false;
  std::deque<std::size_t> queue_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::optional<std::size_t> take_locked();
};

}  // namespace limen::sweep
