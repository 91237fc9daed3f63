// Column-level privileges (pg_attribute.attacl of the user's tables, views and foreign tables)
// and default privileges (pg_default_acl, global or in a user schema). Items of an ACL are read
// sorted, and an empty ACL as none: neither the order of grants nor a revoked-to-nothing list is
// a privilege.
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

// clang-format off
const std::string k_column_privileges_sql = R"(
SELECT n.nspname || '.' || c.relname || '.' || a.attname AS identity,
       )" + catalog_sql::acl_text("a.attacl") + R"( AS acl
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE a.attacl IS NOT NULL AND pg_catalog.cardinality(a.attacl) > 0
   AND a.attnum > 0 AND NOT a.attisdropped
   AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
   AND )" + catalog_sql::user_table("n.nspname", "c.oid") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_class", "c.oid") + R"(
 ORDER BY 1)";
// clang-format on

// clang-format off
const std::string k_default_privileges_sql = R"(
SELECT pg_catalog.pg_get_userbyid(d.defaclrole) ||
         CASE WHEN d.defaclnamespace = 0 THEN '' ELSE ' in schema ' || n.nspname END ||
         ' on ' || CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences'
                   WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas'
                   WHEN 'L' THEN 'large objects'
                   ELSE d.defaclobjtype::pg_catalog.text END AS identity,
       )" + catalog_sql::acl_text("d.defaclacl") + R"( AS acl
  FROM pg_catalog.pg_default_acl d
  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
 WHERE d.defaclnamespace = 0 OR )" + catalog_sql::user_schema("n.nspname") + R"(
 ORDER BY 1)";
// clang-format on

} // namespace

std::vector<CatalogObject> read_column_privileges(Session &session) {
  return catalog_sql::catalog_objects(
      session.query(k_column_privileges_sql, {}, "column privileges"));
}

std::vector<CatalogObject> read_default_privileges(Session &session) {
  return catalog_sql::catalog_objects(
      session.query(k_default_privileges_sql, {}, "default privileges"));
}

} // namespace pgparity::core
