// Opening a libpq connection, and telling why one could not be opened. libpq reports connection
// failures as text only; this module decides by cause instead: how far the attempt got (did any
// server answer?) and, when a server refused, the SQLSTATE it sent, which libpq includes in the
// text when asked for verbose errors before the attempt starts. Internal to core/.
#pragma once

#include "core/connection_string.hpp"
#include "core/error.hpp"

#include <string>
#include <string_view>

struct pg_conn; // libpq's PGconn

namespace pgparity::core {

// What an attempt that failed had reached.
struct ConnectAttempt {
  bool server_answered = false; // a transport connection was made to some server
  bool timed_out = false;       // connect_timeout ran out
  std::string sqlstate;         // sent by the server that refused, or empty
};

// The kind of error a failed attempt is: config when a server answered and refused (wrong
// credentials, unknown database, pg_hba.conf, TLS requirements: the user must change the
// connection string), connection when no server answered, it timed out, or the refusal is
// transient (too many connections, starting up, shutting down: running again may work).
ErrorKind connect_failure_kind(const ConnectAttempt &attempt);

// The SQLSTATE in a libpq connection error written with verbose errors ("FATAL:  28P01: …"),
// the last one when several hosts were tried; empty when there is none.
std::string sqlstate_in_connect_error(std::string_view text);

// Connects to `url`, waiting at most its connect_timeout in all. Returns an open PGconn the
// caller owns (PQfinish). Throws ConfigError or ConnectionError, as connect_failure_kind decides,
// naming the side and the redacted URL, never a password.
pg_conn *open_connection(const ConnectionString &url);

} // namespace pgparity::core
