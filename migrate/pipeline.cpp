#include "migrate/pipeline.hpp"

#include "core/error.hpp"
#include "core/progress_ticker.hpp"
#include "core/redact.hpp"
#include "migrate/child_process.hpp"
#include "migrate/dump_restore.hpp"
#include "migrate/interrupt.hpp"
#include "migrate/journal.hpp"
#include "migrate/maintenance_window.hpp"
#include "migrate/phase_memory.hpp"
#include "migrate/post_restore.hpp"
#include "migrate/preflight.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>
#include <mutex>
#include <type_traits>

namespace pgparity::migrate {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Thrown when a signal stopped the run; caught once, at the top of run_migrate.
struct Interrupted {};

// A phase that could not complete: the run stops and the report is incomplete.
struct PhaseFailed {
  std::string reason;
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// "dump: 12/40 tables, 35s, about 80s left" (no estimate before the first table is done).
std::string table_progress(const char *what, std::size_t done, std::size_t total,
                           Clock::time_point started) {
  const double elapsed = seconds_since(started);
  std::string line = fmt::format("{}: {}/{} tables, {:.0f}s", what, done, total, elapsed);
  if (done > 0 && done < total) {
    line += fmt::format(", about {:.0f}s left",
                        elapsed / static_cast<double>(done) * static_cast<double>(total - done));
  }
  return line;
}

std::string phase_name(Phase phase) {
  std::string name = to_string(phase);
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

// True when a line can be appended to the file at `path` (creating it).
bool appendable(const std::string &path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    return false;
  }
  ::close(fd);
  return true;
}

// The run in progress: configuration, journal, the child program running now (for the signal
// watch), the report being built.
class Run {
public:
  Run(const MigrateConfig &config, const core::Log &log, Journal journal)
      : m_config(config), m_log(log), m_journal(std::move(journal)),
        m_logs(fs::path{config.work_dir} / "logs"),
        m_earlier_unfinished(config.resume ? m_journal.in_progress() : std::nullopt) {
    std::error_code error;
    fs::create_directories(m_logs, error);
    if (error) {
      throw ConfigError("cannot create the log directory " + m_logs.string() + ": " +
                            error.message(),
                        "check that the work directory is writable");
    }
    m_report.command = "migrate";
    m_report.started_at = std::chrono::system_clock::now();
    m_report.source.url = config.source->redacted();
    m_report.target.url = config.target->redacted();
    m_report.fail_on = config.audit.fail_on;
    m_report.waivers = config.audit.waivers;
    m_report.options = config.audit.options;
    m_report.scope = config.audit.scope; // even when the run stops before verifying
    m_section = {{"rehearsal", config.rehearsal},
                 {"resumed", config.resume},
                 {"work_dir", config.work_dir},
                 {"phases", nlohmann::ordered_json::array()},
                 {"cutover", "not run: the run stopped before the gate"},
                 {"cutover_ran", false}};
  }

  report::AuditReport execute();
  // Stops the child program running now, if any (called on the signal watch's thread).
  void stop_child() {
    const std::lock_guard lock{m_child_mutex};
    if (m_child != nullptr) {
      m_child->terminate(std::chrono::seconds{5});
    }
  }
  void set_interrupt(const InterruptWatch *watch) { m_watch = watch; }

private:
  bool interrupted() const { return m_watch != nullptr && m_watch->interrupted().load(); }
  std::string log_file(const std::string &name) const { return (m_logs / name).string(); }

  // Runs `body` as `phase`: journaled, timed, recorded in the report. `body` returns nothing or
  // the PhaseMemory the phase leaves to the report, journaled with its completion.
  template <typename Body> void phase(Phase phase, Body &&body);
  // True when `phase` completed in an earlier run: it is then recorded so, and what it left to
  // the report is read back from the journal and reported again.
  bool done_earlier(Phase phase);
  // Adds what a phase left to the report: its findings (with this run's --severity overrides)
  // and its entry of the migrate section.
  void remember(Phase phase, PhaseMemory memory);
  void record(Phase phase, const std::string &status, double seconds);
  // Makes the run incomplete for `reason`, saying so when the cutover had already run.
  void fail(std::string reason);
  // "restore: " while the restore runs; empty outside any phase.
  std::string in_phase() const {
    const auto now = m_journal.in_progress();
    return now ? phase_name(*now) + ": " : std::string{};
  }
  // Runs a child program with the signal watch able to stop it; after a signal it refuses to
  // start one unless `after_interrupt` (the maintenance-off hook, which always runs).
  template <typename Body> auto with_child(Body &&body, bool after_interrupt = false);
  ChildResult run_hook(const std::string &name, const std::string &command,
                       bool after_interrupt = false);

