#include "watch/straggler_watch.hpp"

#include "core/error.hpp"
#include "core/session.hpp"
#include "core/utc_time.hpp"
#include "watch/straggler_judge.hpp"
#include "watch/write_counters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <thread>

namespace pgparity::watch {

namespace {

using Clock = std::chrono::system_clock;

// A duration as the options spell it: whole seconds when it is some, else milliseconds.
std::string spelled(std::chrono::milliseconds d) {
  return d.count() % 1000 == 0 ? fmt::format("{}s", d.count() / 1000)
                               : fmt::format("{}ms", d.count());
}

bool stopped(const StragglerConfig &config) {
  return config.stop != nullptr && config.stop->load();
}

// Sleeps until `until`, waking early when the watch is stopped.
void sleep_until(Clock::time_point until, const StragglerConfig &config) {
  while (!stopped(config)) {
    const auto now = Clock::now();
    if (now >= until) {
      return;
    }
    std::this_thread::sleep_for(
        std::min<Clock::duration>(until - now, std::chrono::milliseconds{200}));
  }
}

// What this server's statistics cannot show; in every report.
std::vector<std::string> limits(int version_num) {
  std::vector<std::string> out{
      "a write shows in the counters only once its session has published its statistics; a "
      "session holding a transaction id (backend_xid) is reported as a write in progress, but "
      "a write ended less than `settle` before the last look may not show yet",
      "TRUNCATE is not counted by the row counters: it, VACUUM FULL, CLUSTER, REFRESH "
      "MATERIALIZED VIEW and rewriting ALTER TABLEs show as a rewrite (a new relfilenode)",
      "not counted: temporary tables, sequences advanced by nextval alone, changes to objects "
      "other than tables and large objects (seen only through backend_xid, while their "
      "transaction is open at a look)",
      "another role's address, state and last statement are shown only to a role with "
      "pg_read_all_stats (member of pg_monitor)"};
  if (version_num < 150000) {
    out.push_back("PostgreSQL before 15: the statistics collector receives counters over UDP "
                  "and may drop them under load, and a session that reported less than 500 ms "
                  "earlier keeps its counters until its next statement or disconnection");
  }
  return out;
}

class Watcher {
public:
  Watcher(const core::ConnectionString &url, const StragglerConfig &config,
          const LookCallback &on_look, const core::Log &log)
      : m_url(url), m_config(config), m_on_look(on_look),
        m_log(log), m_options{true, config.statement_timeout, config.lock_timeout, "pgparity"} {}

  report::StragglerReport run() {
    m_session.emplace(m_url, m_options);
    m_report.url = m_url.redacted();
    m_report.server_version_num = m_session->server_version_num();
    m_report.server_version = server_version(m_session->server_version_num());
    m_report.interval = spelled(m_config.interval);
    m_report.settle = spelled(m_config.settle);
    m_report.limits = limits(m_report.server_version_num);
    m_last = read_look(*m_session);
    const auto started = m_last->at;
    m_report.started_at = core::utc_timestamp(started);
    // A session holding a transaction id at the start is a write in progress already.
    record_look(m_report, 0, m_report.started_at, *m_last, judge_look(*m_last, *m_last));
    m_on_look(m_report.looks.back());

    const std::optional<Clock::time_point> window_end =
        m_config.duration ? std::optional{started + *m_config.duration} : std::nullopt;
    const std::optional<Clock::time_point> stop_at =
        window_end ? std::optional{*window_end + m_config.settle} : std::nullopt;
    auto next = started;
    int number = 0;
    while (true) {
      next += m_config.interval;
      if (stop_at) {
        next = std::min(next, *stop_at);
      }
      sleep_until(next, m_config);
      look(++number);
      if (stopped(m_config) || (stop_at && Clock::now() >= *stop_at)) {
        break;
      }
    }
    finish(started, window_end);
    return std::move(m_report);
  }

private:
  static std::string server_version(int num) {
    return num >= 100000 ? fmt::format("{}.{}", num / 10000, num % 10000)
                         : fmt::format("{}.{}.{}", num / 10000, num / 100 % 100, num % 100);
  }

