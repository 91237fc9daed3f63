// One look at a retired database (the old one, after the application moved): the statistics
// counters of every table (rows inserted, updated, deleted; the relfilenode, which a TRUNCATE or
// other rewrite replaces) and the sessions connected to it, with the transaction id a session
// holds. Read in read-only transactions of the session given; nothing is written.
//
// Limits: the counters show a write only once its session has published its statistics (see
// straggler_watch.hpp); temporary tables, sequences advanced by nextval alone and changes to
// objects other than tables and large objects are not counted. Of another role's session,
// a role without pg_read_all_stats (pg_monitor) sees the pid, the user, application_name and
// the transaction id, not the address, state or statement.
#pragma once

#include "core/session.hpp"
#include "report/straggler_report.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pgparity::watch {

// The cumulative write counters of one table (pg_stat_all_tables) at one look.
struct TableCounters {
  std::int64_t relid = 0;
  std::string table; // schema.table, unquoted
  std::int64_t relfilenode = 0;
  std::int64_t inserted = 0;
  std::int64_t updated = 0;
  std::int64_t hot_updated = 0;
  std::int64_t deleted = 0;
};

// What one look read.
struct Look {
  std::chrono::system_clock::time_point at;
  // User tables (temporary ones left out) and pg_catalog.pg_largeobject, ordered by name.
  std::vector<TableCounters> tables;
  // pg_stat_database.stats_reset of the database: changes when its statistics are reset.
  std::optional<std::string> stats_reset;
  // Sessions of a role connected to the database, the watching session left out, as do
  // autovacuum, parallel workers and WAL senders. first_seen and last_seen are left empty.
  std::vector<report::ClientSession> sessions;
};

// Reads one look. Throws QueryError or ConnectionError (as Session::query does).
Look read_look(core::Session &session);

} // namespace pgparity::watch
