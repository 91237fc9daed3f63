// Text search configurations (with their token-to-dictionary mappings), dictionaries (template
// and options), parsers and templates (their functions), in user schemas.
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

using catalog_sql::function_text;

// A mapping is "token/position dictionary", sorted: token numbers are the parser's own.
// clang-format off
const std::string k_configurations_sql = R"(
SELECT n.nspname || '.' || c.cfgname AS identity,
       pn.nspname || '.' || p.prsname AS parser,
       (SELECT pg_catalog.string_agg(m.maptokentype || '/' || m.mapseqno || ' ' ||
                 m.mapdict::pg_catalog.regdictionary::pg_catalog.text, '; '
                 ORDER BY m.maptokentype, m.mapseqno)
          FROM pg_catalog.pg_ts_config_map m WHERE m.mapcfg = c.oid) AS mappings
  FROM pg_catalog.pg_ts_config c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace
  JOIN pg_catalog.pg_ts_parser p ON p.oid = c.cfgparser
  JOIN pg_catalog.pg_namespace pn ON pn.oid = p.prsnamespace
 WHERE )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_ts_config", "c.oid") + R"(
 ORDER BY 1)";
// clang-format on

// clang-format off
const std::string k_dictionaries_sql = R"(
SELECT n.nspname || '.' || d.dictname AS identity,
       tn.nspname || '.' || t.tmplname AS template,
       d.dictinitoption AS options
  FROM pg_catalog.pg_ts_dict d
  JOIN pg_catalog.pg_namespace n ON n.oid = d.dictnamespace
  JOIN pg_catalog.pg_ts_template t ON t.oid = d.dicttemplate
  JOIN pg_catalog.pg_namespace tn ON tn.oid = t.tmplnamespace
 WHERE )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_ts_dict", "d.oid") + R"(
 ORDER BY 1)";
// clang-format on

// clang-format off
const std::string k_parsers_sql = R"(
SELECT n.nspname || '.' || p.prsname AS identity,
       )" + function_text("p.prsstart") + R"( AS start_function,
       )" + function_text("p.prstoken") + R"( AS gettoken_function,
       )" + function_text("p.prsend") + R"( AS end_function,
       )" + function_text("p.prsheadline") + R"( AS headline_function,
       )" + function_text("p.prslextype") + R"( AS lextypes_function
  FROM pg_catalog.pg_ts_parser p
  JOIN pg_catalog.pg_namespace n ON n.oid = p.prsnamespace
 WHERE )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_ts_parser", "p.oid") + R"(
 ORDER BY 1)";
// clang-format on

// clang-format off
const std::string k_templates_sql = R"(
SELECT n.nspname || '.' || t.tmplname AS identity,
       )" + function_text("t.tmplinit") + R"( AS init_function,
       )" + function_text("t.tmpllexize") + R"( AS lexize_function
  FROM pg_catalog.pg_ts_template t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.tmplnamespace
 WHERE )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_ts_template", "t.oid") + R"(
 ORDER BY 1)";
// clang-format on

} // namespace

std::vector<CatalogObject> read_text_search_configurations(Session &session) {
  return catalog_sql::catalog_objects(
      session.query(k_configurations_sql, {}, "text search configurations"));
}

std::vector<CatalogObject> read_text_search_dictionaries(Session &session) {
  return catalog_sql::catalog_objects(
      session.query(k_dictionaries_sql, {}, "text search dictionaries"));
}

std::vector<CatalogObject> read_text_search_parsers(Session &session) {
  return catalog_sql::catalog_objects(session.query(k_parsers_sql, {}, "text search parsers"));
}

std::vector<CatalogObject> read_text_search_templates(Session &session) {
  return catalog_sql::catalog_objects(session.query(k_templates_sql, {}, "text search templates"));
}

} // namespace pgparity::core
