// Objects that extend the server without belonging to an extension: encoding conversions in
// user schemas, and access methods, procedural languages and transforms made after initdb
// (oid 16384 on).
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

using catalog_sql::function_text;

// A conversion's function by name: its arguments are fixed by the server (14 added one), so a
// copy into a newer major names the same function with another signature.
// clang-format off
const std::string k_conversions_sql = R"(
SELECT n.nspname || '.' || c.conname AS identity,
       pg_catalog.pg_encoding_to_char(c.conforencoding)::pg_catalog.text AS source_encoding,
       pg_catalog.pg_encoding_to_char(c.contoencoding)::pg_catalog.text AS target_encoding,
       (SELECT pn.nspname OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) p.proname
          FROM pg_catalog.pg_proc p
          JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
         WHERE p.oid = c.conproc) AS "function",
       c.condefault::pg_catalog.text AS "default"
  FROM pg_catalog.pg_conversion c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.connamespace
 WHERE )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_conversion", "c.oid") + R"(
 ORDER BY 1)";
// clang-format on

// clang-format off
const std::string k_access_methods_sql = R"(
SELECT a.amname::pg_catalog.text AS identity,
       CASE a.amtype WHEN 'i' THEN 'index' WHEN 't' THEN 'table'
                     ELSE a.amtype::pg_catalog.text END AS type,
       )" + function_text("a.amhandler") + R"( AS handler
  FROM pg_catalog.pg_am a
 WHERE a.oid >= 16384
   AND NOT )" + catalog_sql::extension_member("pg_am", "a.oid") + R"(
 ORDER BY 1)";
// clang-format on

// clang-format off
const std::string k_languages_sql = R"(
SELECT l.lanname::pg_catalog.text AS identity,
       l.lanpltrusted::pg_catalog.text AS trusted,
       )" + function_text("l.lanplcallfoid") + R"( AS handler,
       )" + function_text("l.laninline") + R"( AS inline_handler,
       )" + function_text("l.lanvalidator") + R"( AS validator
  FROM pg_catalog.pg_language l
 WHERE l.oid >= 16384
   AND NOT )" + catalog_sql::extension_member("pg_language", "l.oid") + R"(
 ORDER BY 1)";
// clang-format on

// clang-format off
const std::string k_transforms_sql = R"(
SELECT pg_catalog.format_type(t.trftype, NULL) || ' LANGUAGE ' || l.lanname AS identity,
       )" + function_text("t.trffromsql") + R"( AS from_sql,
       )" + function_text("t.trftosql") + R"( AS to_sql
  FROM pg_catalog.pg_transform t
  JOIN pg_catalog.pg_language l ON l.oid = t.trflang
 WHERE t.oid >= 16384
   AND NOT )" + catalog_sql::extension_member("pg_transform", "t.oid") + R"(
 ORDER BY 1)";
// clang-format on

// A wrapper's options configure every server built on it; they are settings, not secrets (a
// password belongs to a user mapping, never read).
// clang-format off
const std::string k_foreign_data_wrappers_sql = R"(
SELECT w.fdwname::pg_catalog.text AS identity,
       )" + function_text("w.fdwhandler") + R"( AS handler,
       )" + function_text("w.fdwvalidator") + R"( AS validator,
       COALESCE((SELECT pg_catalog.string_agg(o, ', ' ORDER BY o)
                   FROM pg_catalog.unnest(w.fdwoptions) AS o), 'none') AS options
  FROM pg_catalog.pg_foreign_data_wrapper w
 WHERE w.oid >= 16384
   AND NOT )" + catalog_sql::extension_member("pg_foreign_data_wrapper", "w.oid") + R"(
 ORDER BY 1)";
// clang-format on

} // namespace

std::vector<CatalogObject> read_foreign_data_wrappers(Session &session) {
  return catalog_sql::catalog_objects(
      session.query(k_foreign_data_wrappers_sql, {}, "foreign-data wrappers"));
}

std::vector<CatalogObject> read_conversions(Session &session) {
  return catalog_sql::catalog_objects(session.query(k_conversions_sql, {}, "conversions"));
}

std::vector<CatalogObject> read_access_methods(Session &session) {
  return catalog_sql::catalog_objects(session.query(k_access_methods_sql, {}, "access methods"));
}

std::vector<CatalogObject> read_languages(Session &session) {
  return catalog_sql::catalog_objects(session.query(k_languages_sql, {}, "languages"));
}

std::vector<CatalogObject> read_transforms(Session &session) {
  return catalog_sql::catalog_objects(session.query(k_transforms_sql, {}, "transforms"));
}

} // namespace pgparity::core
