// Publications (logical replication): their actions, the tables they list (with column lists
// and row filters, PostgreSQL 15+), the schemas they publish (15+) and whether they publish
// generated columns (18).
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

#include <map>

namespace pgparity::core {

namespace {

constexpr int k_first_version_with_via_root = 130000;
constexpr int k_first_version_with_filters = 150000; // prattrs, prqual, pg_publication_namespace
constexpr int k_first_version_with_generated_columns = 180000; // pubgencols

// Before 18 a publication never publishes generated columns: read as "none", as 18 says it.
std::string publications_sql(int version_num) {
  const std::string via_root =
      version_num >= k_first_version_with_via_root ? "p.pubviaroot" : "false";
  const std::string generated_columns =
      version_num >= k_first_version_with_generated_columns
          ? "CASE p.pubgencols WHEN 'n' THEN 'none' WHEN 's' THEN 'stored' "
            "ELSE p.pubgencols::pg_catalog.text END"
          : "'none'";
  return R"(
SELECT p.pubname AS name, p.puballtables AS all_tables, p.pubinsert, p.pubupdate, p.pubdelete,
       p.pubtruncate, )" +
         via_root + R"( AS via_root, )" + generated_columns + R"( AS generated_columns
  FROM pg_catalog.pg_publication p
 ORDER BY p.pubname)";
}

std::string publication_tables_sql(int version_num) {
  const bool filters = version_num >= k_first_version_with_filters;
  const std::string columns = filters ? R"((SELECT pg_catalog.json_agg(a.attname)
          FROM pg_catalog.unnest(pr.prattrs::pg_catalog.int2[]) AS k(attnum)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = pr.prrelid AND a.attnum = k.attnum))"
                                      : "NULL::pg_catalog.json";
  const std::string row_filter =
      filters ? "pg_catalog.pg_get_expr(pr.prqual, pr.prrelid)" : "NULL::pg_catalog.text";
  return R"(
SELECT p.pubname AS publication, n.nspname AS schema, c.relname AS name,
       )" +
         columns + R"( AS columns, )" + row_filter + R"( AS row_filter
  FROM pg_catalog.pg_publication_rel pr
  JOIN pg_catalog.pg_publication p ON p.oid = pr.prpubid
  JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 ORDER BY p.pubname, n.nspname, c.relname)";
}

const std::string k_publication_schemas_sql = R"(
SELECT p.pubname AS publication, n.nspname AS schema
  FROM pg_catalog.pg_publication_namespace pn
  JOIN pg_catalog.pg_publication p ON p.oid = pn.pnpubid
  JOIN pg_catalog.pg_namespace n ON n.oid = pn.pnnspid
 ORDER BY p.pubname, n.nspname)";

} // namespace

std::vector<Publication> read_publications(Session &session) {
  const int version = session.server_version_num();
  std::vector<Publication> publications;
  std::map<std::string, std::size_t> by_name;
  for (const auto &row : session.query(publications_sql(version), {}, "publications")) {
    Publication p;
    p.name = row.text("name");
    p.all_tables = row.boolean("all_tables");
    for (const char *action : {"insert", "update", "delete", "truncate"}) {
      if (row.boolean(std::string{"pub"} + action)) {
        p.actions.emplace_back(action);
      }
    }
    p.via_root = row.boolean("via_root");
    p.generated_columns = row.text("generated_columns");
    by_name.emplace(p.name, publications.size());
    publications.push_back(std::move(p));
  }
  for (const auto &row : session.query(publication_tables_sql(version), {}, "publication tables")) {
    auto it = by_name.find(row.text("publication"));
    if (it != by_name.end()) {
      publications[it->second].tables.push_back(
          {{row.text("schema"), row.text("name")},
           catalog_sql::sorted_string_array(row.optional_text("columns")),
           row.optional_text("row_filter")});
    }
  }
  if (version >= k_first_version_with_filters) {
    for (const auto &row : session.query(k_publication_schemas_sql, {}, "publication schemas")) {
      auto it = by_name.find(row.text("publication"));
      if (it != by_name.end()) {
        publications[it->second].schemas.push_back(row.text("schema"));
      }
    }
  }
  return publications;
}

} // namespace pgparity::core