  void preflight();
  void dump();
  void restore();
  void post_restore_phase();
  void verify();
  void finish_gate_and_cutover();
  void cutover();
  // Runs the maintenance-off hook and records its outcome; never throws an Error.
  void maintenance_off();
  std::string dump_location() const {
    return m_config.from_dump.empty() ? (fs::path{m_config.work_dir} / "dump").string()
                                      : m_config.from_dump;
  }

  const MigrateConfig &m_config;
  const core::Log &m_log;
  Journal m_journal;
  fs::path m_logs;
  const InterruptWatch *m_watch = nullptr;
  std::mutex m_child_mutex;
  ChildProcess *m_child = nullptr;
  PreflightResult m_preflight;
  TableProgress m_tables;
  report::AuditReport m_report;
  nlohmann::ordered_json m_section;
  double m_downtime_seconds = 0;   // dump, restore, post-restore, verify
  bool m_preflight_passed = false; // from here on the run changes things
  bool m_cutover_ran = false;      // the cutover command ran and succeeded
  // The phase an earlier run started and never finished (--resume), as its journal says.
  std::optional<Phase> m_earlier_unfinished;
};

void Run::record(Phase phase, const std::string &status, double seconds) {
  m_section["phases"].push_back(
      {{"phase", to_string(phase)}, {"status", status}, {"seconds", seconds}});
  m_report.timings.emplace_back("phase." + to_string(phase), seconds);
  if (phase == Phase::dump || phase == Phase::restore || phase == Phase::post_restore ||
      phase == Phase::verify) {
    m_downtime_seconds += seconds;
  }
}

void Run::fail(std::string reason) {
  if (m_cutover_ran) {
    reason += " (after the cutover ran)";
  }
  m_report.incomplete_reasons.push_back(std::move(reason));
}

void Run::remember(Phase phase, PhaseMemory memory) {
  report::apply_severity_overrides(memory.findings, m_config.audit.severity_overrides);
  m_report.findings.insert(m_report.findings.end(), memory.findings.begin(), memory.findings.end());
  if (!memory.section.is_null()) {
    m_section[to_string(phase)] = std::move(memory.section);
  }
}

bool Run::done_earlier(Phase phase) {
  for (const auto &earlier : m_journal.completed_phases()) {
    if (earlier.phase == phase) {
      record(phase, "done in an earlier run", 0);
      remember(phase, phase_memory_from_journal(earlier.details, m_journal.path()));
      return true;
    }
  }
  return false;
}

template <typename Body> void Run::phase(Phase phase, Body &&body) {
  if (interrupted()) {
    throw Interrupted{};
  }
  m_log.info("phase " + phase_name(phase) + ": started");
  m_journal.mark_started(phase);
  const auto started = Clock::now();
  PhaseMemory memory;
  if constexpr (std::is_void_v<std::invoke_result_t<Body>>) {
    body();
  } else {
    memory = body();
  }
  if (interrupted()) {
    throw Interrupted{};
  }
  const double seconds = seconds_since(started);
  // What the phase did and found is reported even when its completion cannot be journaled.
  remember(phase, memory);
  record(phase, "completed", seconds);
  m_journal.complete(phase, seconds, to_journal(memory));
  m_log.info(fmt::format("phase {}: done in {:.1f}s", phase_name(phase), seconds));
}

template <typename Body> auto Run::with_child(Body &&body, bool after_interrupt) {
  ChildProcess child;
  {
    const std::lock_guard lock{m_child_mutex};
    m_child = &child;
  }
  struct Release {
    Run &run;
    ~Release() {
      const std::lock_guard lock{run.m_child_mutex};
      run.m_child = nullptr;
    }
  } release{*this};
  if (interrupted() && !after_interrupt) {
    throw Interrupted{};
  }
  return body(child);
}

ChildResult Run::run_hook(const std::string &name, const std::string &command,
                          bool after_interrupt) {
  ChildSpec spec = shell_command(command);
  spec.name = name;
  spec.log_path = log_file("hooks.log");
  if (!appendable(spec.log_path)) { // a hook, above all the off-hook, runs even without its log
    m_log.warning("cannot write " + spec.log_path + ": the " + name +
                  " hook runs without its log file");
    spec.log_path.clear();
  }
  spec.on_stdout_line = [&](std::string_view line) {
    m_log.info(name + ": " + core::redact_secrets(line));
  };
  spec.on_stderr_line = spec.on_stdout_line;
  const ChildResult result = with_child(
      [&](ChildProcess &child) {
        child.start(spec);
        return child.wait();
      },
      after_interrupt);
  if (!result.ok()) {
    m_log.error(
        fmt::format("{} hook {}: {}", name, result.describe(), core::redact_secrets(command)));
  }
  return result;
}

void Run::preflight() {
  const bool restored = m_journal.completed(Phase::restore);
  PreflightInput input{*m_config.source,  *m_config.target,   m_config.pg_bin,
                       m_config.work_dir, m_config.from_dump, m_config.clean || restored};
  input.filter = m_config.audit.data.filter;
  if (m_journal.completed(Phase::dump)) {
    input.from_dump = dump_location(); // the dump is already there: no space needed for it
  }
  const auto started = Clock::now();
  m_preflight = run_preflight(input);
  const std::string checklist = m_preflight.render();
  if (!m_preflight.passed() || m_config.audit.show_progress) { // a failure shows even if quiet
    std::fwrite(checklist.data(), 1, checklist.size(), stderr);
  }
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto &item : m_preflight.items) {
    items.push_back({{"item", item.name}, {"ok", item.ok}, {"detail", item.detail}});
  }
  m_section["preflight"] = items;
  m_section["plan"] = m_preflight.plan;
  if (!m_preflight.passed()) {
    throw ConfigError("preflight failed: nothing was changed",
                      "fix the items marked FAIL above and run again");
  }
  m_report.source.server_version = m_preflight.source_version;
  m_report.target.server_version = m_preflight.target_version;
  record(Phase::preflight, "completed", seconds_since(started));
  m_preflight_passed = true;
}

void Run::dump() {
  if (!m_config.from_dump.empty()) {
    record(Phase::dump, "skipped (--from-dump " + m_config.from_dump + ")", 0);
    return;
  }
  if (done_earlier(Phase::dump)) {
    return;
  }
  phase(Phase::dump, [&] {
    const std::string directory = dump_location();
    std::error_code error; // an unfinished dump of an earlier run; pg_dump wants it absent
    fs::remove_all(directory, error);
    if (error) {
      throw PhaseFailed{"cannot remove the unfinished dump " + directory + ": " + error.message()};
    }
    m_tables.done = 0;
    const auto started = Clock::now();
    const core::ProgressTicker ticker{[&] {
                                        return table_progress("dump", m_tables.done.load(),
                                                              m_preflight.source_tables, started);
                                      },
                                      m_config.audit.show_progress};
    with_child([&](ChildProcess &child) {
      try {
        run_dump(child, m_preflight.tools, *m_config.source,
                 {directory, m_config.jobs, log_file("pg_dump.log")}, m_tables);
      } catch (const Error &e) {
        if (interrupted()) {
          throw Interrupted{};
        }
        throw PhaseFailed{e.what()};
      }
      return 0;
    });
  });
}

void Run::restore() {
  if (done_earlier(Phase::restore)) {
    return;
  }
  phase(Phase::restore, [&] {
    if (!m_preflight.heroku_ext_extensions.empty()) {
      core::Session writer{*m_config.target, core::SessionOptions{.read_only = false}};
      m_log.info("target: CREATE SCHEMA IF NOT EXISTS heroku_ext");
      writer.execute("CREATE SCHEMA IF NOT EXISTS heroku_ext");
    }
    m_tables.done = 0;
    const auto started = Clock::now();
    const core::ProgressTicker ticker{[&] {
                                        return table_progress("restore", m_tables.done.load(),
                                                              m_preflight.source_tables, started);
                                      },
                                      m_config.audit.show_progress};
    const RestoreOutcome outcome = with_child([&](ChildProcess &child) {
      return run_restore(
          child, m_preflight.tools, *m_config.target,
          {dump_location(), m_config.jobs, m_config.clean, log_file("pg_restore.log")}, m_tables);
    });
    if (interrupted()) {
      throw Interrupted{};
    }
    if (!outcome.finished) { // killed: whatever the copy looks like, the restore did not finish
      remember(Phase::restore, PhaseMemory{outcome.findings, nullptr});
      throw PhaseFailed{
          fmt::format("restore: pg_restore {}, so the target holds a partial restore; see {}",
                      outcome.result.describe(), log_file("pg_restore.log"))};
    }
    std::size_t errors = 0;
    for (const auto &finding : outcome.findings) {
      errors += finding.severity == report::Severity::error ? 1U : 0U;
    }
    m_log.info(fmt::format("pg_restore exited with code {}: {} errors that fail the gate, {} "
                           "known to be harmless",
                           outcome.result.exit_code, errors, outcome.findings.size() - errors));
    return PhaseMemory{outcome.findings, nullptr};
  });
}

void Run::post_restore_phase() {
  if (done_earlier(Phase::post_restore)) {
    return;
  }
  phase(Phase::post_restore, [&] {
    const auto result =
        post_restore(*m_config.source, *m_config.target, m_config.fix_sequences, m_log);
    return PhaseMemory{result.findings, result.statements};
  });
}

void Run::verify() {
  phase(Phase::verify, [&] {
    checks::AuditConfig audit = m_config.audit;
    audit.data.stop = &m_watch->interrupted();
    report::AuditReport verified =
        checks::run_audit(*m_config.source, *m_config.target, audit, m_log);
    const auto started_at = m_report.started_at;
    auto timings = std::move(m_report.timings);
    // Findings from before the comparison (the restore's errors) come first.
    verified.findings.insert(verified.findings.begin(), m_report.findings.begin(),
                             m_report.findings.end());
    m_report = std::move(verified);
    m_report.command = "migrate";
    m_report.started_at = started_at;
    for (auto &[name, seconds] : m_report.timings) {
      timings.emplace_back("verify." + name, seconds);
    }
    m_report.timings = std::move(timings);
  });
}

void Run::finish_gate_and_cutover() {
  const auto started = Clock::now();
  const bool passed = m_report.status() == report::Status::clean;
  record(Phase::gate, passed ? "open" : "closed", seconds_since(started));
  m_log.info(passed ? "gate: open" : "gate: closed (" + report::to_string(m_report.status()) + ")");
  if (m_config.cutover.empty() || m_config.rehearsal) {
    m_section["cutover"] = m_config.rehearsal ? "not run: rehearsal" : "no --cutover command given";
    return;
  }
  if (!passed) {
    m_section["cutover"] =
        "not run: the gate is closed, the report is " + report::to_string(m_report.status());
    m_log.warning("cutover not run: the gate is closed");
    return;
  }
  if (done_earlier(Phase::cutover)) { // a resumed run never switches over twice
    m_section["cutover"] = "done in an earlier run, not repeated";
    m_section["cutover_ran"] = true;
    return;
  }
  if (m_earlier_unfinished == Phase::cutover) {
    // The earlier run stopped inside its cutover command: the application may be switched over
    // in part. Running the command again could do harm; only a person can tell.
    m_section["cutover"] = "not run: an earlier run started the cutover and did not finish it";
    fail("an earlier run started the cutover command and stopped before it finished: check "
         "where the application points now and finish the switch by hand");
    return;
  }
  cutover();
}

void Run::cutover() {
  phase(Phase::cutover, [&] {
    const std::string command = core::redact_secrets(m_config.cutover);
    const ChildResult result = run_hook("cutover", m_config.cutover);
    // Once it started it may have changed things: the report says so whatever follows.
    m_section["cutover_ran"] = result.started;
    if (!result.ok()) {
      m_section["cutover"] = result.started ? "failed (" + result.describe() +
                                                  "), it may have switched over in part: " + command
                                            : "not run: " + result.error;
      throw PhaseFailed{"the cutover command " + result.describe() + ": " + command};
    }
    m_section["cutover"] = "ran: " + command;
    m_cutover_ran = true;
  });
}

void Run::maintenance_off() {
  if (m_config.maintenance_off.empty()) {
    return;
  }
  const auto started = Clock::now();
  std::string failure;
  try {
    const ChildResult result = run_hook("maintenance-off", m_config.maintenance_off, true);
    if (!result.ok()) {
      failure = result.describe();
    }
  } catch (const std::exception &e) {
    failure = std::string{"could not run: "} + e.what();
  }
  record(Phase::maintenance_off, failure.empty() ? "completed" : "failed", seconds_since(started));
  if (!failure.empty()) {
    fail("the maintenance-off command " + failure + ": " +
         core::redact_secrets(m_config.maintenance_off));
  }
}

report::AuditReport Run::execute() {
  const bool hooks = !m_config.rehearsal;
  // Owes the off-hook once the on-hook has run, whichever way this function is left.
  MaintenanceWindow maintenance{[this] { maintenance_off(); }};
  try {
    preflight();
    if (hooks && !m_config.maintenance_on.empty()) {
      phase(Phase::maintenance_on, [&] {
        const ChildResult result = run_hook("maintenance-on", m_config.maintenance_on);
        if (!result.ok()) { // nothing else runs, the off-hook neither
          throw PhaseFailed{"the maintenance-on command " + result.describe() + ": " +
                            core::redact_secrets(m_config.maintenance_on)};
        }
        maintenance.open();
      });
    }
    dump();
    restore();
    post_restore_phase();
    verify();
    if (interrupted()) {
      throw Interrupted{};
    }
    finish_gate_and_cutover();
  } catch (const Interrupted &) {
    fail(fmt::format("interrupted by signal {} during {}", m_watch->signal_number(),
                     m_journal.in_progress() ? phase_name(*m_journal.in_progress()) : "the run"));
  } catch (const PhaseFailed &failure) {
    fail(failure.reason);
  } catch (const Error &e) {
    if (!m_preflight_passed && e.kind() == ErrorKind::config) {
      throw; // the preflight or the work directory: nothing changed, exit 2
    }
    // Past the preflight the run may have changed things: every failure, a configuration error
    // too, ends in the report (incomplete), never as "nothing changed".
    fail(in_phase() + e.what() + (e.hint().empty() ? std::string{} : " (" + e.hint() + ")"));
  } catch (const std::exception &e) {
    fail(in_phase() + "internal error: " + e.what() + " (a bug in pgparity; please report it)");
  } catch (...) {
    fail(in_phase() + "internal error: unknown exception (a bug in pgparity; please report it)");
  }
  maintenance.close();
  m_section["projected_downtime_seconds"] = m_downtime_seconds;
  m_report.sections["migrate"] = m_section;
  m_report.finished_at = std::chrono::system_clock::now();
  return m_report;
}

} // namespace

report::AuditReport run_migrate(const MigrateConfig &config, const core::Log &log) {
  Journal journal =
      Journal::open(config.work_dir, {config.source->redacted(), config.target->redacted(),
                                      config.from_dump.empty() ? "pg_dump" : config.from_dump});
  if (!config.resume && journal.last_completed()) {
    throw ConfigError("the work directory " + config.work_dir +
                          " holds an earlier run (last "
                          "completed phase: " +
                          phase_name(*journal.last_completed()) + ")",
                      "continue it with --resume, or choose a new --work-dir");
  }
  if (config.resume && journal.in_progress() == Phase::restore &&
      !journal.completed(Phase::restore) && !config.clean) {
    throw ConfigError("the earlier run stopped during the restore: the target holds a partial "
                      "restore, and restoring again into it would fail or duplicate rows",
                      "resume with --clean to restore again over it (pg_restore --clean "
                      "--if-exists), or empty the target database first");
  }
  Run run{config, log, std::move(journal)};
  InterruptWatch watch{[&run] { run.stop_child(); }};
  run.set_interrupt(&watch);
  return run.execute();
}

} // namespace pgparity::migrate
