// Settings stored outside the dump: ALTER DATABASE … SET of the current database, and
// ALTER ROLE … [IN DATABASE …] SET of the roles (pg_db_role_setting, readable by every role),
// with the names of every role of the cluster so that a check can tell a role's missing
// setting from a missing role, and how the server reads each setting's value (pg_settings).
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

// clang-format off
const std::string k_current_database_oid = R"((SELECT d.oid FROM pg_catalog.pg_database d
                           WHERE d.datname = pg_catalog.current_database()))";

const std::string k_settings_sql = R"(
SELECT CASE WHEN s.setrole = 0 THEN NULL ELSE r.rolname END AS role,
       s.setdatabase <> 0 AS in_database, c.setting
  FROM pg_catalog.pg_db_role_setting s
  LEFT JOIN pg_catalog.pg_roles r ON r.oid = s.setrole
 CROSS JOIN LATERAL pg_catalog.unnest(s.setconfig) AS c(setting)
 WHERE (s.setdatabase = )" + k_current_database_oid + R"(
        OR (s.setdatabase = 0 AND s.setrole <> 0))
   AND (s.setrole = 0 OR r.oid IS NOT NULL)
 ORDER BY 1 NULLS FIRST, 2 DESC, 3)";

// How the server reads each setting named in pg_db_role_setting for this database or its roles.
const std::string k_definitions_sql = R"(
SELECT p.name, p.vartype, COALESCE(p.unit, '') AS unit
  FROM pg_catalog.pg_settings p
 WHERE pg_catalog.lower(p.name) IN (
         SELECT pg_catalog.lower(pg_catalog.split_part(c.setting, '=', 1))
           FROM pg_catalog.pg_db_role_setting s
          CROSS JOIN LATERAL pg_catalog.unnest(s.setconfig) AS c(setting)
          WHERE s.setdatabase = )" + k_current_database_oid + R"(
             OR (s.setdatabase = 0 AND s.setrole <> 0))
 ORDER BY 1)";

const std::string k_roles_sql = R"(
SELECT pg_catalog.current_database() AS database,
       (SELECT pg_catalog.json_agg(r.rolname ORDER BY r.rolname)
          FROM pg_catalog.pg_roles r) AS roles)";
// clang-format on

// "name=value" as pg_db_role_setting stores it; a value may itself hold '='.
Setting split_setting(const std::string &stored) {
  const auto equals = stored.find('=');
  if (equals == std::string::npos) {
    return {stored, ""};
  }
  return {stored.substr(0, equals), stored.substr(equals + 1)};
}

} // namespace

StoredSettings read_stored_settings(Session &session) {
  StoredSettings settings;
  const auto roles = session.query(k_roles_sql, {}, "roles");
  settings.database = roles.at(0).text("database");
  settings.role_names = catalog_sql::string_array(roles.at(0).optional_text("roles"));
  for (const auto &row : session.query(k_settings_sql, {}, "database and role settings")) {
    Setting setting = split_setting(row.text("setting"));
    if (const auto &role = row.optional_text("role")) {
      settings.role_settings.push_back({*role, row.boolean("in_database"), std::move(setting)});
    } else {
      settings.database_settings.push_back(std::move(setting));
    }
  }
  for (const auto &row : session.query(k_definitions_sql, {}, "setting definitions")) {
    settings.definitions.push_back({row.text("name"), row.text("vartype"), row.text("unit")});
  }
  return settings;
}

} // namespace pgparity::core
