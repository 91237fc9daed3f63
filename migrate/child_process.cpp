#include "migrate/child_process.hpp"

#include "core/error.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <thread>

extern char **environ; // NOLINT(readability-identifier-naming): POSIX name

namespace pgparity::migrate {

namespace {

// How long the destructor lets a still-running child react to SIGTERM.
constexpr std::chrono::milliseconds k_destructor_grace{2000};
// How often wait() looks whether the child has exited while it waits for output.
constexpr int k_poll_ms = 100;
// After the child has exited, output still arriving within this pause is delivered.
constexpr int k_drain_ms = 50;
// How often terminate() looks whether the child has exited during the grace period.
constexpr std::chrono::milliseconds k_terminate_poll{10};
constexpr int k_not_executed = 127;

std::string error_text(int error) { return std::system_category().message(error); }

void close_fd(int &fd) {
  if (fd >= 0) {
    ::close(fd);
    fd = -1;
  }
}

std::string file_name(const std::string &path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// pgparity's environment with `overrides` added or replacing variables of the same name.
std::vector<std::string>
child_environment(const std::vector<std::pair<std::string, std::string>> &overrides) {
  std::vector<std::string> result;
  for (char **entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text{*entry};
    const auto name = text.substr(0, text.find('='));
    const bool overridden = std::any_of(overrides.begin(), overrides.end(),
                                        [&](const auto &pair) { return pair.first == name; });
    if (!overridden) {
      result.emplace_back(text);
    }
  }
  for (const auto &[name, value] : overrides) {
    result.emplace_back(name).append("=").append(value);
  }
  return result;
}

// A null-terminated array of pointers into `strings`, as exec wants it.
std::vector<char *> c_array(std::vector<std::string> &strings) {
  std::vector<char *> result;
  result.reserve(strings.size() + 1);
  for (auto &text : strings) {
    result.push_back(text.data());
  }
  result.push_back(nullptr);
  return result;
}

// posix_spawn's attributes and file actions, destroyed on every path.
class SpawnSetup {
public:
  SpawnSetup() {
    posix_spawn_file_actions_init(&m_actions);
    posix_spawnattr_init(&m_attributes);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&m_actions);
    posix_spawnattr_destroy(&m_attributes);
  }
  SpawnSetup(const SpawnSetup &) = delete;
  SpawnSetup &operator=(const SpawnSetup &) = delete;
  SpawnSetup(SpawnSetup &&) = delete;
  SpawnSetup &operator=(SpawnSetup &&) = delete;

  // stdin from /dev/null, stdout and stderr into the pipes' write ends, a process group of its
  // own, no blocked signals and default handlers (pgparity's own may ignore SIGPIPE).
  int prepare(int stdout_fd, int stderr_fd) {
    sigset_t no_signals;
    sigemptyset(&no_signals);
    sigset_t all_signals;
    sigfillset(&all_signals);
    const std::array<int, 7> results{
        posix_spawn_file_actions_addopen(&m_actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0),
        posix_spawn_file_actions_adddup2(&m_actions, stdout_fd, STDOUT_FILENO),
        posix_spawn_file_actions_adddup2(&m_actions, stderr_fd, STDERR_FILENO),
        posix_spawnattr_setflags(&m_attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                                    POSIX_SPAWN_SETSIGDEF),
        posix_spawnattr_setpgroup(&m_attributes, 0),
        posix_spawnattr_setsigmask(&m_attributes, &no_signals),
        posix_spawnattr_setsigdefault(&m_attributes, &all_signals),
    };
    for (const int result : results) {
      if (result != 0) {
        return result;
      }
    }
    return 0;
  }

  const posix_spawn_file_actions_t *actions() const { return &m_actions; }
  const posix_spawnattr_t *attributes() const { return &m_attributes; }

private:
  posix_spawn_file_actions_t m_actions{};
  posix_spawnattr_t m_attributes{};
};

// Splits a byte stream into lines; the last line may lack its line break.
class LineBuffer {
public:
  template <typename Deliver> void feed(std::string_view data, Deliver &&deliver) {
    m_pending.append(data);
    std::size_t start = 0;
    for (auto end = m_pending.find('\n'); end != std::string::npos;
         end = m_pending.find('\n', start)) {
      deliver(std::string_view{m_pending}.substr(start, end - start));
      start = end + 1;
    }
    m_pending.erase(0, start);
  }

