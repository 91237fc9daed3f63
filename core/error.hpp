// The error family of pgparity. A failure to check something is an exception of one of these
// kinds; a difference found is never an exception (it is a Finding). cli/ turns the kind into
// an exit code. Messages are lowercase, name the side and the object, never hold a password,
// and may carry a hint shown on its own line.
#pragma once

#include <stdexcept>
#include <string>

namespace pgparity {

enum class ErrorKind {
  config,     // the user's input is wrong: a malformed URL, bad credentials, an unknown database
  connection, // a server could not be reached or the connection broke
  query,      // a statement failed: missing permission, timeout, an unexpected server error
  internal,   // a bug in pgparity
};

// Base of every error pgparity throws on purpose.
class Error : public std::runtime_error {
public:
  Error(ErrorKind kind, const std::string &message, std::string hint = {});

  ErrorKind kind() const noexcept { return m_kind; }
  // Advice for the user, or empty.
  const std::string &hint() const noexcept { return m_hint; }

private:
  ErrorKind m_kind;
  std::string m_hint;
};

class ConfigError : public Error {
public:
  explicit ConfigError(const std::string &message, std::string hint = {})
      : Error(ErrorKind::config, message, std::move(hint)) {}
};

class ConnectionError : public Error {
public:
  explicit ConnectionError(const std::string &message, std::string hint = {})
      : Error(ErrorKind::connection, message, std::move(hint)) {}
};

// A session bound to an exported snapshot can no longer read in it (the exporting transaction
// ended, so the snapshot cannot be adopted again). Reconnecting does not help; what was not read
// before is not verified.
class SnapshotLostError : public ConnectionError {
public:
  explicit SnapshotLostError(const std::string &message, std::string hint = {})
      : ConnectionError(message, std::move(hint)) {}
};

// A failed statement, with the context needed to act on it.
class QueryError : public Error {
public:
  QueryError(const std::string &message, std::string sqlstate, std::string hint = {})
      : Error(ErrorKind::query, message, std::move(hint)), m_sqlstate(std::move(sqlstate)) {}

  // Five-character SQLSTATE from the server, or empty when there is none.
  const std::string &sqlstate() const noexcept { return m_sqlstate; }

private:
  std::string m_sqlstate;
};

class InternalError : public Error {
public:
  explicit InternalError(const std::string &message) : Error(ErrorKind::internal, message) {}
};

// Runs `body` for a command whose comparison has begun: a ConfigError escaping it (a server that
// now refuses the credentials it accepted at the start) becomes a ConnectionError, because
// something was left unverified, and exit 2 would claim that nothing was compared.
template <typename Body> auto once_started(Body &&body) -> decltype(body()) {
  try {
    return body();
  } catch (const ConfigError &e) {
    throw ConnectionError(std::string{e.what()} + " (after the run had started)", e.hint());
  }
}

} // namespace pgparity
