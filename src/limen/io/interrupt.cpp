#include "limen/io/interrupt.hpp"

#include <atomic>
#include <csignal>
#include <cstdlib>

namespace limen {
namespace {
std::atomic<int> g_signals{0};
extern "C" void on_sigint(int) {
  if (g_signals.fetch_add(1) >= 1) std::_Exit(130);
}
}  // namespace

void install_interrupt_handler() { std::signal(SIGINT, on_sigint); }
bool interrupted() { return g_signals.load(std::memory_order_relaxed) > 0; }
void clear_interrupt() { g_signals = 0; }

}  // namespace limen
