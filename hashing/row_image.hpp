// The canonical image of a row: the columns both sides share, sorted by name, each as the text
// its type prints under the session's pinned settings (core/session.hpp), and read with COPY.
// Floating-point values are taken by their exact binary value (float8send), because their text
// form changed in PostgreSQL 12 and depends on extra_float_digits. Limits: floats nested inside
// composite, range or geometric values are still compared by their text.
#pragma once

#include <string>
#include <vector>

namespace pgparity::hashing {

struct ImageColumn {
  std::string name;
  std::string type; // format_type() of this side's column
};

// The select-list expression for one column; `quoted_name` is already quoted.
std::string image_expression(const std::string &quoted_name, const std::string &type);

// The select list of the image, `SELECT <expressions>` without FROM: for images of other row
// sources (a materialized view's query, as a subquery).
std::string image_select(const std::vector<ImageColumn> &columns,
                         const std::vector<std::string> &quoted_names);

// The query producing the image of every row of `quoted_table` (schema-qualified, quoted),
// without a WHERE clause: `SELECT … FROM ONLY table`. `columns` in image order; the quoting
// function is the session's.
std::string image_query(const std::vector<ImageColumn> &columns, const std::string &quoted_table,
                        const std::vector<std::string> &quoted_names);

} // namespace pgparity::hashing
