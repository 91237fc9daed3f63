// The current database's own properties (pg_database, pg_shdescription; readable by every
// role): its connection limit, its comment, and its privileges as aclexplode() lists them, the
// defaults (acldefault) standing for a NULL datacl. The owner's own privileges are left out:
// the owner changes with --no-owner and always holds them.
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

// clang-format off
const std::string k_database_sql = R"(
WITH d AS (
  SELECT d.oid, d.datname, d.datconnlimit, d.datdba,
         COALESCE(d.datacl, pg_catalog.acldefault('d', d.datdba)) AS acl
    FROM pg_catalog.pg_database d
   WHERE d.datname = pg_catalog.current_database()),
grants AS (
  SELECT a.grantee, a.privilege_type
    FROM d CROSS JOIN LATERAL pg_catalog.aclexplode(d.acl) AS a
   WHERE a.grantee <> d.datdba)
SELECT d.datname AS name, d.datconnlimit AS connection_limit,
       pg_catalog.shobj_description(d.oid, 'pg_database') AS comment,
       EXISTS (SELECT 1 FROM grants g
                WHERE g.grantee = 0 AND g.privilege_type = 'CONNECT') AS public_connect,
       EXISTS (SELECT 1 FROM grants g
                WHERE g.grantee = 0 AND g.privilege_type = 'TEMPORARY') AS public_temporary,
       (SELECT pg_catalog.json_agg(r.entry)
          FROM (SELECT pg_catalog.pg_get_userbyid(g.grantee) || '=' ||
                       pg_catalog.string_agg(DISTINCT g.privilege_type, ', '
                                             ORDER BY g.privilege_type) AS entry
                  FROM grants g
                 WHERE g.grantee <> 0
                 GROUP BY g.grantee) r) AS role_grants
  FROM d)";
// clang-format on

} // namespace

DatabaseProperties read_database_properties(Session &session) {
  const auto rows = session.query(k_database_sql, {}, "database properties");
  const auto &row = rows.at(0);
  DatabaseProperties database;
  database.name = row.text("name");
  database.connection_limit = static_cast<int>(row.integer("connection_limit"));
  database.comment = row.optional_text("comment");
  database.public_connect = row.boolean("public_connect");
  database.public_temporary = row.boolean("public_temporary");
  database.role_grants = catalog_sql::sorted_string_array(row.optional_text("role_grants"));
  return database;
}

} // namespace pgparity::core
