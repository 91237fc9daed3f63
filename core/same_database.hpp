// Whether two connection strings reach one and the same database. Comparing a database with
// itself proves nothing, and restoring over it destroys the source, so every command refuses it.
// Physical clones (a snapshot restore, a fork, a promoted replica) share the system identifier
// and the database OID, so those cannot decide it: instead a probe session on the source carries
// a marker in its application_name, and the target is asked whether a session with that marker
// is one of its own (pg_stat_activity shows every session's application_name and database to
// every role). Behind a connection pooler that hides the server's sessions, the probe cannot see
// the marker and the two are taken to be different.
#pragma once

#include "core/connection_string.hpp"

namespace pgparity::core {

enum class Sameness {
  different_servers, // the target cannot see the source's probe session
  same_server,       // one server instance, two different databases
  same_database,     // one server instance, one database
};

// Connects once to each side (read-only) and tells how `source` and `target` relate. Throws as
// Session does when a side cannot be reached.
Sameness compare_endpoints(const ConnectionString &source, const ConnectionString &target);

// Throws ConfigError naming both redacted URLs when they reach the same database.
void refuse_same_database(const ConnectionString &source, const ConnectionString &target);

} // namespace pgparity::core
