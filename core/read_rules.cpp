// Rewrite rules (CREATE RULE), not the _RETURN rule that implements a view.
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

// clang-format off
const std::string k_rules_sql = R"(
SELECT n.nspname AS table_schema, c.relname AS table_name, r.rulename AS name,
       pg_catalog.pg_get_ruledef(r.oid) AS definition,
       CASE r.ev_enabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica'
                         WHEN 'A' THEN 'always' ELSE 'enabled' END AS enabled
  FROM pg_catalog.pg_rewrite r
  JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE r.rulename OPERATOR(pg_catalog.<>) '_RETURN'
   AND )" + catalog_sql::user_table("n.nspname", "c.oid") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_class", "c.oid") + R"(
 ORDER BY n.nspname, c.relname, r.rulename)";
// clang-format on

} // namespace

std::vector<Rule> read_rules(Session &session) {
  std::vector<Rule> rules;
  for (const auto &row : session.query(k_rules_sql, {}, "rules")) {
    rules.push_back({{row.text("table_schema"), row.text("table_name")},
                     row.text("name"),
                     row.text("definition"),
                     row.text("enabled")});
  }
  return rules;
}

} // namespace pgparity::core
