// Finding pg_dump and pg_restore for `migrate`: from --pg-bin, else the newest of Debian's
// /usr/lib/postgresql/<major>/bin, else PATH; and checking they are new enough for the source
// (pg_dump refuses a server newer than itself).
#pragma once

#include <string>

namespace pgparity::migrate {

struct ClientTools {
  std::string pg_dump; // path
  std::string pg_restore;
  int major = 0;       // of pg_dump, e.g. 15
  std::string release; // of pg_dump, e.g. "15.18"
  std::string version; // "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
};

// Locates both programs (in `pg_bin` when not empty) and reads pg_dump's version. Throws
// ConfigError naming the program when one is missing or does not run.
ClientTools find_client_tools(const std::string &pg_bin);

// The major version in `server_version_num` (150004 → 15; 90624 → 9).
int major_of(int server_version_num);

} // namespace pgparity::migrate
