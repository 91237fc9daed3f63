// The server and database themselves, and the user's schemas.
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

constexpr int k_first_version_with_locale_provider = 150000;
constexpr int k_first_version_with_datlocale = 170000;

// pg_database gained the locale provider, its ICU locale and collation versions in PostgreSQL
// 15; 17 renamed daticulocale to datlocale (shared by the new builtin provider).
std::string server_info_sql(int version_num) {
  const bool modern = version_num >= k_first_version_with_locale_provider;
  const std::string provider_locale =
      version_num >= k_first_version_with_datlocale ? "d.datlocale" : "d.daticulocale";
  return std::string{R"(
SELECT pg_catalog.current_setting('server_version') AS version,
       pg_catalog.current_setting('server_version_num') AS version_num,
       d.datname AS database, pg_catalog.pg_encoding_to_char(d.encoding) AS encoding,
       d.datcollate AS collate, d.datctype AS ctype, )"} +
         (modern ? R"(CASE d.datlocprovider WHEN 'i' THEN 'icu' WHEN 'b' THEN 'builtin'
                               ELSE 'libc' END AS provider,
       )" + provider_locale +
                       R"( AS provider_locale,
       d.datcollversion AS collation_version,
       pg_catalog.pg_database_collation_actual_version(d.oid) AS actual_collation_version,)"
                 : R"('libc' AS provider, NULL AS provider_locale, NULL AS collation_version,
       NULL AS actual_collation_version,)") +
         R"(
       (SELECT pg_catalog.count(*) FROM pg_catalog.pg_largeobject_metadata) AS large_objects
  FROM pg_catalog.pg_database d
 WHERE d.datname = pg_catalog.current_database())";
}

// clang-format off
const std::string k_schemas_sql = R"(
SELECT n.nspname AS name, pg_catalog.pg_get_userbyid(n.nspowner) AS owner
  FROM pg_catalog.pg_namespace n
 WHERE )" + catalog_sql::user_schema("n.nspname") + R"(
 ORDER BY n.nspname)";
// clang-format on

// Only collations some user table's column uses: asking every ICU collation for its version
// would load hundreds of collators.
// clang-format off
const std::string k_collation_versions_sql = R"(
SELECT n.nspname AS schema, c.collname AS name, c.collversion AS recorded,
       pg_catalog.pg_collation_actual_version(c.oid) AS actual
  FROM pg_catalog.pg_collation c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace
 WHERE c.oid IN (SELECT a.attcollation
                   FROM pg_catalog.pg_attribute a
                   JOIN pg_catalog.pg_class r ON r.oid = a.attrelid
                   JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
                  WHERE a.attnum > 0 AND NOT a.attisdropped AND r.relkind IN ('r', 'p', 'm')
                    AND )" + catalog_sql::user_schema("rn.nspname") + R"()
 ORDER BY n.nspname, c.collname)";
// clang-format on

} // namespace

ServerInfo read_server_info(Session &session) {
  const auto rows = session.query(server_info_sql(session.server_version_num()), {}, "server");
  const auto &row = rows.at(0);
  ServerInfo info;
  info.version = row.text("version");
  info.version_num = static_cast<int>(row.integer("version_num"));
  info.database = row.text("database");
  info.encoding = row.text("encoding");
  info.collate = row.text("collate");
  info.ctype = row.text("ctype");
  info.locale_provider = row.text("provider");
  info.provider_locale = row.optional_text("provider_locale");
  info.collation_version = row.optional_text("collation_version");
  info.actual_collation_version = row.optional_text("actual_collation_version");
  info.large_object_count = row.integer("large_objects");
  return info;
}

std::vector<CollationVersion> read_collation_versions(Session &session) {
  std::vector<CollationVersion> collations;
  for (const auto &row : session.query(k_collation_versions_sql, {}, "collations")) {
    collations.push_back({{row.text("schema"), row.text("name")},
                          row.optional_text("recorded"),
                          row.optional_text("actual")});
  }
  return collations;
}

std::vector<Schema> read_schemas(Session &session) {
  std::vector<Schema> schemas;
  for (const auto &row : session.query(k_schemas_sql, {}, "schemas")) {
    schemas.push_back({row.text("name"), row.text("owner")});
  }
  return schemas;
}

} // namespace pgparity::core
