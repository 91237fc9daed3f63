// Options of tables, partitioned tables, materialized views and views (reloptions, the TOAST
// table's reloptions, replica identity) and their columns' storage, compression, statistics
// target and options (attoptions: n_distinct, n_distinct_inherited). Index options are read with
// the indexes.
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

#include <map>

namespace pgparity::core {

namespace {

constexpr int k_first_version_with_compression = 140000;

// clang-format off
const std::string k_relations_sql = R"(
SELECT c.oid, n.nspname AS schema, c.relname AS name,
       CASE c.relkind WHEN 'p' THEN 'partitioned table' WHEN 'm' THEN 'materialized view'
                      WHEN 'v' THEN 'view' ELSE 'table' END AS kind,
       (SELECT pg_catalog.json_agg(o) FROM pg_catalog.unnest(c.reloptions) AS o) AS options,
       (SELECT pg_catalog.json_agg(o)
          FROM pg_catalog.pg_class tc, pg_catalog.unnest(tc.reloptions) AS o
         WHERE tc.oid = c.reltoastrelid) AS toast_options,
       CASE c.relreplident WHEN 'n' THEN 'nothing' WHEN 'f' THEN 'full'
                           WHEN 'i' THEN 'index' ELSE 'default' END AS replica_identity,
       (SELECT ic.relname FROM pg_catalog.pg_index i
          JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
         WHERE i.indrelid = c.oid AND i.indisreplident LIMIT 1) AS identity_index,
       pub.tablename IS NOT NULL AS published
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN (SELECT DISTINCT pt.schemaname, pt.tablename
               FROM pg_catalog.pg_publication_tables pt) AS pub
         ON pub.schemaname = n.nspname AND pub.tablename = c.relname
 WHERE c.relkind IN ('r', 'p', 'm', 'v') AND c.relpersistence <> 't'
   AND )" + catalog_sql::user_table("n.nspname", "c.oid") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_class", "c.oid") + R"(
 ORDER BY n.nspname, c.relname)";
// clang-format on

// attcompression appeared in PostgreSQL 14; 17 made attstattarget NULL for "default" (-1
// before), so both read as -1 there.
std::string columns_sql(int version_num) {
  const std::string compression = version_num >= k_first_version_with_compression
                                      ? "a.attcompression::pg_catalog.text"
                                      : "''::pg_catalog.text";
  // clang-format off
  return R"(
SELECT a.attrelid, a.attname AS name, a.attstorage::pg_catalog.text AS storage,
       ty.typstorage::pg_catalog.text AS type_storage, )" + compression + R"( AS compression,
       COALESCE(a.attstattarget::pg_catalog.int4, -1) AS statistics_target,
       (SELECT pg_catalog.json_agg(o) FROM pg_catalog.unnest(a.attoptions) AS o) AS options
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
 WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'm')
   AND c.relpersistence <> 't' AND )" + catalog_sql::user_table("n.nspname", "c.oid") + R"(
 ORDER BY a.attrelid, a.attnum)";
  // clang-format on
}

} // namespace

std::vector<RelationOptions> read_relation_options(Session &session) {
  std::vector<RelationOptions> relations;
  std::map<std::int64_t, std::size_t> by_oid;
  for (const auto &row : session.query(k_relations_sql, {}, "relation options")) {
    RelationOptions r;
    r.name = {row.text("schema"), row.text("name")};
    r.kind = row.text("kind");
    r.options = catalog_sql::sorted_string_array(row.optional_text("options"));
    r.toast_options = catalog_sql::sorted_string_array(row.optional_text("toast_options"));
    r.replica_identity = row.text("replica_identity");
    r.identity_index = row.optional_text("identity_index");
    r.published = row.boolean("published");
    by_oid.emplace(row.integer("oid"), relations.size());
    relations.push_back(std::move(r));
  }
  const auto rows =
      session.query(columns_sql(session.server_version_num()), {}, "column storage options");
  for (const auto &row : rows) {
    auto it = by_oid.find(row.integer("attrelid"));
    if (it == by_oid.end()) {
      continue;
    }
    relations[it->second].columns.push_back(
        {row.text("name"), row.text("storage"), row.text("type_storage"), row.text("compression"),
         static_cast<int>(row.integer("statistics_target")),
         catalog_sql::sorted_string_array(row.optional_text("options"))});
  }
  return relations;
}

} // namespace pgparity::core
