// The report of `pgparity retired`, the straggler watch on the old database after the cutover:
// every write seen reaching it (per-table counters, rewrites, sessions holding a transaction
// id), every client seen connected, and what makes the run incomplete (a statistics reset, the
// covered window never reached). The model and its renderings (JSON for scripts, a summary for
// the terminal, one JSON line per look); nothing here touches a database.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pgparity::report {

// How often one table of the retired database was written while it was watched, from the
// statistics counters (pg_stat_all_tables), summed over every look.
struct TableWrites {
  std::string table; // schema.table, unquoted
  std::int64_t inserted = 0;
  std::int64_t updated = 0; // all updates; hot_updated is the share of them that were HOT
  std::int64_t hot_updated = 0;
  std::int64_t deleted = 0;
  // Given a new relfilenode: TRUNCATE, VACUUM FULL, CLUSTER, REFRESH MATERIALIZED VIEW or a
  // rewriting ALTER TABLE (none of which the row counters count).
  int rewrites = 0;
  bool created = false;   // appeared during the watch
  bool dropped = false;   // disappeared during the watch
  std::string first_seen; // UTC time of the look that first showed a write to it
  std::string last_seen;
  // The sessions connected at the look that showed a write, or at the one before ("name (pid
  // N)"): the counters do not say which session wrote, so these are the candidates.
  std::vector<std::string> connected_when_seen;
};

// A session connected to the retired database, as pg_stat_activity showed it. What a role
// without pg_read_all_stats (pg_monitor) may not see of another role's session is unset, and
// `visible` is false.
struct ClientSession {
  int pid = 0;
  std::string backend_start;
  std::optional<std::string> user;
  std::optional<std::string> application_name;
  std::optional<std::string> client_addr; // unset also for a unix-socket connection
  std::optional<std::string> state;
  std::optional<std::string> last_statement;
  std::optional<std::string> xact_start;
  bool visible = true;
  // The transaction id it held at some look: it has written (or locked rows for writing) in a
  // transaction it had not ended yet, which the counters do not show until it ends.
  std::optional<std::string> held_xid;
  std::string first_seen; // UTC time of the first look that showed it
  std::string last_seen;
};

// A counter that went down between two looks: the statistics were reset (pg_stat_reset,
// pg_stat_reset_single_table_counters, a crash), so writes made before the reset may be lost.
struct CounterReset {
  std::string table;
  std::string counter; // inserted, updated, hot_updated, deleted
  std::int64_t before = 0;
  std::int64_t after = 0;
  std::string seen_at;
};

// One look at the retired database: what it showed since the previous one.
struct StragglerLook {
  int look = 0; // 0 is the baseline
  std::string time;
  std::int64_t inserted = 0, updated = 0, deleted = 0;
  int tables_written = 0;   // tables with a counter up, a rewrite, created or dropped
  int writing_sessions = 0; // sessions holding a transaction id
  int clients = 0;
  int resets = 0;
  bool failed = false; // the look could not be read (error in `error`)
  std::string error;
};

struct StragglerReport {
  std::string url; // redacted
  std::string server_version;
  int server_version_num = 0;
  std::string started_at;
  std::string finished_at;
  std::string interval;
  std::string settle;
  // Writes made from started_at to covered_until are certain to have shown in the counters (a
  // write shows at most `settle` after it ended); empty when the watch ended before that.
  std::string covered_until;
  std::string status; // clean, failed, incomplete
  std::vector<std::string> incomplete_reasons;
  std::vector<TableWrites> writes;
  std::vector<ClientSession> writing_sessions; // held a transaction id at some look
  std::vector<ClientSession> clients;          // every client session seen
  std::vector<CounterReset> resets;
  std::vector<StragglerLook> looks;
  std::vector<std::string> limits; // what this server's statistics cannot show
};

// The report as a JSON document (pretty-printed, ending with a newline).
std::string render_straggler_json(const StragglerReport &report);
// One JSON line (no newline) for a look, for --events.
std::string render_straggler_event(const StragglerLook &look);
// The terminal summary: CLEAN, FAILED or INCOMPLETE on the first line, then the writes, the
// sessions that held a transaction, the clients and the reasons the run is incomplete.
std::string render_straggler_summary(const StragglerReport &report);

} // namespace pgparity::report
