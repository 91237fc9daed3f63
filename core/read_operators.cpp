// User-defined casts (pg_cast rows made after initdb, not by an extension nor with a type),
// operators, operator classes and operator families, the families with their operators (pg_amop)
// and support functions (pg_amproc) as sorted lists.
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

using catalog_sql::function_text;
using catalog_sql::operator_text;
using catalog_sql::type_text;

// A cast made with its type (from 14 on, a range type's casts to its multirange: an internal
// dependency) is the type's, not the user's: a 13 source has none, its 14+ copy has them.
// clang-format off
const std::string k_casts_sql = R"(
SELECT pg_catalog.format_type(c.castsource, NULL) || ' AS ' ||
         pg_catalog.format_type(c.casttarget, NULL) AS identity,
       )" + function_text("c.castfunc") + R"( AS "function",
       CASE c.castcontext WHEN 'e' THEN 'explicit' WHEN 'a' THEN 'assignment'
                          WHEN 'i' THEN 'implicit' END AS context,
       CASE c.castmethod WHEN 'f' THEN 'function' WHEN 'i' THEN 'inout'
                         WHEN 'b' THEN 'binary' END AS method
  FROM pg_catalog.pg_cast c
 WHERE c.oid >= 16384
   AND NOT )" + catalog_sql::extension_member("pg_cast", "c.oid") + R"(
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
                    WHERE dep.classid = 'pg_catalog.pg_cast'::pg_catalog.regclass
                      AND dep.objid = c.oid AND dep.deptype = 'i')
 ORDER BY 1)";
// clang-format on

// clang-format off
const std::string k_operators_sql = R"(
SELECT n.nspname || '.' || o.oprname || '(' ||
         COALESCE()" + type_text("o.oprleft") + R"(, 'NONE') || ', ' ||
         COALESCE()" + type_text("o.oprright") + R"(, 'NONE') || ')' AS identity,
       )" + type_text("o.oprresult") + R"( AS result,
       )" + function_text("o.oprcode") + R"( AS "function",
       )" + operator_text("o.oprcom") + R"( AS commutator,
       )" + operator_text("o.oprnegate") + R"( AS negator,
       )" + function_text("o.oprrest") + R"( AS restrict_estimator,
       )" + function_text("o.oprjoin") + R"( AS join_estimator,
       o.oprcanhash::pg_catalog.text AS hashes,
       o.oprcanmerge::pg_catalog.text AS merges
  FROM pg_catalog.pg_operator o
  JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
 WHERE )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_operator", "o.oid") + R"(
 ORDER BY 1)";
// clang-format on

// clang-format off
const std::string k_operator_classes_sql = R"(
SELECT n.nspname || '.' || c.opcname || ' USING ' || am.amname AS identity,
       fn.nspname || '.' || f.opfname AS family,
       )" + type_text("c.opcintype") + R"( AS input_type,
       c.opcdefault::pg_catalog.text AS "default",
       )" + type_text("c.opckeytype") + R"( AS storage_type
  FROM pg_catalog.pg_opclass c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace
  JOIN pg_catalog.pg_am am ON am.oid = c.opcmethod
  JOIN pg_catalog.pg_opfamily f ON f.oid = c.opcfamily
  JOIN pg_catalog.pg_namespace fn ON fn.oid = f.opfnamespace
 WHERE )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_opclass", "c.oid") + R"(
 ORDER BY 1)";
// clang-format on

// clang-format off
const std::string k_operator_families_sql = R"(
SELECT n.nspname || '.' || f.opfname || ' USING ' || am.amname AS identity,
       (SELECT pg_catalog.string_agg(m.member, '; ' ORDER BY m.member)
          FROM (SELECT 'operator ' || ao.amopstrategy || ' ' || )" +
            operator_text("ao.amopopr") + R"( ||
                       CASE WHEN ao.amoppurpose = 'o' THEN ' FOR ORDER BY ' ||
                         (SELECT sn.nspname || '.' || sf.opfname
                            FROM pg_catalog.pg_opfamily sf
                            JOIN pg_catalog.pg_namespace sn ON sn.oid = sf.opfnamespace
                           WHERE sf.oid = ao.amopsortfamily) ELSE '' END AS member
                  FROM pg_catalog.pg_amop ao WHERE ao.amopfamily = f.oid) m) AS operators,
       (SELECT pg_catalog.string_agg(m.member, '; ' ORDER BY m.member)
          FROM (SELECT 'function ' || ap.amprocnum || ' (' ||
                       pg_catalog.format_type(ap.amproclefttype, NULL) || ', ' ||
                       pg_catalog.format_type(ap.amprocrighttype, NULL) || ') ' ||
                       )" + function_text("ap.amproc") + R"( AS member
                  FROM pg_catalog.pg_amproc ap WHERE ap.amprocfamily = f.oid) m)
         AS support_functions
  FROM pg_catalog.pg_opfamily f
  JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace
  JOIN pg_catalog.pg_am am ON am.oid = f.opfmethod
 WHERE )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_opfamily", "f.oid") + R"(
 ORDER BY 1)";
// clang-format on

} // namespace

std::vector<CatalogObject> read_casts(Session &session) {
  return catalog_sql::catalog_objects(session.query(k_casts_sql, {}, "casts"));
}

std::vector<CatalogObject> read_operators(Session &session) {
  return catalog_sql::catalog_objects(session.query(k_operators_sql, {}, "operators"));
}

std::vector<CatalogObject> read_operator_classes(Session &session) {
  return catalog_sql::catalog_objects(
      session.query(k_operator_classes_sql, {}, "operator classes"));
}

std::vector<CatalogObject> read_operator_families(Session &session) {
  return catalog_sql::catalog_objects(
      session.query(k_operator_families_sql, {}, "operator families"));
}

} // namespace pgparity::core
