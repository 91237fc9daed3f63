#include "core/result_set.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <charconv>

namespace pgparity::core {

std::size_t ResultRow::index_of(std::string_view column) const {
  auto it = std::find(m_columns->begin(), m_columns->end(), column);
  if (it == m_columns->end()) {
    throw InternalError("query result has no column " + std::string{column});
  }
  return static_cast<std::size_t>(it - m_columns->begin());
}

bool ResultRow::is_null(std::string_view column) const {
  return !m_values[index_of(column)].has_value();
}

const std::optional<std::string> &ResultRow::optional_text(std::string_view column) const {
  return m_values[index_of(column)];
}

const std::string &ResultRow::text(std::string_view column) const {
  const auto &value = optional_text(column);
  if (!value) {
    throw InternalError("unexpected null in query result column " + std::string{column});
  }
  return *value;
}

std::optional<std::int64_t> ResultRow::optional_integer(std::string_view column) const {
  const auto &value = optional_text(column);
  if (!value) {
    return std::nullopt;
  }
  std::int64_t parsed = 0;
  auto [end, error] = std::from_chars(value->data(), value->data() + value->size(), parsed);
  if (error != std::errc{} || end != value->data() + value->size()) {
    throw InternalError("query result column " + std::string{column} +
                        " is not an integer: " + *value);
  }
  return parsed;
}

std::int64_t ResultRow::integer(std::string_view column) const {
  auto value = optional_integer(column);
  if (!value) {
    throw InternalError("unexpected null in query result column " + std::string{column});
  }
  return *value;
}

double ResultRow::real(std::string_view column) const {
  const std::string &value = text(column);
  try {
    return std::stod(value);
  } catch (const std::exception &) {
    throw InternalError("query result column " + std::string{column} +
                        " is not a number: " + value);
  }
}

bool ResultRow::boolean(std::string_view column) const { return text(column) == "t"; }

} // namespace pgparity::core
