#include "limen/sweep/sweep.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "limen/io/interrupt.hpp"
#include "limen/io/lock.hpp"
#include "limen/sweep/inputs.hpp"
#include "limen/io/progress.hpp"
#include "limen/sweep/dispenser.hpp"
#include "limen/sweep/distributed.hpp"
#include "limen/sweep/evaluate.hpp"
#include "limen/sweep/journal.hpp"
#include "limen/sweep/table.hpp"
#include "limen/units/error.hpp"

namespace limen::sweep {
namespace {

Json record_for(const Study& study, const Point& p, int inner_threads, const Ranks* split = nullptr) {
  Json r;
  r["index"] = p.index;
  if (!study.seed_key.empty()) r["seed"] = p.seed;
  Json pv = Json::object();
  for (const auto& [k, v] : p.values) pv[k] = v;
  r["parameters"] = std::move(pv);
  try {
    Json result = evaluate(study, p, inner_threads, split);
    // Wall-clock timings vary from run to run; result files hold only what the seed determines.
    if (result.is_object()) result.erase("timing");
    check_finite(result);
    r["result"] = std::move(result);
  } catch (const RunError& e) {
    r["error"] = e.what();  // a point that cannot be computed is a result too
  }
  return r;
}

// The message of a point that stops the sweep.
std::string point_failure(const Study& study, const Point& point, const char* what) {
  std::string where;
  for (const auto& [k, v] : point.values) {
    if (!where.empty()) where += ", ";
    where += k + "=" + flag_text(v);
  }
  return fmt::format("{}: point {}{}: {}", study.path, point.index, where.empty() ? "" : " (" + where + ")", what);
}

// split = "ensembles": every rank runs each pending point in turn, its ensemble split across the
// ranks (simulate_distributed); rank 0 journals the records and keeps them in `packed`.
void run_points_together(const Study& study, const std::vector<std::size_t>& pending, const std::string& dir,
                         const Ranks& ranks, std::string& packed, std::size_t& completed, std::string& fatal) {
  std::optional<JournalWriter> journal;
  if (ranks.root()) journal.emplace(dir, ranks.rank());
  Progress bar(fmt::format("sweep {} points", pending.size()), static_cast<double>(pending.size()), ranks.root());
  const auto any_interrupted = [&] { return ranks.sum(interrupted() ? 1 : 0) > 0; };
  for (const std::size_t i : pending) {
    if (any_interrupted()) break;
    const Point& point = study.points[i];
    std::string line;
    try {
      line = record_for(study, point, study.point_threads, &ranks).dump();
    } catch (const std::exception& e) {
      fatal = point_failure(study, point, e.what());
      break;
    }
    if (any_interrupted()) break;  // a point cut short by an interrupt is never journaled
    if (!ranks.root()) continue;
    journal->append(line);
    packed += line;
    packed += '\n';
    ++completed;
    bar.update(static_cast<double>(completed), fmt::format("{} done", completed));
  }
  bar.finish();
}

}  // namespace

std::string default_output_dir(const Study& study) { return "sweep-" + study.name; }

SweepSummary run_sweep(const Study& study, const SweepOptions& options, const Ranks& ranks) {
  const auto t0 = std::chrono::steady_clock::now();
  SweepSummary sum;
  sum.points = study.points.size();
  sum.ranks = ranks.size();
  const std::string dir = options.output_dir.empty() ? default_output_dir(study) : options.output_dir;
  check_keys(study);

  // Rank 0 merges the journals; every rank learns which points are left.
  Records done;
  std::optional<DirectoryLock> lock;
  std::string err;
  if (ranks.root()) {
    try {
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      if (ec || !std::filesystem::is_directory(dir)) throw InputError(fmt::format("--output: cannot create the directory {}", dir));
      lock.emplace(dir, "--output");  // one sweep per directory; released when this function returns
      done = prepare_journal(dir, study.fingerprint, study.points.size(), options.restart,
                             [&](const Json& stored) { return fingerprint_difference(stored, study.fingerprint, study); });
    } catch (const InputError& e) {
      err = e.what();
    }
  }
  err = ranks.broadcast(err);
  if (!err.empty()) throw InputError(err);
  std::string done_list;
  if (ranks.root())
    for (const auto& [i, r] : done) done_list += std::to_string(i) + " ";
  done_list = ranks.broadcast(done_list);
  std::vector<bool> finished(study.points.size(), false);
  {
    std::size_t pos = 0;
    while (pos < done_list.size()) {
      const auto sp = done_list.find(' ', pos);
      finished[std::stoull(done_list.substr(pos, sp - pos))] = true;
      pos = sp + 1;
    }
  }
  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < finished.size(); ++i)
    if (!finished[i]) pending.push_back(i);
  sum.resumed = study.points.size() - pending.size();

