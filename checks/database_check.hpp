// The database's own properties (core::DatabaseProperties), which pg_dump without --create does
// not carry, so a faithful restore into a database created beforehand differs until migrate's
// post-restore phase sets them (connection limit, comment) or the user does (privileges):
//   - database.connection_limit_changed (warning): another CONNECTION LIMIT; a lower one refuses
//     the application's connections past it, a higher one loses a protection — neither changes
//     what a query returns; the finding gives the ALTER DATABASE that restores it;
//   - database.public_privilege_changed (warning): PUBLIC's CONNECT or TEMPORARY privilege on
//     one side only. Without it, every role not granted it by name is refused (connections,
//     temporary tables); with it on the target only, every role may. Which role the application
//     uses, and whether the target was hardened on purpose, is the user's call: like the roles
//     themselves (role_setting.role_missing) a warning, naming the roles that hold it;
//   - database.privileges_changed (info): other roles' privileges on the database, as every
//     privilege under --no-acl;
//   - database.comment_changed (info): COMMENT ON DATABASE changes no query.
// A function of two catalogs: nothing here reads a database.
#pragma once

#include "core/catalog.hpp"
#include "report/finding.hpp"

#include <vector>

namespace pgparity::checks {

// Findings of check "database" on the target database's name.
std::vector<report::Finding> check_database_properties(const core::Catalog &source,
                                                       const core::Catalog &target);

} // namespace pgparity::checks
