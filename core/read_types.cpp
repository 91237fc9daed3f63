// User-defined types: enums, domains, standalone composite types.
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

// clang-format off
const std::string k_enums_sql = R"(
SELECT n.nspname AS schema, t.typname AS name,
       pg_catalog.json_agg(e.enumlabel::pg_catalog.text ORDER BY e.enumsortorder) AS labels
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
 WHERE )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_type", "t.oid") + R"(
 GROUP BY n.nspname, t.typname
 ORDER BY n.nspname, t.typname)";
// clang-format on

// clang-format off
const std::string k_domains_sql = R"(
SELECT n.nspname AS schema, t.typname AS name,
       pg_catalog.format_type(t.typbasetype, t.typtypmod) AS base_type,
       t.typnotnull AS not_null, t.typdefault AS default_expr,
       (SELECT pg_catalog.json_agg(d.def ORDER BY d.def)
          FROM (SELECT pg_catalog.pg_get_constraintdef(c.oid) AS def
                  FROM pg_catalog.pg_constraint c
                 WHERE c.contypid = t.oid AND c.contype = 'c') d) AS constraints
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
 WHERE t.typtype = 'd' AND )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_type", "t.oid") + R"(
 ORDER BY n.nspname, t.typname)";
// clang-format on

// clang-format off
const std::string k_composite_types_sql = R"(
SELECT n.nspname AS schema, t.typname AS name,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(
                 a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) AS attributes
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_catalog.pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
 WHERE t.typtype = 'c' AND )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_type", "t.oid") + R"(
 ORDER BY n.nspname, t.typname)";
// clang-format on

} // namespace

std::vector<EnumType> read_enums(Session &session) {
  std::vector<EnumType> enums;
  for (const auto &row : session.query(k_enums_sql, {}, "enum types")) {
    enums.push_back({{row.text("schema"), row.text("name")},
                     catalog_sql::string_array(row.optional_text("labels"))});
  }
  return enums;
}

std::vector<Domain> read_domains(Session &session) {
  std::vector<Domain> domains;
  for (const auto &row : session.query(k_domains_sql, {}, "domains")) {
    domains.push_back({{row.text("schema"), row.text("name")},
                       row.text("base_type"),
                       row.boolean("not_null"),
                       row.optional_text("default_expr"),
                       catalog_sql::string_array(row.optional_text("constraints"))});
  }
  return domains;
}

std::vector<CompositeType> read_composite_types(Session &session) {
  std::vector<CompositeType> types;
  for (const auto &row : session.query(k_composite_types_sql, {}, "composite types")) {
    types.push_back({{row.text("schema"), row.text("name")},
                     catalog_sql::string_pair_array(row.optional_text("attributes"))});
  }
  return types;
}

} // namespace pgparity::core
