// Tables (ordinary, partitioned, foreign) and materialized views, with their columns.
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"
#include "core/error.hpp"

#include <algorithm>
#include <map>

namespace pgparity::core {

namespace {

// Which relations a query reads (`kinds`, a predicate on pg_class c): tables, or materialized
// views (those of an extension left out, as views are).
const std::string k_table_kinds = "c.relkind IN ('r', 'p', 'f')";
const std::string k_materialized_view_kinds =
    "c.relkind = 'm' AND NOT " + catalog_sql::extension_member("pg_class", "c.oid");

// For a partitioned table, rows and size are summed over its leaf partitions, since the parent
// itself holds no data.
// clang-format off
std::string tables_sql(const std::string &kinds) {
  return R"(
SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind, c.relpersistence,
       c.relrowsecurity, c.relforcerowsecurity, c.relispopulated,
       pn.nspname AS parent_schema, pc.relname AS parent_name,
       CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END
         AS partition_bound,
       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_key,
       CASE WHEN c.relkind = 'p' THEN
              (SELECT CASE WHEN pg_catalog.bool_or(l.reltuples >= 0)
                           THEN pg_catalog.sum(GREATEST(l.reltuples, 0)) END
                 FROM pg_catalog.pg_partition_tree(c.oid) t
                 JOIN pg_catalog.pg_class l ON l.oid = t.relid
                WHERE t.isleaf)
            WHEN c.reltuples >= 0 THEN c.reltuples END AS estimated_rows,
       CASE WHEN c.relkind = 'p' THEN
              (SELECT COALESCE(pg_catalog.sum(pg_catalog.pg_table_size(t.relid)), 0)
                 FROM pg_catalog.pg_partition_tree(c.oid) t WHERE t.isleaf)
            ELSE pg_catalog.pg_table_size(c.oid) END AS size_bytes,
       pg_catalog.pg_get_userbyid(c.relowner) AS owner, c.relacl::pg_catalog.text AS privileges,
       pg_catalog.pg_relation_size(c.oid)
         / pg_catalog.current_setting('block_size')::pg_catalog.int8 AS pages,
       (SELECT e.extname FROM pg_catalog.pg_depend d
          JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
         WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
           AND d.deptype = 'e' LIMIT 1) AS extension
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
  LEFT JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent
  LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
 WHERE )" + kinds + R"( AND c.relpersistence <> 't' AND )" +
         catalog_sql::user_table("n.nspname", "c.oid") + R"(
 ORDER BY n.nspname, c.relname)";
}
// clang-format on

// PostgreSQL 18 keeps attnotnull true for a NOT NULL added NOT VALID; only its pg_constraint row
// (contype 'n', one column) says it is not validated. Before 18 every NOT NULL is validated.
constexpr int k_first_version_with_not_null_constraints = 180000;

std::string not_null_validated_sql(int version_num) {
  if (version_num < k_first_version_with_not_null_constraints) {
    return "true";
  }
  return "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint nn WHERE nn.conrelid = a.attrelid "
         "AND nn.contype = 'n' AND nn.conkey[1] = a.attnum AND NOT nn.convalidated)";
}

// clang-format off
std::string columns_sql(const std::string &kinds, int version_num) {
  return R"(
SELECT a.attrelid, a.attname AS name, a.attnum AS position,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation
            THEN cn.nspname OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) co.collname END
         AS collation,
       a.attnotnull AS not_null, )" + not_null_validated_sql(version_num) + R"( AS not_null_validated,
       a.attidentity AS identity,
       CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END
         AS default_expr,
       CASE WHEN a.attgenerated <> ''
            THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) OPERATOR(pg_catalog.||)
                 CASE a.attgenerated WHEN 'v' THEN ' VIRTUAL' ELSE ' STORED' END END
         AS generated_expr
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
  LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
  LEFT JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
 WHERE a.attnum > 0 AND NOT a.attisdropped AND )" + kinds + R"(
   AND c.relpersistence <> 't' AND )" +
         catalog_sql::user_table("n.nspname", "c.oid") + R"(
 ORDER BY a.attrelid, a.attnum)";
}
// clang-format on

