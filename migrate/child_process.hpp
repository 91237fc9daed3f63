// Running an external program for `migrate`: pg_dump, pg_restore, a user's hook command. The
// child runs in its own process group (a Ctrl-C at the terminal reaches pgparity only, which then
// decides to stop the child), reads stdin from /dev/null, and its stdout and stderr are read by
// the parent and delivered as whole lines to callbacks and to an optional log file.
// Limits: POSIX only; the program is looked up in pgparity's own PATH (not in a PATH given in
// `env`); output that background grandchildren write after the child itself has exited is not
// captured; terminate() stops the child's process group while the child is alive, never later.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pgparity::migrate {

// What to run and where its output goes.
struct ChildSpec {
  // Program and arguments; argv[0] is looked up in PATH when it holds no slash.
  std::vector<std::string> argv;
  // Variables added to (or replacing) pgparity's environment, e.g. PGPASSWORD: passwords go
  // through the environment, never argv.
  std::vector<std::pair<std::string, std::string>> env;
  // Name in log prefixes and error messages; empty = the file name of argv[0].
  std::string name;
  // stdout and stderr are appended here line by line, each prefixed "[name] "; empty = no log.
  std::string log_path;
  // Called from the thread running wait(), once per line, without the line break.
  std::function<void(std::string_view line)> on_stderr_line;
  std::function<void(std::string_view line)> on_stdout_line;
};

// How a child ended.
struct ChildResult {
  // The exit status; 128 + signal when a signal killed it (as a shell reports it); 127 when the
  // program could not be executed.
  int exit_code = -1;
  // The signal that killed the child, or 0.
  int signal = 0;
  // False when the program never ran (not found, not executable, no resources).
  bool started = false;
  // Why the program never ran, e.g. "cannot execute pg_dump: No such file or directory".
  std::string error;

  // True when the program ran and exited with status 0.
  bool ok() const noexcept { return started && signal == 0 && exit_code == 0; }

  // How it ended, to follow the program's name: "exited with code 1", "was killed by signal 9
  // (SIGKILL)", "did not start: cannot execute …".
  std::string describe() const;
};

// One child process. Not copyable or movable. start() and wait() belong to one thread;
// terminate() and pid() may be called from any thread, also while wait() runs.
class ChildProcess {
public:
  ChildProcess() = default;
  // Terminates (SIGTERM, then SIGKILL after a short grace) and reaps a child still running.
  ~ChildProcess();
  ChildProcess(const ChildProcess &) = delete;
  ChildProcess &operator=(const ChildProcess &) = delete;
  ChildProcess(ChildProcess &&) = delete;
  ChildProcess &operator=(ChildProcess &&) = delete;

  // Starts the program. A program that cannot be executed is not an exception: wait() then
  // returns a result with started == false. Throws ConfigError when the log file cannot be
  // opened, InternalError when called twice or with an empty argv.
  void start(const ChildSpec &spec);

  // Delivers the child's output until it exits, reaps it and returns how it ended. Returns the
  // same result when called again. An exception from a callback propagates and leaves the child
  // to the destructor.
  ChildResult wait();

  // Sends SIGTERM to the child's process group, then SIGKILL to the group if the child is
  // still alive after `grace`. Returns once the child has exited or SIGKILL was sent (wait()
  // still reaps it). Does nothing before start() or after the child was reaped.
  void terminate(std::chrono::milliseconds grace);

  // The child's process id (also its process group id), or 0 when none was started.
  pid_t pid() const;

private:
  bool leader_exited() const;
  void reap();
  void write_log(std::string_view line) const;

  mutable std::mutex m_mutex; // guards m_pid and m_reaped against terminate() from other threads
  pid_t m_pid = 0;
  bool m_reaped = false;
  bool m_started = false;
  bool m_waited = false;
  int m_stdout_fd = -1;
  int m_stderr_fd = -1;
  int m_log_fd = -1;
  std::string m_name;
  std::function<void(std::string_view)> m_on_stdout;
  std::function<void(std::string_view)> m_on_stderr;
  ChildResult m_result;
};

// Starts `spec` and waits for it.
ChildResult run_child(const ChildSpec &spec);

// A spec running `command` through the shell: argv {"/bin/sh", "-c", command}.
ChildSpec shell_command(std::string command);

} // namespace pgparity::migrate