  template <typename Deliver> void flush(Deliver &&deliver) {
    if (!m_pending.empty()) {
      deliver(std::string_view{m_pending});
      m_pending.clear();
    }
  }

private:
  std::string m_pending;
};

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const auto written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written <= 0) {
      return; // a log that cannot be written must not stop the migration
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

} // namespace

ChildProcess::~ChildProcess() {
  if (m_pid != 0 && !m_reaped) {
    terminate(k_destructor_grace);
    reap();
  }
  close_fd(m_stdout_fd);
  close_fd(m_stderr_fd);
  close_fd(m_log_fd);
}

void ChildProcess::start(const ChildSpec &spec) {
  if (m_started) {
    throw InternalError("child process started twice");
  }
  if (spec.argv.empty() || spec.argv.front().empty()) {
    throw InternalError("child process without a program");
  }
  m_started = true;
  m_name = spec.name.empty() ? file_name(spec.argv.front()) : spec.name;
  m_on_stdout = spec.on_stdout_line;
  m_on_stderr = spec.on_stderr_line;
  const std::string &program = spec.argv.front();
  const auto not_started = [&](const std::string &what, int error) {
    m_result =
        ChildResult{k_not_executed, 0, false, what + " " + program + ": " + error_text(error)};
    write_log(m_result.error);
  };

  if (!spec.log_path.empty()) {
    m_log_fd = ::open(spec.log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (m_log_fd < 0) {
      throw ConfigError("cannot open log file " + spec.log_path + " for " + m_name + ": " +
                        error_text(errno));
    }
  }

  std::array<int, 2> out{-1, -1};
  std::array<int, 2> err{-1, -1};
  if (::pipe2(out.data(), O_CLOEXEC) != 0 || ::pipe2(err.data(), O_CLOEXEC) != 0) {
    const int error = errno;
    for (int *fd : {&out[0], &out[1], &err[0], &err[1]}) {
      close_fd(*fd);
    }
    not_started("cannot start", error);
    return;
  }

  std::vector<std::string> arguments = spec.argv;
  std::vector<std::string> environment = child_environment(spec.env);
  const auto argument_pointers = c_array(arguments);
  const auto environment_pointers = c_array(environment);
  SpawnSetup setup;
  pid_t pid = 0;
  int error = setup.prepare(out[1], err[1]);
  if (error == 0) {
    error = ::posix_spawnp(&pid, program.c_str(), setup.actions(), setup.attributes(),
                           argument_pointers.data(), environment_pointers.data());
  }
  close_fd(out[1]);
  close_fd(err[1]);
  if (error != 0) {
    close_fd(out[0]);
    close_fd(err[0]);
    not_started("cannot execute", error);
    return;
  }
  const std::lock_guard lock{m_mutex};
  m_pid = pid;
  m_stdout_fd = out[0];
  m_stderr_fd = err[0];
}

ChildResult ChildProcess::wait() {
  if (!m_started) {
    return ChildResult{k_not_executed, 0, false, "no program was started"};
  }
  if (m_waited || m_pid == 0) {
    return m_result;
  }
  m_waited = true;

  struct Stream {
    int &fd;
    const std::function<void(std::string_view)> &callback;
    LineBuffer lines;
  };
  std::array<Stream, 2> streams{Stream{m_stdout_fd, m_on_stdout, {}},
                                Stream{m_stderr_fd, m_on_stderr, {}}};
  const auto deliver_to = [this](const Stream &stream) {
    return [this, &stream](std::string_view line) {
      if (stream.callback) {
        stream.callback(line);
      }
      write_log(line);
    };
  };

  std::array<char, 65536> chunk{};
  bool exited = false;
  for (;;) {
    std::array<pollfd, 2> polled{};
    std::array<Stream *, 2> polled_streams{};
    nfds_t count = 0;
    for (auto &stream : streams) {
      if (stream.fd >= 0) {
        polled[count] = pollfd{stream.fd, POLLIN, 0};
        polled_streams[count] = &stream;
        ++count;
      }
    }
    if (count == 0) {
      break;
    }
    const int ready = ::poll(polled.data(), count, exited ? k_drain_ms : k_poll_ms);
    if (ready < 0 && errno != EINTR) {
      break;
    }
    if (ready == 0 && exited) {
      break; // the child is gone; whoever still holds the pipes is not ours to wait for
    }
    for (nfds_t i = 0; ready > 0 && i < count; ++i) {
      if (polled[i].revents == 0) {
        continue;
      }
      Stream &stream = *polled_streams[i];
      const auto got = ::read(stream.fd, chunk.data(), chunk.size());
      if (got > 0) {
        stream.lines.feed(std::string_view{chunk.data(), static_cast<std::size_t>(got)},
                          deliver_to(stream));
      } else if (got == 0 || errno != EINTR) {
        stream.lines.flush(deliver_to(stream));
        close_fd(stream.fd);
      }
    }
    if (!exited) {
      exited = leader_exited();
    }
  }
  for (auto &stream : streams) {
    stream.lines.flush(deliver_to(stream));
    close_fd(stream.fd);
  }
  reap();
  close_fd(m_log_fd);
  return m_result;
}

void ChildProcess::terminate(std::chrono::milliseconds grace) {
  {
    const std::lock_guard lock{m_mutex};
    if (m_pid == 0 || m_reaped) {
      return;
    }
    ::killpg(m_pid, SIGTERM);
  }
  const auto deadline = std::chrono::steady_clock::now() + grace;
  for (;;) {
    {
      const std::lock_guard lock{m_mutex};
      if (m_reaped || leader_exited()) {
        return;
      }
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) {
      break;
    }
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(k_terminate_poll, deadline - now));
  }
  const std::lock_guard lock{m_mutex};
  if (!m_reaped) {
    ::killpg(m_pid, SIGKILL);
  }
}

pid_t ChildProcess::pid() const {
  const std::lock_guard lock{m_mutex};
  return m_pid;
}

// True once the child is a zombie (or unknown to the kernel). Never reaps, so its pid and process
// group id stay reserved and signalling them stays safe until reap().
bool ChildProcess::leader_exited() const {
  siginfo_t info{};
  if (::waitid(P_PID, static_cast<id_t>(m_pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    return errno != EINTR;
  }
  return info.si_pid != 0;
}

// Waits for the child to exit and collects its status; the only place that reaps.
void ChildProcess::reap() {
  siginfo_t info{};
  while (::waitid(P_PID, static_cast<id_t>(m_pid), &info, WEXITED | WNOWAIT) != 0 &&
         errno == EINTR) {
  }
  int status = 0;
  pid_t reaped = -1;
  {
    const std::lock_guard lock{m_mutex};
    do {
      reaped = ::waitpid(m_pid, &status, 0);
    } while (reaped < 0 && errno == EINTR);
    m_reaped = true;
  }
  m_result.started = true;
  if (reaped < 0) {
    m_result.exit_code = -1;
    m_result.error = "lost track of " + m_name + ": " + error_text(errno);
  } else if (WIFSIGNALED(status)) {
    m_result.signal = WTERMSIG(status);
    m_result.exit_code = 128 + m_result.signal;
  } else {
    m_result.exit_code = WEXITSTATUS(status);
  }
}

std::string ChildResult::describe() const {
  if (!started) {
    return "did not start: " + error;
  }
  if (signal != 0) {
    const char *name = ::sigabbrev_np(signal);
    return "was killed by signal " + std::to_string(signal) +
           (name != nullptr ? std::string{" (SIG"} + name + ")" : std::string{});
  }
  if (!error.empty()) {
    return error;
  }
  return "exited with code " + std::to_string(exit_code);
}

void ChildProcess::write_log(std::string_view line) const {
  if (m_log_fd < 0) {
    return;
  }
  std::string text;
  text.reserve(m_name.size() + line.size() + 4);
  text.append("[").append(m_name).append("] ").append(line).append("\n");
  write_all(m_log_fd, text);
}

ChildResult run_child(const ChildSpec &spec) {
  ChildProcess child;
  child.start(spec);
  return child.wait();
}

ChildSpec shell_command(std::string command) {
  ChildSpec spec;
  spec.argv = {"/bin/sh", "-c", std::move(command)};
  return spec;
}

} // namespace pgparity::migrate
