#pragma once
// Work spread over threads. Results never depend on the thread count: each task writes only its
// own outputs (indexed by the task), and random numbers are keyed by task, never by thread.
#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace limen {

// threads <= 0 means every core.
inline int resolve_threads(int threads) {
  if (threads > 0) return threads;
  const unsigned hc = std::thread::hardware_concurrency();
  return hc ? static_cast<int>(hc) : 1;
}

// Runs body(i) for every i in [0, count) on up to `threads` threads (0 = every core); a free
// thread takes the next task. After a task throws, no new task starts, and the first exception
// is rethrown here once every thread has stopped.
inline void parallel_for(size_t count, int threads, const std::function<void(size_t)>& body) {
  const size_t workers = std::min<size_t>(static_cast<size_t>(resolve_threads(threads)), count);
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex mutex;
  const auto work = [&] {
    for (size_t i; !failed && (i = next++) < count;) {
      try {
        body(i);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!error) error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace limen
