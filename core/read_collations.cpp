// User-defined collations (pg_collation in user schemas), with one locale per provider whatever
// the version: libc keeps collcollate/collctype; ICU's locale is collcollate up to 14,
// colliculocale in 15 and 16, colllocale from 17 (which also adds the builtin provider). The ICU
// locale is read as stored: 16 canonicalises ICU locales to BCP 47 tags, and the comparison
// (checks/icu_locale.hpp) reads both sides' in that form. collversion is the library's version,
// no part of the definition, and is not read here.
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

std::string collations_sql(int version_num) {
  const std::string icu_locale = version_num >= 170000   ? "c.colllocale"
                                 : version_num >= 150000 ? "c.colliculocale"
                                                         : "c.collcollate";
  const std::string builtin_locale = version_num >= 170000 ? "c.colllocale" : "NULL";
  // clang-format off
  return R"(
SELECT n.nspname || '.' || c.collname AS identity,
       CASE c.collprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' WHEN 'b' THEN 'builtin'
                           ELSE 'default' END AS provider,
       CASE WHEN c.collprovider = 'c' THEN c.collcollate END AS lc_collate,
       CASE WHEN c.collprovider = 'c' THEN c.collctype END AS lc_ctype,
       CASE c.collprovider WHEN 'i' THEN )" + icu_locale + R"(
                           WHEN 'b' THEN )" + builtin_locale + R"( END AS locale,
       c.collisdeterministic::pg_catalog.text AS deterministic)" +
         (version_num >= 160000 ? ",\n       c.collicurules AS icu_rules" : "") + R"(
  FROM pg_catalog.pg_collation c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace
 WHERE )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_collation", "c.oid") + R"(
 ORDER BY 1)";
  // clang-format on
}

} // namespace

std::vector<CatalogObject> read_user_collations(Session &session, int version_num) {
  return catalog_sql::catalog_objects(
      session.query(collations_sql(version_num), {}, "user-defined collations"));
}

} // namespace pgparity::core
