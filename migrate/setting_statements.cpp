#include "migrate/setting_statements.hpp"
#include "core/sql_quote.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace pgparity::migrate {

namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string lowercase(std::string_view text) {
  std::string out{text};
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// A string literal, valid whatever standard_conforming_strings is: E'…' with backslashes doubled
// when the text holds one, '…' otherwise; quotes doubled.
std::string quoted_literal(std::string_view text) {
  const bool escape = text.find('\\') != std::string_view::npos;
  std::string out = escape ? "E'" : "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "''";
    } else if (c == '\\') {
      out += "\\\\";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// The value part of SET name TO …, as pg_dump's makeAlterConfigCommand writes it.
std::string value_sql(const core::Setting &setting) {
  if (is_quoted_list_setting(setting.name)) {
    if (const auto elements = split_quoted_list(setting.value); elements && !elements->empty()) {
      std::string sql;
      for (const auto &element : *elements) {
        sql += (sql.empty() ? "" : ", ") + quoted_literal(element);
      }
      return sql;
    }
  }
  return quoted_literal(setting.value);
}

std::string set_clause(const core::Setting &setting) {
  return " SET " + core::quoted_identifier(setting.name) + " TO " + value_sql(setting) + ";";
}

} // namespace

bool is_quoted_list_setting(std::string_view name) {
  static constexpr std::array<std::string_view, 6> k_names{
      "local_preload_libraries",  "search_path",      "session_preload_libraries",
      "shared_preload_libraries", "temp_tablespaces", "unix_socket_directories"};
  const std::string lower = lowercase(name);
  return std::find(k_names.begin(), k_names.end(), lower) != k_names.end();
}

std::optional<std::vector<std::string>> split_quoted_list(std::string_view value) {
  std::vector<std::string> elements;
  std::size_t i = 0;
  const auto skip_spaces = [&] {
    while (i < value.size() && is_space(value[i])) {
      ++i;
    }
  };
  skip_spaces();
  if (i == value.size()) {
    return elements;
  }
  for (;;) {
    std::string element;
    if (i < value.size() && value[i] == '"') {
      ++i;
      for (;;) {
        if (i == value.size()) {
          return std::nullopt; // unterminated quote
        }
        if (value[i] == '"') {
          if (i + 1 < value.size() && value[i + 1] == '"') {
            element += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        element += value[i++];
      }
    } else {
      const std::size_t begin = i;
      while (i < value.size() && value[i] != ',' && !is_space(value[i])) {
        ++i;
      }
      if (i == begin) {
        return std::nullopt; // empty unquoted element
      }
      element = std::string{value.substr(begin, i - begin)};
    }
    elements.push_back(std::move(element));
    skip_spaces();
    if (i == value.size()) {
      return elements;
    }
    if (value[i] != ',') {
      return std::nullopt;
    }
    ++i;
    skip_spaces();
  }
}

std::string set_database_setting(const std::string &database, const core::Setting &setting) {
  return "ALTER DATABASE " + core::quoted_identifier(database) + set_clause(setting);
}

std::string set_role_setting(const std::string &role, const std::string &database,
                             const core::Setting &setting) {
  return "ALTER ROLE " + core::quoted_identifier(role) + " IN DATABASE " +
         core::quoted_identifier(database) + set_clause(setting);
}

std::string set_connection_limit(const std::string &database, int limit) {
  return "ALTER DATABASE " + core::quoted_identifier(database) + " CONNECTION LIMIT " +
         std::to_string(limit) + ";";
}

std::string set_database_comment(const std::string &database, const std::string &comment) {
  return "COMMENT ON DATABASE " + core::quoted_identifier(database) + " IS " +
         quoted_literal(comment) + ";";
}

} // namespace pgparity::migrate
