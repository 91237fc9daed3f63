// The rows a query returned, as plain values: no libpq or libpqxx type crosses core/'s boundary.
// Every value is text in the session's canonical output settings, or null.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgparity::core {

// One row. Fields are addressed by the column name the query gave them.
class ResultRow {
public:
  ResultRow(std::shared_ptr<const std::vector<std::string>> columns,
            std::vector<std::optional<std::string>> values)
      : m_columns(std::move(columns)), m_values(std::move(values)) {}

  bool is_null(std::string_view column) const;
  // The value as text; throws InternalError when it is null.
  const std::string &text(std::string_view column) const;
  // The value, or nullopt when null.
  const std::optional<std::string> &optional_text(std::string_view column) const;
  std::int64_t integer(std::string_view column) const;
  std::optional<std::int64_t> optional_integer(std::string_view column) const;
  double real(std::string_view column) const;
  // PostgreSQL's boolean output, `t` or `f`.
  bool boolean(std::string_view column) const;
  // The column names, in the query's order.
  const std::vector<std::string> &columns() const { return *m_columns; }
  // The value of the i-th column (in columns() order), or nullopt when null.
  const std::optional<std::string> &value(std::size_t i) const { return m_values.at(i); }

private:
  std::size_t index_of(std::string_view column) const;

  std::shared_ptr<const std::vector<std::string>> m_columns;
  std::vector<std::optional<std::string>> m_values;
};

using ResultSet = std::vector<ResultRow>;

} // namespace pgparity::core
