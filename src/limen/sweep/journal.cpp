#include "limen/sweep/journal.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "limen/units/error.hpp"

namespace fs = std::filesystem;

namespace limen::sweep {
namespace {

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

// Reads the valid records of one journal file; a torn or foreign line is skipped.
void read_journal(const fs::path& p, std::size_t points, Records& out) {
  std::ifstream f(p);
  std::string line;
  while (std::getline(f, line)) {
    if (line.empty()) continue;
    Json r = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (r.is_discarded() || !r.is_object() || !r.contains("index") || !r["index"].is_number_unsigned()) continue;
    const auto i = r["index"].get<std::size_t>();
    if (i >= points) continue;
    out.emplace(i, std::move(r));  // the first record of a point wins; later ones are duplicates
  }
}

void write_atomically(const fs::path& p, const std::string& text) {
  const fs::path tmp = p.string() + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) throw InputError(fmt::format("--output: cannot write {}", tmp.string()));
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size() && std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
  std::fclose(f);
  if (!ok) throw InputError(fmt::format("--output: cannot write {} (disk full?)", tmp.string()));
  fs::rename(tmp, p);
}

}  // namespace

Records prepare_journal(const std::string& dir, const Json& fingerprint, std::size_t points, bool restart,
                        const std::function<std::string(const Json& stored)>& explain, const std::string& flag) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) throw InputError(fmt::format("{}: cannot create the directory {}", flag, dir));
  const fs::path study = fs::path(dir) / "study.json";
  const std::string mine = fingerprint.dump(2) + "\n";
  if (restart) {
    for (const auto& e : fs::directory_iterator(dir)) {
      const std::string n = e.path().filename().string();
      if (n.rfind("journal", 0) == 0 && e.path().extension() == ".jsonl") fs::remove(e.path());
    }
  } else if (fs::exists(study) && slurp(study) != mine) {
    const Json stored = Json::parse(slurp(study), nullptr, false);
    std::string why = explain && !stored.is_discarded() ? explain(stored) : "";
    if (!why.empty())
      throw InputError(fmt::format("{} {} holds the results of a different study: {}; refusing to mix them with new ones: "
                                   "restore it, or pass --restart to discard them (or choose another {})", flag, dir, why, flag));
    throw InputError(fmt::format("{}: {} holds the results of a different study (its study.json differs); "
                                 "choose another {} or pass --restart to discard them", flag, dir, flag));
  }
  write_atomically(study, mine);
  Records done;
  read_journal(fs::path(dir) / "journal.jsonl", points, done);
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    if (n.rfind("journal.r", 0) == 0 && e.path().extension() == ".jsonl") read_journal(e.path(), points, done);
  }
  compact_journal(dir, done);
  return done;
}

void compact_journal(const std::string& dir, const Records& records) {
  std::string text;
  for (const auto& [i, r] : records) text += r.dump() + "\n";
  write_atomically(fs::path(dir) / "journal.jsonl", text);
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    if (n.rfind("journal.r", 0) == 0 && e.path().extension() == ".jsonl") fs::remove(e.path());
  }
}

JournalWriter::JournalWriter(const std::string& dir, int rank) {
  const fs::path p = fs::path(dir) / fmt::format("journal.r{}.jsonl", rank);
  file_ = std::fopen(p.c_str(), "ab");
  if (!file_) throw InputError(fmt::format("--output: cannot write {}", p.string()));
}

JournalWriter::~JournalWriter() {
  if (file_) std::fclose(file_);
}

void JournalWriter::append(const std::string& line) {
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fputc('\n', file_);
  std::fflush(file_);
}

}  // namespace limen::sweep
