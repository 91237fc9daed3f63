// Extended statistics objects (CREATE STATISTICS).
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

constexpr int k_first_version_with_statistics_target = 130000;

// stxstattarget appeared in PostgreSQL 13 (-1: default); 17 made it NULL for the default.
std::string statistics_sql(int version_num) {
  const std::string target = version_num >= k_first_version_with_statistics_target
                                 ? "COALESCE(s.stxstattarget::pg_catalog.int4, -1)"
                                 : "-1";
  // clang-format off
  return R"(
SELECT n.nspname AS schema, s.stxname AS name, tn.nspname AS table_schema,
       tc.relname AS table_name, pg_catalog.pg_get_statisticsobjdef(s.oid) AS definition,
       )" + target + R"( AS statistics_target
  FROM pg_catalog.pg_statistic_ext s
  JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace
  JOIN pg_catalog.pg_class tc ON tc.oid = s.stxrelid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
 WHERE )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_statistic_ext", "s.oid") + R"(
 ORDER BY n.nspname, s.stxname)";
  // clang-format on
}

} // namespace

std::vector<ExtendedStatistics> read_extended_statistics(Session &session) {
  std::vector<ExtendedStatistics> statistics;
  const auto rows =
      session.query(statistics_sql(session.server_version_num()), {}, "extended statistics");
  for (const auto &row : rows) {
    statistics.push_back({{row.text("schema"), row.text("name")},
                          {row.text("table_schema"), row.text("table_name")},
                          row.text("definition"),
                          static_cast<int>(row.integer("statistics_target"))});
  }
  return statistics;
}

} // namespace pgparity::core
