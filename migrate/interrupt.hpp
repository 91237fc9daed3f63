// SIGINT and SIGTERM for `migrate`: while an InterruptWatch lives, either signal sets a flag
// (readable from any thread, and handed to the comparison engine as its stop flag) and calls a
// handler on a watcher thread, outside signal context, which stops the running child program.
// The flag is process-wide because signals are; only one InterruptWatch may exist at a time.
#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace pgparity::migrate {

class InterruptWatch {
public:
  // Installs the handlers; `on_interrupt` runs once, on the watcher thread, at the first signal.
  explicit InterruptWatch(std::function<void()> on_interrupt);
  // Restores the previous handlers and joins the watcher.
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch &) = delete;
  InterruptWatch &operator=(const InterruptWatch &) = delete;

  // Set once a signal arrived.
  const std::atomic<bool> &interrupted() const;
  // The number of the signal that arrived, or 0.
  int signal_number() const;

private:
  std::function<void()> m_on_interrupt;
  std::thread m_watcher;
};

} // namespace pgparity::migrate
