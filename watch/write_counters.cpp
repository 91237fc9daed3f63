#include "watch/write_counters.hpp"

namespace pgparity::watch {

namespace {

// Every table whose rows the application may write, and pg_largeobject (large objects). Toast
// tables are left out: their parent counts the same rows. n_tup_upd includes the HOT updates.
const std::string k_counters_sql = R"(
SELECT s.relid::pg_catalog.int8 AS relid,
       s.schemaname || '.' || s.relname AS table_name,
       c.relfilenode::pg_catalog.int8 AS relfilenode,
       s.n_tup_ins AS inserted, s.n_tup_upd AS updated, s.n_tup_hot_upd AS hot_updated,
       s.n_tup_del AS deleted
  FROM pg_catalog.pg_stat_all_tables s
  JOIN pg_catalog.pg_class c ON c.oid = s.relid
 WHERE c.relpersistence <> 't'
   AND (s.relid = 'pg_catalog.pg_largeobject'::pg_catalog.regclass
        OR (s.schemaname NOT IN ('pg_catalog', 'information_schema')
            AND s.schemaname !~ '^pg_toast'))
 ORDER BY s.schemaname, s.relname)";

const std::string k_stats_reset_sql = R"(
SELECT d.stats_reset::pg_catalog.text AS stats_reset
  FROM pg_catalog.pg_stat_database d
 WHERE d.datname = pg_catalog.current_database())";

// Sessions of a role (usesysid set: not autovacuum) in this database other than the watching
// one. backend_type is null for another role's session seen without pg_read_all_stats, so it
// only removes what is known not to be a client: parallel workers (their leader is listed) and
// WAL senders. backend_xid is shown to every role.
const std::string k_sessions_sql = R"(
SELECT a.pid, a.backend_start::pg_catalog.text AS backend_start, a.usename AS user_name,
       a.application_name, pg_catalog.host(a.client_addr) AS client_addr, a.state,
       a.query, a.xact_start::pg_catalog.text AS xact_start,
       a.backend_xid::pg_catalog.text AS backend_xid,
       a.query IS DISTINCT FROM '<insufficient privilege>' AS visible
  FROM pg_catalog.pg_stat_activity a
 WHERE a.datname = pg_catalog.current_database()
   AND a.pid <> pg_catalog.pg_backend_pid()
   AND a.usesysid IS NOT NULL
   AND (a.backend_type IS NULL
        OR a.backend_type NOT IN ('autovacuum worker', 'parallel worker', 'walsender'))
 ORDER BY a.pid)";

} // namespace

Look read_look(core::Session &session) {
  Look look;
  look.at = std::chrono::system_clock::now();
  for (const auto &row : session.query(k_counters_sql, {}, "table statistics")) {
    look.tables.push_back({row.integer("relid"), row.text("table_name"), row.integer("relfilenode"),
                           row.integer("inserted"), row.integer("updated"),
                           row.integer("hot_updated"), row.integer("deleted")});
  }
  const auto reset = session.query(k_stats_reset_sql, {}, "database statistics");
  if (!reset.empty()) {
    look.stats_reset = reset.front().optional_text("stats_reset");
  }
  for (const auto &row : session.query(k_sessions_sql, {}, "sessions")) {
    report::ClientSession s;
    s.pid = static_cast<int>(row.integer("pid"));
    s.backend_start = row.optional_text("backend_start").value_or("");
    s.user = row.optional_text("user_name");
    s.application_name = row.optional_text("application_name");
    s.visible = row.boolean("visible");
    if (s.visible) {
      s.client_addr = row.optional_text("client_addr");
      s.state = row.optional_text("state");
      s.last_statement = row.optional_text("query");
      s.xact_start = row.optional_text("xact_start");
    }
    s.held_xid = row.optional_text("backend_xid");
    look.sessions.push_back(std::move(s));
  }
  return look;
}

} // namespace pgparity::watch
