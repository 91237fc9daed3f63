#include "migrate/interrupt.hpp"

#include "core/error.hpp"

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace pgparity::migrate {

namespace {

// Signal handlers can reach only globals: the flag, the signal and the self-pipe's write end.
std::atomic<bool> g_interrupted{false};
std::atomic<int> g_signal{0};
int g_pipe[2] = {-1, -1};
struct sigaction g_previous_int {};
struct sigaction g_previous_term {};

extern "C" void on_signal(int number) {
  if (!g_interrupted.exchange(true)) {
    g_signal.store(number);
    const char byte = 1;
    [[maybe_unused]] const auto written = write(g_pipe[1], &byte, 1);
  }
}

} // namespace

InterruptWatch::InterruptWatch(std::function<void()> on_interrupt)
    : m_on_interrupt(std::move(on_interrupt)) {
  if (g_pipe[0] != -1) {
    throw InternalError("only one InterruptWatch may exist at a time");
  }
  if (pipe2(g_pipe, O_CLOEXEC) != 0) {
    throw InternalError("cannot create the signal pipe");
  }
  g_interrupted.store(false);
  g_signal.store(0);
  m_watcher = std::thread{[this] {
    char byte = 0;
    if (read(g_pipe[0], &byte, 1) == 1 && byte == 1 && m_on_interrupt) {
      m_on_interrupt();
    }
  }};
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &g_previous_int);
  sigaction(SIGTERM, &action, &g_previous_term);
}

InterruptWatch::~InterruptWatch() {
  sigaction(SIGINT, &g_previous_int, nullptr);
  sigaction(SIGTERM, &g_previous_term, nullptr);
  const char stop = 0; // wakes the watcher when no signal came
  [[maybe_unused]] const auto written = write(g_pipe[1], &stop, 1);
  m_watcher.join();
  close(g_pipe[0]);
  close(g_pipe[1]);
  g_pipe[0] = g_pipe[1] = -1;
}

const std::atomic<bool> &InterruptWatch::interrupted() const { return g_interrupted; }

int InterruptWatch::signal_number() const { return g_signal.load(); }

} // namespace pgparity::migrate
