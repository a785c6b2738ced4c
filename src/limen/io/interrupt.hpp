#pragma once
// SIGINT (Ctrl-C) for long runs: the first one asks the run to stop at the next safe point and
// write what it computed, marked partial; a second one ends the process at once.
namespace limen {

void install_interrupt_handler();
bool interrupted();
void clear_interrupt();  // for tests

}  // namespace limen
