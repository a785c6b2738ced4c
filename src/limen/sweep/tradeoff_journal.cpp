#include "limen/sweep/tradeoff_journal.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <limits>

#include "limen/catalog/catalog.hpp"
#include "limen/sweep/inputs.hpp"

namespace fs = std::filesystem;

namespace limen::sweep {

std::string default_tradeoff_journal(const std::string& config_path, const std::string& output) {
  if (!output.empty() && output != "-") return output + ".partial";
  return "tradeoff-" + fs::path(config_path).stem().string() + ".partial";
}

TradeoffJournal::TradeoffJournal(const std::string& dir, const std::string& config_path, const Config& config,
                                 const std::string& train_time, const std::vector<std::string>& schedules, bool restart)
    : dir_(dir) {
  Json files = Json::object();
  add_referenced_files(Json(config_path), "", files);
  add_config_files(config.raw(), config.base_dir(), files);
  add_referenced_files(Json((fs::path(Catalog::data_dir()) / "datasets" / "digits.csv.gz").string()), "", files);
  const Json fingerprint{{"command", "tradeoff"}, {"train_time", train_time}, {"schedules", schedules}, {"files", files}};
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) throw InputError(fmt::format("--journal: cannot create the directory {}", dir));
  lock_ = std::make_unique<DirectoryLock>(dir, "--journal");
  finished_ = prepare_journal(
      dir, fingerprint, std::numeric_limits<std::size_t>::max(), restart,
      [&](const Json& stored) {
        if (auto why = changed_file(stored.value("files", Json::object()), files); !why.empty()) return why;
        return std::string("it holds the points of another --train-time or --schedules");
      },
      "--journal");
  writer_ = std::make_unique<JournalWriter>(dir, 0);
}

void TradeoffJournal::append(std::size_t index, const Json& record) {
  Json r = record;
  r["index"] = index;
  const std::string line = r.dump();
  std::lock_guard lock(mu_);
  writer_->append(line);
  ++appended_;
}

void TradeoffJournal::remove() {
  writer_.reset();
  std::error_code ec;
  for (const char* f : {"journal.jsonl", "journal.r0.jsonl", "study.json"}) fs::remove(fs::path(dir_) / f, ec);
  lock_.reset();
  fs::remove(dir_, ec);  // only when empty
}

}  // namespace limen::sweep
