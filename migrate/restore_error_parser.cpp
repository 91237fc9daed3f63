// RestoreErrorParser: pg_restore's stderr, line by line, into RestoreErrors. pg_restore 15 prints
// (with --verbose; without it only the "error:" lines and what follows them):
//
//   pg_restore: creating COMMENT "EXTENSION plpgsql"
//   pg_restore: while PROCESSING TOC:
//   pg_restore: from TOC entry 3465; 0 0 COMMENT EXTENSION plpgsql
//   pg_restore: error: could not execute query: ERROR:  must be owner of extension plpgsql
//   Command was: COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';
//   (two empty lines)
//   pg_restore: processing data for table "public.orders"
//   pg_restore: from TOC entry 3549; 0 16622 TABLE DATA orders postgres
//   pg_restore: error: COPY failed for table "orders": ERROR:  duplicate key value violates …
//   DETAIL:  Key (id)=(1) already exists.
//   CONTEXT:  COPY orders, line 1
//   pg_restore: warning: errors ignored on restore: 13
#include "migrate/restore_errors.hpp"

#include <charconv>
#include <utility>

namespace pgparity::migrate {

namespace {

constexpr std::string_view k_prefix = "pg_restore: ";
constexpr std::string_view k_toc_entry = "from TOC entry ";
constexpr std::string_view k_error = "error: ";
constexpr std::string_view k_ignored = "warning: errors ignored on restore: ";
constexpr std::string_view k_command = "Command was: ";
constexpr std::string_view k_query_failed = "could not execute query: ";
constexpr std::string_view k_copy_failed = "COPY failed for table \"";
constexpr std::string_view k_server_error = "ERROR:  ";
constexpr std::string_view k_processing_data = "processing data for table \"";
// Progress lines that start a new TOC entry: an error after one of them belongs to it.
constexpr std::string_view k_creating = "creating ";
constexpr std::string_view k_executing = "executing ";
// How many "processing data for table" names are kept to qualify a failed COPY's table.
constexpr std::size_t k_remembered_tables = 64;

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' ||
                           text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

void append_line(std::string &text, std::string_view line) {
  if (!text.empty()) {
    text.push_back('\n');
  }
  text.append(line);
}

} // namespace

void RestoreErrorParser::feed(std::string_view line) {
  if (!line.empty() && line.back() == '\r') {
    line.remove_suffix(1);
  }
  if (line.starts_with(k_prefix)) {
    const auto rest = line.substr(k_prefix.size());
    close_error();
    if (rest.starts_with(k_error)) {
      start_error(rest.substr(k_error.size()));
    } else if (rest.starts_with(k_toc_entry)) {
      m_toc_entry = trim_right(rest.substr(k_toc_entry.size()));
    } else if (rest.starts_with(k_ignored)) {
      const auto number = rest.substr(k_ignored.size());
      long count = 0;
      const auto [end, error] =
          std::from_chars(number.data(), number.data() + number.size(), count);
      if (error == std::errc{} && end != number.data()) {
        m_ignored_count = count;
      }
    } else if (rest.starts_with(k_processing_data)) {
      const auto name = rest.substr(k_processing_data.size());
      m_data_tables.emplace_back(name.substr(0, name.rfind('"')));
      if (m_data_tables.size() > k_remembered_tables) {
        m_data_tables.pop_front();
      }
      m_toc_entry.clear();
    } else if (rest.starts_with(k_creating) || rest.starts_with(k_executing)) {
      m_toc_entry.clear();
    }
    return;
  }
  if (!m_current) {
    return;
  }
  if (m_state == State::message && line.starts_with(k_command)) {
    m_state = State::command;
    m_current->command = line.substr(k_command.size());
  } else if (m_state == State::command) {
    m_current->command.append("\n").append(line);
  } else {
    append_line(m_current->detail, line);
  }
}

std::vector<RestoreError> RestoreErrorParser::finish() {
  close_error();
  return std::exchange(m_errors, {});
}

void RestoreErrorParser::start_error(std::string_view text) {
  RestoreError error;
  error.toc_entry = m_toc_entry;
  m_copy_table.clear();
  if (text.starts_with(k_query_failed)) {
    text.remove_prefix(k_query_failed.size());
  } else if (text.starts_with(k_copy_failed)) {
    const auto rest = text.substr(k_copy_failed.size());
    if (const auto end = rest.find("\": "); end != std::string_view::npos) {
      m_copy_table = rest.substr(0, end);
      text = rest.substr(end + 3);
    }
  }
  if (text.starts_with(k_server_error)) {
    text.remove_prefix(k_server_error.size());
  }
  error.message = trim_right(text);
  m_current = std::move(error);
  m_state = State::message;
}

void RestoreErrorParser::close_error() {
  if (!m_current) {
    return;
  }
  RestoreError &error = *m_current;
  error.command = trim_right(error.command);
  error.detail = trim_right(error.detail);
  std::string data_table = m_copy_table;
  if (!m_copy_table.empty()) {
    const std::string suffix = "." + m_copy_table;
    for (auto it = m_data_tables.rbegin(); it != m_data_tables.rend(); ++it) {
      if (it->ends_with(suffix)) {
        data_table = *it;
        break;
      }
    }
  }
  error.object = restore_error_object(error, data_table);
  classify_restore_error(error);
  m_errors.push_back(std::move(error));
  m_current.reset();
  m_copy_table.clear();
  m_state = State::outside;
}

} // namespace pgparity::migrate
