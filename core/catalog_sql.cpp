#include "core/catalog_sql.hpp"

#include "core/error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace pgparity::core::catalog_sql {

std::string user_schema(std::string_view column) {
  const std::string c{column};
  return "(" + c +
         " OPERATOR(pg_catalog.<>) ALL (ARRAY['pg_catalog', 'information_schema', "
         "'_heroku']::pg_catalog.name[]) AND " +
         c + " OPERATOR(pg_catalog.!~) '^pg_(toast|temp_)')";
}

std::string user_table(std::string_view schema_column, std::string_view oid_column) {
  return "(" + user_schema(schema_column) + " OR " + std::string{oid_column} +
         " OPERATOR(pg_catalog.=) ANY (ARRAY(WITH RECURSIVE descendant(oid) AS ("
         "SELECT di.inhrelid FROM pg_catalog.pg_inherits di "
         "JOIN pg_catalog.pg_class dp ON dp.oid OPERATOR(pg_catalog.=) di.inhparent "
         "JOIN pg_catalog.pg_namespace dn ON dn.oid OPERATOR(pg_catalog.=) dp.relnamespace "
         "WHERE " +
         user_schema("dn.nspname") +
         " UNION SELECT di.inhrelid FROM pg_catalog.pg_inherits di "
         "JOIN descendant d ON di.inhparent OPERATOR(pg_catalog.=) d.oid) "
         "SELECT oid FROM descendant)))";
}

std::string extension_member(std::string_view catalog, std::string_view objid) {
  return "EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep WHERE dep.classid = "
         "'pg_catalog." +
         std::string{catalog} + "'::pg_catalog.regclass AND dep.objid = " + std::string{objid} +
         " AND dep.deptype = 'e')";
}

static nlohmann::json parse(const std::string &json) {
  try {
    return nlohmann::json::parse(json);
  } catch (const nlohmann::json::exception &e) {
    throw InternalError(std::string{"unexpected list in catalog query result: "} + e.what());
  }
}

std::vector<std::string> string_array(const std::optional<std::string> &json) {
  if (!json) {
    return {};
  }
  return parse(*json).get<std::vector<std::string>>();
}

std::vector<std::string> sorted_string_array(const std::optional<std::string> &json) {
  auto strings = string_array(json);
  std::sort(strings.begin(), strings.end());
  return strings;
}

std::vector<std::pair<std::string, std::string>>
string_pair_array(const std::optional<std::string> &json) {
  std::vector<std::pair<std::string, std::string>> pairs;
  if (json) {
    for (const auto &item : parse(*json)) {
      pairs.emplace_back(item.at(0).get<std::string>(), item.at(1).get<std::string>());
    }
  }
  return pairs;
}

} // namespace pgparity::core::catalog_sql
