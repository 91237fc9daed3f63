// Indexes and table constraints.
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

#include <algorithm>

namespace pgparity::core {

namespace {

// Key columns come back as a JSON list in index order, an expression column as "". Statistics
// targets: "attnum=target" of the index columns not at the default, which is -1 up to 16 and
// NULL from 17.
// clang-format off
const std::string k_indexes_sql = R"(
SELECT n.nspname AS schema, ic.relname AS name, tn.nspname AS table_schema,
       tc.relname AS table_name, pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
       am.amname AS method, i.indisunique, i.indisprimary, i.indisvalid, i.indisready,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS predicate,
       (SELECT pg_catalog.json_agg(COALESCE(a.attname::pg_catalog.text, '') ORDER BY k.ord)
          FROM pg_catalog.unnest(i.indkey::pg_catalog.int2[]) WITH ORDINALITY AS k(attnum, ord)
          LEFT JOIN pg_catalog.pg_attribute a
            ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
         WHERE k.ord <= i.indnkeyatts) AS key_columns,
       (SELECT pg_catalog.json_agg(a.attnum::pg_catalog.text || '=' ||
                                   a.attstattarget::pg_catalog.text ORDER BY a.attnum)
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = i.indexrelid AND a.attnum > 0
           AND COALESCE(a.attstattarget::pg_catalog.int4, -1) >= 0) AS statistics_targets,
       con.conname AS constraint_name,
       (SELECT pg_catalog.json_agg(o) FROM pg_catalog.unnest(ic.reloptions) AS o) AS options
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace
  JOIN pg_catalog.pg_class tc ON tc.oid = i.indrelid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
  JOIN pg_catalog.pg_am am ON am.oid = ic.relam
  LEFT JOIN pg_catalog.pg_constraint con
    ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')
 WHERE tc.relkind IN ('r', 'p', 'm') AND tc.relpersistence <> 't' AND )" +
                                    catalog_sql::user_table("tn.nspname", "tc.oid") + R"(
 ORDER BY tn.nspname, tc.relname, ic.relname)";
// clang-format on

// clang-format off
const std::string k_constraints_sql = R"(
SELECT tn.nspname AS table_schema, tc.relname AS table_name, con.conname AS name,
       con.contype, pg_catalog.pg_get_constraintdef(con.oid) AS definition,
       con.convalidated, con.condeferrable, con.condeferred, con.coninhcount > 0 AS inherited,
       EXISTS (SELECT 1 FROM pg_catalog.pg_trigger t
                WHERE t.tgconstraint = con.oid AND t.tgisinternal AND t.tgenabled = 'D')
         AS enforcement_disabled,
       (SELECT pg_catalog.json_agg(a.attname::pg_catalog.text ORDER BY k.ord)
          FROM pg_catalog.unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum)
         AS columns,
       rn.nspname AS referenced_schema, rc.relname AS referenced_table,
       (SELECT pg_catalog.json_agg(a.attname::pg_catalog.text ORDER BY k.ord)
          FROM pg_catalog.unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum)
         AS referenced_columns
  FROM pg_catalog.pg_constraint con
  JOIN pg_catalog.pg_class tc ON tc.oid = con.conrelid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
  LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
  LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
 WHERE con.contype IN ('p', 'u', 'c', 'f', 'x', 't') AND tc.relpersistence <> 't' AND )" +
                                        catalog_sql::user_schema("tn.nspname") + R"(
 ORDER BY tn.nspname, tc.relname, con.conname)";
// clang-format on

ConstraintKind constraint_kind(const std::string &contype) {
  switch (contype.empty() ? ' ' : contype[0]) {
  case 'p':
    return ConstraintKind::primary_key;
  case 'u':
    return ConstraintKind::unique;
  case 'f':
    return ConstraintKind::foreign_key;
  case 'x':
    return ConstraintKind::exclusion;
  case 't':
    return ConstraintKind::trigger;
  default:
    return ConstraintKind::check;
  }
}

} // namespace

std::vector<Index> read_indexes(Session &session) {
  std::vector<Index> indexes;
  for (const auto &row : session.query(k_indexes_sql, {}, "indexes")) {
    Index index;
    index.name = {row.text("schema"), row.text("name")};
    index.table = {row.text("table_schema"), row.text("table_name")};
    index.definition = row.text("definition");
    index.method = row.text("method");
    index.is_unique = row.boolean("indisunique");
    index.is_primary = row.boolean("indisprimary");
    index.is_valid = row.boolean("indisvalid");
    index.is_ready = row.boolean("indisready");
    index.predicate = row.optional_text("predicate");
    index.key_columns = catalog_sql::string_array(row.optional_text("key_columns"));
    index.constraint = row.optional_text("constraint_name");
    index.options = catalog_sql::sorted_string_array(row.optional_text("options"));
    index.statistics_targets = catalog_sql::string_array(row.optional_text("statistics_targets"));
    indexes.push_back(std::move(index));
  }
  std::sort(indexes.begin(), indexes.end(), IndexTableOrder{}); // byte order, as std::string
  return indexes;
}

std::vector<Constraint> read_constraints(Session &session) {
  std::vector<Constraint> constraints;
  for (const auto &row : session.query(k_constraints_sql, {}, "constraints")) {
    Constraint c;
    c.table = {row.text("table_schema"), row.text("table_name")};
    c.name = row.text("name");
    c.kind = constraint_kind(row.text("contype"));
    c.definition = row.text("definition");
    c.validated = row.boolean("convalidated");
    c.deferrable = row.boolean("condeferrable");
    c.initially_deferred = row.boolean("condeferred");
    c.inherited = row.boolean("inherited");
    c.enforcement_disabled = row.boolean("enforcement_disabled");
    c.columns = catalog_sql::string_array(row.optional_text("columns"));
    if (!row.is_null("referenced_table")) {
      c.referenced_table =
          QualifiedName{row.text("referenced_schema"), row.text("referenced_table")};
    }
    c.referenced_columns = catalog_sql::string_array(row.optional_text("referenced_columns"));
    constraints.push_back(std::move(c));
  }
  return constraints;
}

} // namespace pgparity::core
