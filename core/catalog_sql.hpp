// Pieces shared by the catalog readers: which schemas count as the user's, and decoding of the
// JSON arrays the queries use to return lists (names may hold any character).
#pragma once

#include "core/catalog.hpp"
#include "core/result_set.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pgparity::core::catalog_sql {

// SQL predicate true when the schema named by `column` is a user schema: not pg_catalog,
// information_schema, pg_toast…, pg_temp…, nor Heroku's internal _heroku.
std::string user_schema(std::string_view column);

// SQL predicate true when the relation (`oid_column`, in the schema named by `schema_column`) is
// the user's: in a user schema, or a partition or inheritance child, at any depth, of a table in
// one. Rows of such a descendant reach queries on the user's table whatever its own schema
// (`_heroku` too), so it is never ignored.
std::string user_table(std::string_view schema_column, std::string_view oid_column);

// SQL predicate true when the object (`classid` catalog, `objid` oid expression) belongs to an
// extension.
std::string extension_member(std::string_view catalog, std::string_view objid);

// A JSON array of strings as returned by json_agg(); null (no rows) is an empty list.
std::vector<std::string> string_array(const std::optional<std::string> &json);

// string_array, sorted (byte order): for lists whose order means nothing (options, tags).
std::vector<std::string> sorted_string_array(const std::optional<std::string> &json);

// A JSON array of two-string arrays.
std::vector<std::pair<std::string, std::string>>
string_pair_array(const std::optional<std::string> &json);

// SQL text of a function oid column (regproc, oid): its signature as regprocedure prints it
// (schema-qualified outside pg_catalog under the readers' empty search_path), NULL for 0.
std::string function_text(std::string_view column);

// SQL text of an operator oid column: its signature as regoperator prints it, NULL for 0.
std::string operator_text(std::string_view column);

// SQL text of a type oid column: format_type() without a modifier, NULL for 0.
std::string type_text(std::string_view column);

// SQL text of an aclitem[] column: its items as text, sorted and comma-separated (the order of
// grants is no privilege), NULL for NULL or no item.
std::string acl_text(std::string_view column);

// CatalogObjects from rows whose column `identity` names the object and whose every other column
// is a property, in the query's order (NULL: "none").
std::vector<CatalogObject> catalog_objects(const ResultSet &rows);

} // namespace pgparity::core::catalog_sql
