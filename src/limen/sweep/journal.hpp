#pragma once
// The journal that makes a sweep resumable. Every finished point is appended as one JSON line
// (flushed at once) to DIR/journal.r<RANK>.jsonl; a restart merges every journal file of DIR into
// DIR/journal.jsonl and skips the points already there. A run killed mid-write leaves at most
// one torn last line, which is dropped (that point is computed again). DIR/study.json holds the
// study's fingerprint, so a journal is never mixed with another study's points.
#include <cstdio>
#include <functional>
#include <map>
#include <string>

#include "limen/io/output.hpp"

namespace limen::sweep {

// Index -> the finished point's record (a JSON object with "index").
using Records = std::map<std::size_t, Json>;

// Rank 0, before any work: creates DIR, checks (or writes) DIR/study.json against `fingerprint`
// (InputError if DIR holds another study; `restart` discards it), merges the journals and returns
// the finished points (indices >= `points` are refused as another study's).
// `explain(stored)` says what differs (a changed input file) for the refusal; `flag` names the
// option that chose DIR in messages.
Records prepare_journal(const std::string& dir, const Json& fingerprint, std::size_t points, bool restart,
                        const std::function<std::string(const Json& stored)>& explain = {},
                        const std::string& flag = "--output");

// Rewrites DIR/journal.jsonl from `records` (atomically) and removes the per-rank journals.
void compact_journal(const std::string& dir, const Records& records);

class JournalWriter {
 public:
  JournalWriter(const std::string& dir, int rank);
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;
  void append(const std::string& line);  // one record, '\n' added, flushed to the OS
 private:
  std::FILE* file_ = nullptr;
};

}  // namespace limen::sweep
