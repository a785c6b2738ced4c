#include "limen/io/lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "limen/units/error.hpp"

namespace limen {
namespace {

// The pid written in a lock file, or 0 when it holds none (a torn write).
long read_pid(const std::string& path) {
  std::ifstream f(path);
  long pid = 0;
  if (!(f >> pid) || pid <= 0) return 0;
  return pid;
}

// True while a process with this pid exists (EPERM: it exists but belongs to another user) and is
// not a zombie: a killed run whose parent has gone may stay unreaped (a container's init need not
// reap), and it writes nothing any more.
bool alive(long pid) {
  if (pid <= 0 || !(::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM)) return false;
  std::ifstream stat(fmt::format("/proc/{}/stat", pid));
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');  // "pid (comm) S ...": the state follows the command name
  if (close == std::string::npos || close + 2 >= text.size()) return true;
  const char state = text[close + 2];
  return state != 'Z' && state != 'X';
}

bool create_exclusive(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
  if (fd < 0) return false;
  const std::string text = fmt::format("{}\n", static_cast<long>(::getpid()));
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

}  // namespace

DirectoryLock::DirectoryLock(const std::string& dir, const std::string& flag)
    : path_((std::filesystem::path(dir) / "lock").string()) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (create_exclusive(path_)) {
      held_ = true;
      return;
    }
    if (errno != EEXIST) throw InputError(fmt::format("{} {}: cannot create the lock file {}", flag, dir, path_));
    const long pid = read_pid(path_);
    if (pid == static_cast<long>(::getpid()))
      throw InputError(fmt::format("{} {}: this process is already writing there", flag, dir));
    if (alive(pid))
      throw InputError(fmt::format("{} {}: another limen run (pid {}) is writing there; wait for it, stop it, or "
                                   "choose another directory (its lock is {})", flag, dir, pid, path_));
    if (pid == 0 && attempt == 0) {  // being written by a starting run: look again shortly
      ::usleep(100000);
      continue;
    }
    // A stale lock of a process that no longer runs: take it over.
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  throw InputError(fmt::format("{} {}: cannot take the lock file {}", flag, dir, path_));
}

DirectoryLock::~DirectoryLock() {
  if (!held_) return;
  if (read_pid(path_) == static_cast<long>(::getpid())) std::remove(path_.c_str());
}

}  // namespace limen
