#pragma once
// The MPI ranks of a sweep. Under `mpirun -n K` (OpenMPI) each rank computes its share of the
// points and rank 0 gathers and writes; run without a launcher, there is one rank and MPI is not
// touched. Only the calling (main) thread uses MPI.
#include <string>
#include <vector>

namespace limen::sweep {

class Ranks {
 public:
  Ranks();   // initialises MPI when launched by mpirun/srun and built with MPI
  ~Ranks();  // finalises it
  Ranks(const Ranks&) = delete;
  Ranks& operator=(const Ranks&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool root() const { return rank_ == 0; }
  bool mpi() const { return mpi_; }  // MPI initialised (launched by mpirun and built with MPI)

  void barrier() const;
  // A barrier that sleeps while it waits (MPI_Ibarrier polled every millisecond), so a rank that
  // finished early does not spin a core that a slower rank on the same machine still needs.
  void idle_barrier() const;
  // Rank 0 receives every rank's string in rank order; the others get an empty vector.
  std::vector<std::string> gather(const std::string& mine) const;
  // Every rank gets rank 0's string.
  std::string broadcast(const std::string& from_root) const;
  // Sum of an integer over the ranks, known to all.
  long long sum(long long mine) const;
  // Ends every rank at once (after a fatal error on one of them).
  [[noreturn]] void abort(int status) const;

  static bool launched_by_mpi();

 private:
  int rank_ = 0, size_ = 1;
  bool mpi_ = false;
};

}  // namespace limen::sweep
