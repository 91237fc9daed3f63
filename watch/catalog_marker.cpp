#include "watch/catalog_marker.hpp"

#include "core/catalog_sql.hpp"

namespace pgparity::watch {

namespace {

std::string marker_sql() {
  const std::string user = core::catalog_sql::user_schema("n.nspname");
  // clang-format off
  return R"(
SELECT pg_catalog.md5(coalesce(pg_catalog.string_agg(x, ',' ORDER BY x), '')) AS marker
  FROM (
    SELECT 'n' || n.oid || ':' || n.xmin FROM pg_catalog.pg_namespace n WHERE )" + user + R"(
    UNION ALL
    SELECT 'c' || c.oid || ':' || c.xmin
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relpersistence <> 't' AND )" + user + R"(
    UNION ALL
    SELECT 'a' || a.attrelid || '.' || a.attnum || ':' || a.xmin
      FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE a.attnum > 0 AND c.relpersistence <> 't' AND )" + user + R"(
    UNION ALL
    SELECT 'd' || d.oid || ':' || d.xmin
      FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_class c ON c.oid = d.adrelid
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE )" + user + R"(
    UNION ALL
    SELECT 'i' || i.indexrelid || ':' || i.xmin
      FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE )" + user + R"(
    UNION ALL
    SELECT 's' || s.seqrelid || ':' || s.xmin
      FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE )" + user + R"(
    UNION ALL
    SELECT 'k' || k.oid || ':' || k.xmin
      FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_namespace n ON n.oid = k.connamespace
     WHERE )" + user + R"(
  ) AS rows_of_catalog(x))";
  // clang-format on
}

} // namespace

std::string catalog_marker(core::Session &session) {
  static const std::string k_marker_sql = marker_sql();
  return session.query(k_marker_sql, {}, "catalog marker").at(0).text("marker");
}

} // namespace pgparity::watch
