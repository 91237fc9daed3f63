// User-defined types: enums, domains, standalone composite types, range types and base types
// (CREATE TYPE with input and output functions, and shell types).
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

// " COLLATE schema.name" when the collation (`collation_column`) is not the default of the type
// (`type_column`), else "": ORDER BY and comparisons on the value follow it.
std::string collate_clause(const std::string &collation_column, const std::string &type_column) {
  return "COALESCE((SELECT ' COLLATE ' OPERATOR(pg_catalog.||) cn.nspname OPERATOR(pg_catalog.||) "
         "'.' OPERATOR(pg_catalog.||) co.collname FROM pg_catalog.pg_collation co JOIN "
         "pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = " +
         collation_column + " AND " + collation_column +
         " <> (SELECT ty.typcollation FROM pg_catalog.pg_type ty WHERE ty.oid = " + type_column +
         ")), '')";
}

// clang-format off
const std::string k_domains_sql = R"(
SELECT n.nspname AS schema, t.typname AS name,
       pg_catalog.format_type(t.typbasetype, t.typtypmod) OPERATOR(pg_catalog.||)
         )" + collate_clause("t.typcollation", "t.typbasetype") + R"( AS base_type,
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
                 a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) OPERATOR(pg_catalog.||)
                 )" + collate_clause("a.attcollation", "a.atttypid") + R"() ORDER BY a.attnum)
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) AS attributes
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_catalog.pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
 WHERE t.typtype = 'c' AND )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_type", "t.oid") + R"(
 ORDER BY n.nspname, t.typname)";
// clang-format on

// A range's multirange type exists from 14 on: read there only, so it is compared only between
// two servers that both have one.
std::string range_types_sql(int version_num) {
  using catalog_sql::function_text;
  // clang-format off
  return R"(
SELECT n.nspname || '.' || t.typname AS identity,
       pg_catalog.format_type(r.rngsubtype, NULL) AS subtype,
       (SELECT cn.nspname || '.' || co.collname FROM pg_catalog.pg_collation co
          JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
         WHERE co.oid = r.rngcollation) AS subtype_collation,
       (SELECT ocn.nspname || '.' || oc.opcname || ' USING ' || am.amname
          FROM pg_catalog.pg_opclass oc
          JOIN pg_catalog.pg_namespace ocn ON ocn.oid = oc.opcnamespace
          JOIN pg_catalog.pg_am am ON am.oid = oc.opcmethod
         WHERE oc.oid = r.rngsubopc) AS subtype_opclass,
       )" + function_text("r.rngcanonical") + R"( AS canonical,
       )" + function_text("r.rngsubdiff") + R"( AS subtype_diff)" +
         (version_num >= 140000
              ? ",\n       r.rngmultitypid::pg_catalog.regtype::pg_catalog.text AS multirange"
              : "") + R"(
  FROM pg_catalog.pg_range r
  JOIN pg_catalog.pg_type t ON t.oid = r.rngtypid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
 WHERE )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_type", "t.oid") + R"(
 ORDER BY 1)";
  // clang-format on
}

// typsubscript, the subscripting handler (v[0] on a fixed-length type with an element, or a
// type's own handler), arrived in PostgreSQL 14.
constexpr int k_first_version_with_subscript = 140000;

// Base types and shells; the array types PostgreSQL makes for every type are left out (they
// follow their element). The subscripting handler is read from 14 on only, so it is compared
// only between two servers that both have one.
std::string base_types_sql(int version_num) {
  const std::string subscript =
      version_num >= k_first_version_with_subscript
          ? ",\n       " + catalog_sql::function_text("t.typsubscript") + " AS subscript"
          : "";
  // clang-format off
  return R"(
SELECT n.nspname || '.' || t.typname AS identity,
       t.typisdefined::pg_catalog.text AS defined,
       )" + catalog_sql::function_text("t.typinput") + R"( AS input,
       )" + catalog_sql::function_text("t.typoutput") + R"( AS output,
       )" + catalog_sql::function_text("t.typreceive") + R"( AS receive,
       )" + catalog_sql::function_text("t.typsend") + R"( AS send,
       )" + catalog_sql::function_text("t.typmodin") + R"( AS typmod_in,
       )" + catalog_sql::function_text("t.typmodout") + R"( AS typmod_out,
       )" + catalog_sql::function_text("t.typanalyze") + R"( AS analyze_function,
       t.typlen::pg_catalog.text AS internal_length,
       t.typbyval::pg_catalog.text AS passed_by_value,
       CASE t.typalign WHEN 'c' THEN 'char' WHEN 's' THEN 'int2' WHEN 'i' THEN 'int4'
                       WHEN 'd' THEN 'double' END AS alignment,
       CASE t.typstorage WHEN 'p' THEN 'plain' WHEN 'e' THEN 'external' WHEN 'm' THEN 'main'
                         WHEN 'x' THEN 'extended' END AS storage,
       t.typcategory::pg_catalog.text AS category,
       t.typispreferred::pg_catalog.text AS preferred,
       t.typdelim::pg_catalog.text AS delimiter,
       )" + catalog_sql::type_text("t.typelem") + R"( AS element,
       t.typdefault AS default_value,
       (t.typcollation <> 0)::pg_catalog.text AS collatable)" + subscript + R"(
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
 WHERE (t.typtype = 'b' OR (t.typtype = 'p' AND NOT t.typisdefined))
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type e WHERE e.typarray = t.oid)
   AND )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_type", "t.oid") + R"(
 ORDER BY 1)";
  // clang-format on
}

} // namespace

std::vector<CatalogObject> read_range_types(Session &session, int version_num) {
  return catalog_sql::catalog_objects(
      session.query(range_types_sql(version_num), {}, "range types"));
}

std::vector<CatalogObject> read_base_types(Session &session) {
  return catalog_sql::catalog_objects(
      session.query(base_types_sql(session.server_version_num()), {}, "base types"));
}

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
