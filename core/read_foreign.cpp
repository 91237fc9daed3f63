// Foreign tables' definitions (server, options, column options), foreign servers and user
// mappings. User mappings are read by existence only: their options may hold passwords (and
// only their owner or a superuser may see them), so they are never read.
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

// clang-format off
const std::string k_foreign_tables_sql = R"(
SELECT n.nspname AS schema, c.relname AS name, s.srvname AS server,
       (SELECT pg_catalog.json_agg(o) FROM pg_catalog.unnest(ft.ftoptions) AS o) AS options,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(
                 a.attname, pg_catalog.array_to_string(a.attfdwoptions, ', ')) ORDER BY a.attnum)
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
           AND a.attfdwoptions IS NOT NULL) AS column_options
  FROM pg_catalog.pg_foreign_table ft
  JOIN pg_catalog.pg_class c ON c.oid = ft.ftrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_foreign_server s ON s.oid = ft.ftserver
 WHERE )" + catalog_sql::user_table("n.nspname", "c.oid") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_class", "c.oid") + R"(
 ORDER BY n.nspname, c.relname)";
// clang-format on

// clang-format off
const std::string k_foreign_servers_sql = R"(
SELECT s.srvname AS name, w.fdwname AS wrapper, s.srvtype AS type, s.srvversion AS version,
       (SELECT pg_catalog.json_agg(o) FROM pg_catalog.unnest(s.srvoptions) AS o) AS options
  FROM pg_catalog.pg_foreign_server s
  JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw
 WHERE NOT )" + catalog_sql::extension_member("pg_foreign_server", "s.oid") + R"(
 ORDER BY s.srvname)";
// clang-format on

// pg_user_mappings, not pg_user_mapping (superusers only); its umoptions are never selected.
const std::string k_user_mappings_sql = R"(
SELECT m.srvname AS server, m.usename AS "user"
  FROM pg_catalog.pg_user_mappings m
 ORDER BY m.srvname, m.usename)";

} // namespace

std::vector<ForeignTable> read_foreign_tables(Session &session) {
  std::vector<ForeignTable> tables;
  for (const auto &row : session.query(k_foreign_tables_sql, {}, "foreign tables")) {
    tables.push_back({{row.text("schema"), row.text("name")},
                      row.text("server"),
                      catalog_sql::sorted_string_array(row.optional_text("options")),
                      catalog_sql::string_pair_array(row.optional_text("column_options"))});
  }
  return tables;
}

std::vector<ForeignServer> read_foreign_servers(Session &session) {
  std::vector<ForeignServer> servers;
  for (const auto &row : session.query(k_foreign_servers_sql, {}, "foreign servers")) {
    servers.push_back({row.text("name"), row.text("wrapper"), row.optional_text("type"),
                       row.optional_text("version"),
                       catalog_sql::sorted_string_array(row.optional_text("options"))});
  }
  return servers;
}

std::vector<UserMapping> read_user_mappings(Session &session) {
  std::vector<UserMapping> mappings;
  for (const auto &row : session.query(k_user_mappings_sql, {}, "user mappings")) {
    mappings.push_back({row.text("server"), row.text("user")});
  }
  return mappings;
}

} // namespace pgparity::core
