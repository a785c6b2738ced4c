#include "limen/io/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>

namespace limen {
namespace {
std::atomic<bool> g_quiet{false};
}

void Progress::set_quiet(bool quiet) { g_quiet = quiet; }
bool Progress::terminal() { return !g_quiet && isatty(fileno(stderr)); }

Progress::Progress(std::string label, double total, bool enabled)
    : label_(std::move(label)), total_(total), enabled_(enabled && terminal()),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

Progress::~Progress() { finish(); }

void Progress::update(double done, const std::string& status) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < 2.0 || std::chrono::duration<double>(now - last_).count() < 0.1) return;
  last_ = now;
  const double f = total_ > 0 ? std::clamp(done / total_, 0.0, 1.0) : 0.0;
  constexpr int width = 30;
  const int filled = static_cast<int>(f * width);
  const double eta = f > 0 ? elapsed * (1 - f) / f : 0;
  std::string bar(filled, '#');
  bar.resize(width, '.');
  fmt::print(stderr, "\r{} [{}] {:5.1f}%  {:.0f}s left  {}\x1b[K", label_, bar, 100 * f, eta, status);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish() {
  if (drawn_) {
    fmt::print(stderr, "\r\x1b[K");
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace limen
