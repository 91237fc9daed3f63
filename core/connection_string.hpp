// A connection string for one side, in any form libpq accepts (URL, key=value pairs, or empty for
// the PG* environment variables, .pgpass and service files). libpq parses it; pgparity never
// re-implements that. The redacted form is what every log line, error and report shows.
#pragma once

#include <string>

namespace pgparity::core {

class ConnectionString {
public:
  // Parses `text` with libpq. `side` names the database in messages ("source", "target", …).
  // Throws ConfigError (naming the side, never echoing a password) when libpq rejects it.
  static ConnectionString parse(std::string side, std::string text);

  const std::string &side() const noexcept { return m_side; }
  // The text to hand to libpq. May hold a password: never print it.
  const std::string &libpq_text() const noexcept { return m_text; }
  // postgresql://user@host:port/dbname?option=value, password shown as ***, values that the
  // string leaves out taken from the PG* environment where set.
  const std::string &redacted() const noexcept { return m_redacted; }

  // The form for a client program (pg_dump, pg_restore): key='value' pairs without the
  // password, which goes into the child's PGPASSWORD instead, so it never shows in a process
  // listing. Options left to the environment (.pgpass, PG*) stay there.
  struct ForChild {
    std::string conninfo;
    std::string password; // empty when the string has none
  };
  ForChild for_child() const;

private:
  ConnectionString(std::string side, std::string text, std::string redacted)
      : m_side(std::move(side)), m_text(std::move(text)), m_redacted(std::move(redacted)) {}

  std::string m_side;
  std::string m_text;
  std::string m_redacted;
};

} // namespace pgparity::core
