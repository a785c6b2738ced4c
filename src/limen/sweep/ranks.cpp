#include "limen/sweep/ranks.hpp"

#include <algorithm>
#include <chrono>
#include <thread>
#include <cstdlib>

#ifdef LIMEN_HAVE_MPI
#include <mpi.h>
#endif

namespace limen::sweep {

bool Ranks::launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(v)) return true;
  return false;
}

Ranks::Ranks() {
#ifdef LIMEN_HAVE_MPI
  if (!launched_by_mpi()) return;
  int already = 0;
  MPI_Initialized(&already);
  if (!already) {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  }
  mpi_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
#endif
}

Ranks::~Ranks() {
#ifdef LIMEN_HAVE_MPI
  if (mpi_) {
    int done = 0;
    MPI_Finalized(&done);
    if (!done) MPI_Finalize();
  }
#endif
}

void Ranks::barrier() const {
#ifdef LIMEN_HAVE_MPI
  if (mpi_) MPI_Barrier(MPI_COMM_WORLD);
#endif
}

void Ranks::idle_barrier() const {
#ifdef LIMEN_HAVE_MPI
  if (mpi_) {
    MPI_Request req;
    MPI_Ibarrier(MPI_COMM_WORLD, &req);
    for (int done = 0;;) {
      MPI_Test(&req, &done, MPI_STATUS_IGNORE);
      if (done) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
#endif
}

std::vector<std::string> Ranks::gather(const std::string& mine) const {
#ifdef LIMEN_HAVE_MPI
  if (mpi_) {
    long long n = static_cast<long long>(mine.size());
    std::vector<long long> sizes(root() ? size_ : 0);
    MPI_Gather(&n, 1, MPI_LONG_LONG, sizes.data(), 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
    // Strings can exceed 2 GiB in total; send them in chunks of at most 1 GiB, rank by rank.
    constexpr long long chunk = 1LL << 30;
    std::vector<std::string> all;
    if (root()) {
      all.resize(size_);
      all[0] = mine;
      for (int r = 1; r < size_; ++r) {
        all[r].resize(static_cast<std::size_t>(sizes[r]));
        for (long long off = 0; off < sizes[r]; off += chunk) {
          const int len = static_cast<int>(std::min(chunk, sizes[r] - off));
          MPI_Recv(all[r].data() + off, len, MPI_CHAR, r, 7, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        }
      }
    } else {
      for (long long off = 0; off < n; off += chunk) {
        const int len = static_cast<int>(std::min(chunk, n - off));
        MPI_Send(mine.data() + off, len, MPI_CHAR, 0, 7, MPI_COMM_WORLD);
      }
    }
    return all;
  }
#endif
  return {mine};
}

std::string Ranks::broadcast(const std::string& from_root) const {
#ifdef LIMEN_HAVE_MPI
  if (mpi_) {
    long long n = root() ? static_cast<long long>(from_root.size()) : 0;
    MPI_Bcast(&n, 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
    std::string s = root() ? from_root : std::string(static_cast<std::size_t>(n), '\0');
    constexpr long long chunk = 1LL << 30;
    for (long long off = 0; off < n; off += chunk)
      MPI_Bcast(s.data() + off, static_cast<int>(std::min(chunk, n - off)), MPI_CHAR, 0, MPI_COMM_WORLD);
    return s;
  }
#endif
  return from_root;
}

long long Ranks::sum(long long mine) const {
#ifdef LIMEN_HAVE_MPI
  if (mpi_) {
    long long total = 0;
    MPI_Allreduce(&mine, &total, 1, MPI_LONG_LONG, MPI_SUM, MPI_COMM_WORLD);
    return total;
  }
#endif
  return mine;
}

void Ranks::abort(int status) const {
#ifdef LIMEN_HAVE_MPI
  if (mpi_) MPI_Abort(MPI_COMM_WORLD, status);
#endif
  std::exit(status);
}

}  // namespace limen::sweep
