// A status line on stderr while long work runs. On a terminal it is rewritten in place every
// second and erased at the end; otherwise it is written as a log line every 30 seconds, so CI
// logs show the run is alive without flooding. The status text is the caller's.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace pgparity::core {

class ProgressTicker {
public:
  // Starts ticking; `status` is called from the ticker's thread and must be thread-safe.
  // With `enabled` false nothing is ever printed.
  ProgressTicker(std::function<std::string()> status, bool enabled);
  ~ProgressTicker();
  ProgressTicker(const ProgressTicker &) = delete;
  ProgressTicker &operator=(const ProgressTicker &) = delete;

private:
  void run();

  std::function<std::string()> m_status;
  bool m_terminal = false;
  bool m_stopping = false;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::thread m_thread;
};

} // namespace pgparity::core
