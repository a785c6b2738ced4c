#include "limen/sweep/dispenser.hpp"

#include <chrono>
#include <thread>

#include "limen/io/interrupt.hpp"

#ifdef LIMEN_HAVE_MPI
#include <mpi.h>
#endif

namespace limen::sweep {
namespace {
constexpr int kRequestTag = 11, kReplyTag = 12;
constexpr long long kAsk = 0, kLeave = 1, kNone = -1;
}  // namespace

Dispenser::Dispenser(const Ranks& ranks, std::size_t total, int threads)
    : ranks_(ranks), total_(total), threads_(threads), workers_(threads) {}

// Rank 0 (or a single rank) takes straight from the counter; the others from their queue.
std::optional<std::size_t> Dispenser::take_locked() {
  if (ranks_.root()) {
    if (interrupted() || next_ >= total_) return std::nullopt;
    return next_++;
  }
  if (queue_.empty()) return std::nullopt;
  const std::size_t i = queue_.front();
  queue_.pop_front();
  return i;
}

std::optional<std::size_t> Dispenser::next() {
  std::unique_lock lock(mu_);
  if (ranks_.root()) return take_locked();
  cv_.wait(lock, [this] { return !queue_.empty() || exhausted_; });
  auto i = take_locked();
  cv_.notify_all();  // the main thread may fetch another
  return i;
}

void Dispenser::worker_left() {
  std::lock_guard lock(mu_);
  --workers_;
  cv_.notify_all();
}

void Dispenser::pump() {
#ifdef LIMEN_HAVE_MPI
  if (!ranks_.mpi() || ranks_.size() == 1) return;
  if (ranks_.root()) {
    int open = ranks_.size() - 1;  // ranks not yet told that the work is over
    while (open > 0) {
      // Poll rather than block: a blocking MPI_Recv spins a core that this rank's workers need.
      int flag = 0;
      MPI_Status st;
      MPI_Iprobe(MPI_ANY_SOURCE, kRequestTag, MPI_COMM_WORLD, &flag, &st);
      if (!flag) {
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        continue;
      }
      long long msg = 0;
      MPI_Recv(&msg, 1, MPI_LONG_LONG, st.MPI_SOURCE, kRequestTag, MPI_COMM_WORLD, &st);
      if (msg == kLeave) {
        --open;
        continue;
      }
      long long reply = kNone;
      {
        std::lock_guard lock(mu_);
        if (auto i = take_locked()) reply = static_cast<long long>(*i);
      }
      if (reply == kNone) --open;
      MPI_Send(&reply, 1, MPI_LONG_LONG, st.MPI_SOURCE, kReplyTag, MPI_COMM_WORLD);
    }
    return;
  }
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return queue_.size() < static_cast<std::size_t>(threads_) || workers_ == 0; });
      if (workers_ == 0 || interrupted()) break;
    }
    long long ask = kAsk, reply = kNone;
    MPI_Send(&ask, 1, MPI_LONG_LONG, 0, kRequestTag, MPI_COMM_WORLD);
    MPI_Recv(&reply, 1, MPI_LONG_LONG, 0, kReplyTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    std::lock_guard lock(mu_);
    if (reply == kNone) {
      exhausted_ = true;
      cv_.notify_all();
      return;  // rank 0 counted this rank out when it answered kNone
    }
    queue_.push_back(static_cast<std::size_t>(reply));
    cv_.notify_all();
  }
  // Leaving before rank 0 ran dry (interrupted, or every worker stopped): say so, so it stops waiting.
  long long leave = kLeave;
  MPI_Send(&leave, 1, MPI_LONG_LONG, 0, kRequestTag, MPI_COMM_WORLD);
  std::lock_guard lock(mu_);
  exhausted_ = true;
  queue_.clear();  // items fetched but not started are simply computed by a later run
  cv_.notify_all();
#endif
}

}  // namespace limen::sweep
