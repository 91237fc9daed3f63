#include "core/connect.hpp"

#include "core/redact.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <optional>
#include <regex>

namespace pgparity::core {

namespace {

using Clock = std::chrono::steady_clock;

// SQLSTATE classes and codes a user fixes in the connection string: 28 invalid authorization
// (password, pg_hba.conf, "no encryption"), 3D000 unknown database, 42501 no CONNECT privilege,
// 55000 a database not accepting connections.
bool refusal_to_fix(const std::string &sqlstate) {
  return sqlstate.rfind("28", 0) == 0 || sqlstate == "3D000" || sqlstate == "42501" ||
         sqlstate == "55000";
}

// Every status after the transport connection was made: some server answered.
bool past_transport(ConnStatusType status) {
  switch (status) {
  case CONNECTION_OK:
  case CONNECTION_BAD:
  case CONNECTION_STARTED:
  case CONNECTION_NEEDED:
    return false;
  default:
    return true;
  }
}

// libpq's connect_timeout for this connection (its own rule: at least 2 seconds; 0 or unset
// means wait for ever). Asynchronous connecting leaves the timeout to the caller.
std::optional<std::chrono::seconds> connect_timeout_of(PGconn *connection) {
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options{PQconninfo(connection),
                                                                       &PQconninfoFree};
  for (const PQconninfoOption *option = options.get(); option && option->keyword; ++option) {
    if (std::string_view{option->keyword} == "connect_timeout" && option->val != nullptr) {
      const long seconds = std::strtol(option->val, nullptr, 10);
      if (seconds > 0) {
        return std::chrono::seconds{std::max(seconds, 2L)};
      }
    }
  }
  return std::nullopt;
}

// Drives the attempt to its end, noting how far it got. True when connected.
bool complete(PGconn *connection, ConnectAttempt &attempt) {
  const auto timeout = connect_timeout_of(connection);
  const auto deadline = timeout ? Clock::now() + *timeout : Clock::time_point::max();
  PostgresPollingStatusType polling = PGRES_POLLING_WRITING;
  while (true) {
    attempt.server_answered = attempt.server_answered || past_transport(PQstatus(connection));
    if (PQstatus(connection) == CONNECTION_BAD || polling == PGRES_POLLING_FAILED) {
      return false;
    }
    if (polling == PGRES_POLLING_OK) {
      return true;
    }
    pollfd wait{PQsocket(connection),
                polling == PGRES_POLLING_READING ? short{POLLIN} : short{POLLOUT}, 0};
    int milliseconds = -1;
    if (timeout) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) {
        attempt.timed_out = true;
        return false;
      }
      milliseconds = static_cast<int>(std::min<long long>(left.count(), 1000));
    }
    if (wait.fd >= 0 && ::poll(&wait, 1, milliseconds) == 0) {
      continue; // nothing yet: look at the clock again
    }
    polling = PQconnectPoll(connection);
  }
}

std::string first_line(std::string text) {
  text.erase(std::find(text.begin(), text.end(), '\n'), text.end());
  return text;
}

// libpq's message without the SQLSTATE it was asked to include, which is shown apart.
std::string readable(const std::string &text) {
  static const std::regex k_state{R"(([A-Z]+):  [0-9A-Z]{5}: )"};
  return std::regex_replace(first_line(text), k_state, "$1:  ");
}

} // namespace

ErrorKind connect_failure_kind(const ConnectAttempt &attempt) {
  if (attempt.timed_out) {
    return ErrorKind::connection;
  }
  if (!attempt.sqlstate.empty()) {
    return refusal_to_fix(attempt.sqlstate) ? ErrorKind::config : ErrorKind::connection;
  }
  // Answered without a SQLSTATE: the client gave up on what the server offered (TLS not
  // supported, a certificate that does not verify, an authentication method not allowed).
  return attempt.server_answered ? ErrorKind::config : ErrorKind::connection;
}

std::string sqlstate_in_connect_error(std::string_view text) {
  static const std::regex k_state{R"((?:FATAL|ERROR|PANIC):  ([0-9A-Z]{5}): )"};
  std::string found;
  const std::string copy{text};
  for (auto it = std::sregex_iterator(copy.begin(), copy.end(), k_state);
       it != std::sregex_iterator(); ++it) {
    found = (*it)[1].str();
  }
  return found;
}

pg_conn *open_connection(const ConnectionString &url) {
  PGconn *connection = PQconnectStart(url.libpq_text().c_str());
  if (connection == nullptr) {
    throw ConnectionError(url.side() + ": cannot connect to " + url.redacted() + ": out of memory");
  }
  // Before the attempt goes on, so a refusing server's SQLSTATE lands in the error text.
  PQsetErrorVerbosity(connection, PQERRORS_VERBOSE);
  ConnectAttempt attempt;
  if (complete(connection, attempt)) {
    return connection;
  }
  const std::string text =
      attempt.timed_out ? std::string{"timeout expired"} : std::string{PQerrorMessage(connection)};
  PQfinish(connection);
  attempt.sqlstate = sqlstate_in_connect_error(text);
  std::string message = url.side() + ": cannot connect to " + url.redacted() + ": " +
                        redact_secrets(readable(text), url.libpq_text());
  if (!attempt.sqlstate.empty()) {
    message += " [sqlstate " + attempt.sqlstate + "]";
  }
  if (connect_failure_kind(attempt) == ErrorKind::config) {
    throw ConfigError(message, "the " + url.side() +
                                   " server refused the connection: check the user, password, "
                                   "database name and sslmode of the " +
                                   url.side() + " connection string");
  }
  throw ConnectionError(message, "check that the " + url.side() +
                                     " server is running and reachable from here, then run again");
}

} // namespace pgparity::core
