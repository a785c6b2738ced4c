#pragma once
// SIGINT (Ctrl-C) and SIGTERM for long runs: the first one asks the run to stop at the next safe
// point and write what it computed, marked partial; a second one ends the process at once.
// Every command then exits with 128 + the signal number (130 after SIGINT, 143 after SIGTERM),
// as a shell does for a process the signal killed.
namespace limen {

void install_interrupt_handler();
bool interrupted();
// 130 after SIGINT, 143 after SIGTERM; 0 when no signal came.
int interrupt_exit_status();
void clear_interrupt();  // for tests

}  // namespace limen
