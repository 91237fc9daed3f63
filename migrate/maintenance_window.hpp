// The maintenance window of `migrate`: once the maintenance-on hook has run, the maintenance-off
// hook runs exactly once on every way out of the run: its normal end, a failure recorded in the
// report, or an exception of any type leaving the pipeline. The window closes itself in its
// destructor when nobody closed it first, so no path out can forget the off-hook.
// Limits: a process killed by SIGKILL runs no destructor; not thread-safe.
#pragma once

#include <functional>
#include <utility>

namespace pgparity::migrate {

class MaintenanceWindow {
public:
  // `off_hook` runs the maintenance-off hook; it is called at most once.
  explicit MaintenanceWindow(std::function<void()> off_hook) : m_off_hook(std::move(off_hook)) {}
  // Closes a window still open; an exception from the off-hook is swallowed here, since the
  // destructor may run while another exception unwinds.
  ~MaintenanceWindow() {
    try {
      close();
    } catch (...) { // NOLINT(bugprone-empty-catch): nothing can be reported during unwinding
    }
  }
  MaintenanceWindow(const MaintenanceWindow &) = delete;
  MaintenanceWindow &operator=(const MaintenanceWindow &) = delete;
  MaintenanceWindow(MaintenanceWindow &&) = delete;
  MaintenanceWindow &operator=(MaintenanceWindow &&) = delete;

  // Marks the maintenance-on hook as run: from now on the off-hook is owed.
  void open() noexcept { m_open = true; }
  bool is_open() const noexcept { return m_open; }

  // Runs the off-hook when the window is open, once; the window is closed even when the
  // off-hook throws (the exception propagates).
  void close() {
    if (!m_open) {
      return;
    }
    m_open = false;
    m_off_hook();
  }

private:
  std::function<void()> m_off_hook;
  bool m_open = false;
};

} // namespace pgparity::migrate
