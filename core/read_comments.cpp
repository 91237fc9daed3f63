// Comments (pg_description) on the user's objects: those made after initdb (oid 16384 on), in a
// user schema or in none (a cast, a language…; a schema itself when it is a user schema), and
// not an extension's (nor an extension's own comment, which its control file sets). Each is
// named by pg_identify_object: "table public.t", "table column public.t.v",
// "function public.f(integer)", "table constraint t_pkey on public.t"…
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

// clang-format off
const std::string k_comments_sql = R"(
SELECT o.type || ' ' || o.identity AS identity, d.description AS comment
  FROM pg_catalog.pg_description d
 CROSS JOIN LATERAL pg_catalog.pg_identify_object(d.classoid, d.objoid, d.objsubid) o
 WHERE d.objoid >= 16384 AND o.identity IS NOT NULL
   AND (o.schema IS NULL OR )" + catalog_sql::user_schema("o.schema") + R"()
   AND (o.type <> 'schema' OR )" + catalog_sql::user_schema("o.identity") + R"()
   AND d.classoid <> 'pg_catalog.pg_extension'::pg_catalog.regclass
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
                    WHERE dep.classid = d.classoid AND dep.objid = d.objoid
                      AND dep.deptype = 'e')
 ORDER BY 1)";
// clang-format on

} // namespace

std::vector<CatalogObject> read_comments(Session &session) {
  return catalog_sql::catalog_objects(session.query(k_comments_sql, {}, "comments"));
}

} // namespace pgparity::core