  // Takes one look and records it; a failure is recorded and the session reopened next time.
  void look(int number) {
    try {
      once_started([&] {
        if (!m_session) {
          m_session.emplace(core::open_again(m_url, m_options));
        }
        const Look current = read_look(*m_session);
        const auto time = core::utc_timestamp(current.at);
        const auto changes = judge_look(*m_last, current);
        record_look(m_report, number, time, current, changes);
        for (const auto &w : changes.writes) {
          m_log.warning(fmt::format("retired: write to {}: {} inserted, {} updated, {} deleted{}",
                                    w.table, w.inserted, w.updated, w.deleted,
                                    w.rewrites > 0 ? ", rewritten"
                                    : w.created    ? ", created"
                                    : w.dropped    ? ", dropped"
                                                   : ""));
        }
        for (const auto &s : changes.writing) {
          m_log.warning(fmt::format("retired: write in progress: pid {} ({}) holds transaction {}",
                                    s.pid, s.application_name.value_or("?"), *s.held_xid));
        }
        for (const auto &r : changes.resets) {
          m_log.warning(fmt::format("retired: statistics reset ({} {}: {} -> {}): writes made "
                                    "before it may be lost",
                                    r.table, r.counter, r.before, r.after));
        }
        m_last = current;
        m_last_good = current.at;
        return 0;
      });
    } catch (const Error &e) {
      if (e.kind() == ErrorKind::internal) {
        throw;
      }
      m_log.warning(fmt::format("retired: look {} failed: {}", number, e.what()));
      m_session.reset();
      report::StragglerLook failed;
      failed.look = number;
      failed.time = core::utc_timestamp(Clock::now());
      failed.failed = true;
      failed.error = e.what();
      m_report.looks.push_back(failed);
    }
    m_on_look(m_report.looks.back());
  }

  void finish(Clock::time_point started, std::optional<Clock::time_point> window_end) {
    m_report.finished_at = core::utc_timestamp(Clock::now());
    const Clock::time_point last_good = m_last_good.value_or(started);
    auto covered = last_good - m_config.settle;
    if (window_end) {
      covered = std::min(covered, *window_end);
    }
    if (covered > started) {
      m_report.covered_until = core::utc_timestamp(covered);
    } else {
      m_report.incomplete_reasons.push_back(fmt::format(
          "the watch ended before a look was taken {} (--settle) after its start: a write may "
          "not have shown in the counters yet",
          m_report.settle));
    }
    if (window_end && covered < *window_end) {
      m_report.incomplete_reasons.push_back(
          fmt::format("the watch covers writes up to {} only, short of --duration{}",
                      m_report.covered_until.empty() ? "its start" : m_report.covered_until,
                      stopped(m_config) ? " (interrupted)" : " (the last looks failed)"));
    }
    if (!m_report.resets.empty()) {
      m_report.incomplete_reasons.push_back(
          fmt::format("the statistics were reset during the watch ({} counters went down or "
                      "stats_reset changed): writes made before the reset may be lost",
                      m_report.resets.size()));
    }
    m_report.status = straggler_status(m_report);
  }

  const core::ConnectionString &m_url;
  const StragglerConfig &m_config;
  const LookCallback &m_on_look;
  const core::Log &m_log;
  core::SessionOptions m_options;
  std::optional<core::Session> m_session;
  std::optional<Look> m_last;
  std::optional<Clock::time_point> m_last_good;
  report::StragglerReport m_report;
};

} // namespace

report::StragglerReport watch_retired(const core::ConnectionString &url,
                                      const StragglerConfig &config, const LookCallback &on_look,
                                      const core::Log &log) {
  return Watcher{url, config, on_look, log}.run();
}

} // namespace pgparity::watch
