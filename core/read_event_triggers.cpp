// Event triggers (database-wide, fired by DDL and login events).
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

// clang-format off
const std::string k_event_triggers_sql = R"(
SELECT e.evtname AS name, e.evtevent AS event,
       pn.nspname OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) p.proname AS function,
       (SELECT pg_catalog.json_agg(t) FROM pg_catalog.unnest(e.evttags) AS t) AS tags,
       CASE e.evtenabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica'
                         WHEN 'A' THEN 'always' ELSE 'enabled' END AS enabled
  FROM pg_catalog.pg_event_trigger e
  JOIN pg_catalog.pg_proc p ON p.oid = e.evtfoid
  JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
 WHERE NOT )" + catalog_sql::extension_member("pg_event_trigger", "e.oid") + R"(
 ORDER BY e.evtname)";
// clang-format on

} // namespace

std::vector<EventTrigger> read_event_triggers(Session &session) {
  std::vector<EventTrigger> triggers;
  for (const auto &row : session.query(k_event_triggers_sql, {}, "event triggers")) {
    triggers.push_back({row.text("name"), row.text("event"), row.text("function"),
                        catalog_sql::sorted_string_array(row.optional_text("tags")),
                        row.text("enabled")});
  }
  return triggers;
}

} // namespace pgparity::core
