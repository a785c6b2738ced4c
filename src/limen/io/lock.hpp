#pragma once
// One writer per output directory: DIR/lock holds the process id of the run writing there.
// A second run refuses (naming the holder's pid); a lock left by a process that no longer runs
// (killed with SIGKILL, a crashed node) is taken over. Released when the object goes.
#include <string>

namespace limen {

class DirectoryLock {
 public:
  // Takes DIR/lock (DIR must exist); InputError "FLAG DIR: another limen run (pid N) is writing
  // here ..." when a live process holds it.
  DirectoryLock(const std::string& dir, const std::string& flag);
  ~DirectoryLock();
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  bool held_ = false;
};

}  // namespace limen