  // The pending points go to the threads of every rank on demand (rank 0 deals them out), and
  // each finished point goes to this rank's journal at once.
  const std::size_t share = (pending.size() + ranks.size() - 1) / ranks.size();
  const int threads = std::min<int>(threads_per_rank(options.threads >= 0 ? options.threads : study.threads),
                                    static_cast<int>(std::max<std::size_t>(1, share)));
  sum.threads = threads;
  // The threads of each point's own engine are the study's choice, never the layout's, so that
  // the results cannot depend on how many ranks or threads run the sweep.
  const int inner_threads = study.point_threads;
  install_interrupt_handler();
  std::string packed;  // this rank's new records, one JSON line each
  std::mutex mu;
  std::atomic<bool> stop{false};
  std::string fatal;
  std::size_t completed = 0;
  if (study.split_ensembles) {
    sum.threads = 1;
    run_points_together(study, pending, dir, ranks, packed, completed, fatal);
  } else {
    JournalWriter journal(dir, ranks.rank());
    Dispenser dispenser(ranks, pending.size(), threads);
    Progress bar(fmt::format("sweep {} points", pending.size()), static_cast<double>(share), ranks.root());
    auto work = [&] {
      for (;;) {
        if (stop || interrupted()) break;
        const auto j = dispenser.next();
        if (!j) break;
        const Point& point = study.points[pending[*j]];
        std::string line;
        try {
          line = record_for(study, point, inner_threads).dump();
        } catch (const std::exception& e) {
          std::lock_guard lock(mu);
          if (fatal.empty()) fatal = point_failure(study, point, e.what());
          stop = true;
          break;
        }
        // An engine stops early on SIGINT and returns what it had: never journal such a point.
        if (interrupted()) break;
        std::lock_guard lock(mu);
        journal.append(line);
        packed += line;
        packed += '\n';
        ++completed;
        bar.update(static_cast<double>(completed), fmt::format("{} done on this rank", completed));
      }
      dispenser.worker_left();
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work);
    dispenser.pump();  // MPI traffic stays on this (main) thread
    for (auto& t : pool) t.join();
    bar.finish();
  }
  if (!fatal.empty()) {
    if (ranks.size() > 1) {
      fmt::print(stderr, "limen: error: {}\n", fatal);
      ranks.abort(2);
    }
    throw InputError(fatal);
  }

  // Rank 0 gathers the new records and writes everything in point order.
  ranks.idle_barrier();  // the ranks that finish first wait without spinning
  sum.computed = static_cast<std::size_t>(ranks.sum(static_cast<long long>(completed)));
  sum.complete = sum.resumed + sum.computed == study.points.size();
  const auto gathered = ranks.gather(packed);
  if (ranks.root()) {
    for (const auto& chunk : gathered) {
      std::size_t pos = 0;
      while (pos < chunk.size()) {
        const auto nl = chunk.find('\n', pos);
        Json r = Json::parse(chunk.substr(pos, nl - pos));
        done.emplace(r["index"].get<std::size_t>(), std::move(r));
        pos = nl + 1;
      }
    }
    compact_journal(dir, done);
    sum.failed = static_cast<std::size_t>(std::count_if(done.begin(), done.end(), [](const auto& r) { return r.second.contains("error"); }));
    const auto columns = result_columns(study, done);
    const std::filesystem::path d(dir);
    sum.csv_path = (d / "results.csv").string();
    sum.json_path = (d / "results.json").string();
    write_text(results_csv(study, done, columns), sum.csv_path);
    write_text(results_json(study, done, columns).dump(2) + "\n", sum.json_path);
  }
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sum;
}

}  // namespace limen::sweep