// Parents of inheritance children (partitions have theirs in k_tables_sql).
// clang-format off
const std::string k_inherits_sql = R"(
SELECT i.inhrelid AS child, pn.nspname AS parent_schema, pc.relname AS parent_name
  FROM pg_catalog.pg_inherits i
  JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
  JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent
  JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
 WHERE NOT c.relispartition AND c.relkind IN ('r', 'p', 'f')
 ORDER BY i.inhrelid, i.inhseqno)";
// clang-format on

TableKind table_kind(const std::string &relkind) {
  if (relkind == "p") {
    return TableKind::partitioned_table;
  }
  if (relkind == "f") {
    return TableKind::foreign_table;
  }
  if (relkind == "m") {
    return TableKind::materialized_view;
  }
  return TableKind::table;
}

IdentityKind identity_kind(const std::string &attidentity) {
  if (attidentity == "a") {
    return IdentityKind::always;
  }
  if (attidentity == "d") {
    return IdentityKind::by_default;
  }
  return IdentityKind::none;
}

// The relations of `kinds` with their columns (and INHERITS parents), ordered by name.
std::vector<Table> read_relations(Session &session, const std::string &kinds) {
  std::vector<Table> tables;
  std::map<std::uint32_t, std::size_t> by_oid;
  for (const auto &row : session.query(tables_sql(kinds), {}, "tables")) {
    Table t;
    t.oid = static_cast<std::uint32_t>(row.integer("oid"));
    t.name = {row.text("schema"), row.text("name")};
    t.kind = table_kind(row.text("relkind"));
    t.persistence =
        row.text("relpersistence") == "u" ? Persistence::unlogged : Persistence::permanent;
    t.row_security = row.boolean("relrowsecurity");
    t.force_row_security = row.boolean("relforcerowsecurity");
    t.populated = row.boolean("relispopulated");
    if (!row.is_null("parent_name")) {
      t.partition_of = QualifiedName{row.text("parent_schema"), row.text("parent_name")};
    }
    t.partition_bound = row.optional_text("partition_bound");
    t.partition_key = row.optional_text("partition_key");
    if (!row.is_null("estimated_rows")) {
      t.estimated_rows = row.real("estimated_rows");
    }
    t.size_bytes = row.optional_integer("size_bytes").value_or(0);
    t.pages = row.optional_integer("pages").value_or(0);
    t.owner = row.text("owner");
    t.privileges = row.optional_text("privileges");
    t.extension = row.optional_text("extension");
    by_oid.emplace(t.oid, tables.size());
    tables.push_back(std::move(t));
  }
  for (const auto &row :
       session.query(columns_sql(kinds, session.server_version_num()), {}, "columns")) {
    auto it = by_oid.find(static_cast<std::uint32_t>(row.integer("attrelid")));
    if (it == by_oid.end()) {
      continue; // created after the table list was read, outside a snapshot
    }
    Column c;
    c.name = row.text("name");
    c.position = static_cast<int>(row.integer("position"));
    c.type = row.text("type");
    c.collation = row.optional_text("collation");
    c.not_null = row.boolean("not_null");
    c.not_null_validated = row.boolean("not_null_validated");
    c.identity = identity_kind(row.text("identity"));
    c.default_expr = row.optional_text("default_expr");
    c.generated_expr = row.optional_text("generated_expr");
    tables[it->second].columns.push_back(std::move(c));
  }
  for (const auto &row : session.query(k_inherits_sql, {}, "table inheritance")) {
    auto it = by_oid.find(static_cast<std::uint32_t>(row.integer("child")));
    if (it != by_oid.end()) {
      tables[it->second].inherits.push_back({row.text("parent_schema"), row.text("parent_name")});
    }
  }
  std::sort(tables.begin(), tables.end(),
            [](const Table &a, const Table &b) { return a.name < b.name; });
  return tables;
}

} // namespace

std::vector<Table> read_tables(Session &session) { return read_relations(session, k_table_kinds); }

std::vector<Table> read_materialized_views(Session &session) {
  return read_relations(session, k_materialized_view_kinds);
}

} // namespace pgparity::core
