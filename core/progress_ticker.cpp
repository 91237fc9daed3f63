#include "core/progress_ticker.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace pgparity::core {

namespace {

constexpr std::chrono::seconds k_terminal_interval{1};
constexpr std::chrono::seconds k_log_interval{30};

void write_stderr(const std::string &text) { std::fwrite(text.data(), 1, text.size(), stderr); }

} // namespace

ProgressTicker::ProgressTicker(std::function<std::string()> status, bool enabled)
    : m_status(std::move(status)), m_terminal(isatty(STDERR_FILENO) == 1) {
  if (enabled) {
    m_thread = std::thread{[this] { run(); }};
  }
}

ProgressTicker::~ProgressTicker() {
  if (!m_thread.joinable()) {
    return;
  }
  {
    std::lock_guard lock{m_mutex};
    m_stopping = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

void ProgressTicker::run() {
  const auto interval = m_terminal ? k_terminal_interval : k_log_interval;
  bool shown = false;
  std::unique_lock lock{m_mutex};
  while (!m_wake.wait_for(lock, interval, [this] { return m_stopping; })) {
    if (m_terminal) {
      write_stderr("\r\033[K" + m_status());
      shown = true;
    } else {
      write_stderr("pgparity: " + m_status() + "\n");
    }
  }
  if (shown) {
    write_stderr("\r\033[K");
  }
}

} // namespace pgparity::core
