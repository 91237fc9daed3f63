// The statements that set again, on the target, the settings pg_dump leaves behind without
// --create: ALTER DATABASE … SET and ALTER ROLE … IN DATABASE … SET (and the database's
// CONNECTION LIMIT and COMMENT ON DATABASE), built from the settings as
// pg_db_role_setting stores them (`name=value`) so that the target stores the same text. As
// pg_dump does for --create: a setting whose value is a list of quoted names (search_path,
// temp_tablespaces, the *_preload_libraries, unix_socket_directories: GUC_LIST_QUOTE in the
// server) is split into its elements, each given as a string literal (the server quotes each
// again as an identifier where needed); any other value is one string literal. Pure functions:
// names always quoted, literals escaped without depending on standard_conforming_strings.
#pragma once

#include "core/catalog.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgparity::migrate {

// True for a setting whose stored value is a list of names quoted like identifiers.
bool is_quoted_list_setting(std::string_view name);

// A quoted-list value split into its elements as the server's SplitGUCList does (separated by
// commas, surrounding spaces dropped, "double-quoted" elements unquoted with "" as one quote);
// nullopt when the text is not such a list.
std::optional<std::vector<std::string>> split_quoted_list(std::string_view value);

// `ALTER DATABASE "db" SET "name" TO …;`
std::string set_database_setting(const std::string &database, const core::Setting &setting);

// `ALTER ROLE "role" IN DATABASE "db" SET "name" TO …;`
std::string set_role_setting(const std::string &role, const std::string &database,
                             const core::Setting &setting);

// `ALTER DATABASE "db" CONNECTION LIMIT n;` (-1: no limit)
std::string set_connection_limit(const std::string &database, int limit);

// `COMMENT ON DATABASE "db" IS '…';`
std::string set_database_comment(const std::string &database, const std::string &comment);

} // namespace pgparity::migrate
