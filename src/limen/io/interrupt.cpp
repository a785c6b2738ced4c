#include "limen/io/interrupt.hpp"

#include <atomic>
#include <csignal>
#include <cstdlib>

namespace limen {
namespace {
std::atomic<int> g_signals{0};
std::atomic<int> g_first{0};  // the first signal's number
extern "C" void on_signal(int sig) {
  int none = 0;
  g_first.compare_exchange_strong(none, sig);
  if (g_signals.fetch_add(1) >= 1) std::_Exit(128 + sig);
}
}  // namespace

void install_interrupt_handler() {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
}
bool interrupted() { return g_signals.load(std::memory_order_relaxed) > 0; }
int interrupt_exit_status() {
  const int sig = g_first.load();
  return sig ? 128 + sig : 0;
}
void clear_interrupt() {
  g_signals = 0;
  g_first = 0;
}

}  // namespace limen
