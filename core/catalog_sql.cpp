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

std::string function_text(std::string_view column) {
  return "(NULLIF(" + std::string{column} +
         "::pg_catalog.oid, 0)::pg_catalog.regprocedure)::pg_catalog.text";
}

std::string operator_text(std::string_view column) {
  return "(NULLIF(" + std::string{column} +
         "::pg_catalog.oid, 0)::pg_catalog.regoperator)::pg_catalog.text";
}

std::string type_text(std::string_view column) {
  const std::string c{column};
  return "(CASE WHEN " + c + " <> 0 THEN pg_catalog.format_type(" + c + ", NULL) END)";
}

std::string acl_text(std::string_view column) {
  return "(SELECT pg_catalog.string_agg(item::pg_catalog.text, ',' ORDER BY "
         "item::pg_catalog.text) FROM pg_catalog.unnest(" +
         std::string{column} + ") AS item)";
}

std::vector<CatalogObject> catalog_objects(const ResultSet &rows) {
  std::vector<CatalogObject> objects;
  for (const auto &row : rows) {
    CatalogObject object{row.text("identity"), {}};
    const auto &columns = row.columns();
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] != "identity") {
        object.properties.emplace_back(columns[i], row.value(i).value_or("none"));
      }
    }
    objects.push_back(std::move(object));
  }
  return objects;
}

} // namespace pgparity::core::catalog_sql
