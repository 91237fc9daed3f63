// The straggler watch (`pgparity retired`): after the application moved to the new database,
// watches the old one and reports every write that still reaches it, and every client still
// connected, with its application_name (and, where the role may see them, its address and last
// statement).
//
// How a write is seen, and when. The per-table counters of pg_stat_all_tables (rows inserted,
// updated, deleted) are compared look after look with a baseline taken at the start; a TRUNCATE
// or another rewrite, which those counters do not count, shows as a new relfilenode. The
// counters are published late: from PostgreSQL 15 a backend publishes its statistics when it
// goes idle, at most once a second (PGSTAT_MIN_INTERVAL), else it retries every 10 s
// (PGSTAT_IDLE_INTERVAL), and under lock contention it may hold them for up to 60 s
// (PGSTAT_MAX_INTERVAL); a session inside a statement or a transaction has published nothing of
// it. On 12 to 14 they go through the statistics collector over UDP, which may drop them, and a
// backend that reported less than 500 ms earlier keeps them until its next statement. So:
// - a session holding a transaction id (pg_stat_activity.backend_xid) has written, or locked rows
//   for writing, in a transaction not yet ended: a write in progress, reported at once;
// - a write that ended is certain to show only `settle` later: every judgement of "no write"
//   covers the time up to the last look minus `settle`, and with a duration the watch runs
//   `settle` beyond it;
// - a counter that went down, or a changed stats_reset of the database, means the statistics
//   were reset and writes made before the reset may be lost: the run is incomplete.
// Only reads: read-only transactions under statement and lock timeouts.
#pragma once

#include "core/connection_string.hpp"
#include "core/log.hpp"
#include "report/straggler_report.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>

namespace pgparity::watch {

struct StragglerConfig {
  std::chrono::milliseconds interval{std::chrono::seconds{10}}; // between two looks
  // The window to watch; unset: until `stop` is set.
  std::optional<std::chrono::milliseconds> duration;
  // How long after it ended a write is certain to show in the counters.
  std::chrono::milliseconds settle{std::chrono::seconds{75}};
  std::chrono::milliseconds statement_timeout{std::chrono::seconds{60}};
  std::chrono::milliseconds lock_timeout{std::chrono::seconds{5}};
  // Set from another thread (a signal) to end the watch after one last look.
  const std::atomic<bool> *stop = nullptr;
};

// Called after every look, the baseline (look 0) included.
using LookCallback = std::function<void(const report::StragglerLook &)>;

// Watches the retired database `url` until the duration and `settle` have passed or `stop` is
// set, and returns the report with its status. Throws ConfigError or ConnectionError when the
// database cannot be reached for the baseline, QueryError when the baseline cannot be read;
// after the baseline, a look that fails is recorded in the report and the watch goes on (the
// counters are cumulative: a later look sees what it missed), reconnecting when needed.
report::StragglerReport watch_retired(const core::ConnectionString &url,
                                      const StragglerConfig &config, const LookCallback &on_look,
                                      const core::Log &log);

} // namespace pgparity::watch
