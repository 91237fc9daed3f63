#include "hashing/row_image.hpp"

namespace pgparity::hashing {

std::string image_expression(const std::string &quoted_name, const std::string &type) {
  if (type == "double precision" || type == "real") {
    return "pg_catalog.float8send(" + quoted_name + "::pg_catalog.float8)";
  }
  if (type == "double precision[]" || type == "real[]") {
    return "pg_catalog.array_send(" + quoted_name + "::pg_catalog.float8[])";
  }
  return quoted_name;
}

std::string image_select(const std::vector<ImageColumn> &columns,
                         const std::vector<std::string> &quoted_names) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    sql += (i == 0 ? "" : ", ") + image_expression(quoted_names[i], columns[i].type);
  }
  return sql;
}

std::string image_query(const std::vector<ImageColumn> &columns, const std::string &quoted_table,
                        const std::vector<std::string> &quoted_names) {
  return image_select(columns, quoted_names) + " FROM ONLY " + quoted_table;
}

} // namespace pgparity::hashing
