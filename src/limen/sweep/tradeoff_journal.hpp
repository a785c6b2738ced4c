#pragma once
// `limen tradeoff` made resumable like a sweep: every finished point goes at once to a journal
// in DIR (the sweep's format, lock and fingerprint, journal.hpp), and the same command run again
// trains only the missing points. The fingerprint holds the config file's bytes, every file it
// names (data, curve) and the --train-time/--schedules choice; an edited file is refused by name.
// After a complete run the journal is removed: the output then holds every point.
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "limen/io/config.hpp"
#include "limen/io/lock.hpp"
#include "limen/sweep/journal.hpp"

namespace limen::sweep {

class TradeoffJournal {
 public:
  // Creates DIR and takes its lock; refuses (InputError) a journal of another run.
  TradeoffJournal(const std::string& dir, const std::string& config_path, const Config& config, const std::string& train_time,
                  const std::vector<std::string>& schedules, bool restart);
  // The points a previous run finished: index -> {"point", "entropy_kT"} (learn::TradeoffOptions).
  const Records& finished() const { return finished_; }
  void append(std::size_t index, const Json& record);  // thread-safe; flushed at once
  // After a complete run: removes the journal's files (and DIR when that leaves it empty).
  void remove();
  // True when the journal holds no point (a run refused at its start leaves nothing behind).
  bool empty() const { return finished_.empty() && appended_ == 0; }

 private:
  std::string dir_;
  std::unique_ptr<DirectoryLock> lock_;
  std::unique_ptr<JournalWriter> writer_;
  std::mutex mu_;
  Records finished_;
  std::size_t appended_ = 0;
};

// The default journal folder: OUTPUT.partial, or tradeoff-<config name>.partial for stdout.
std::string default_tradeoff_journal(const std::string& config_path, const std::string& output);

}  // namespace limen::sweep
