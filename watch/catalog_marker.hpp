// The cheap test watch runs before each pass to tell whether a side's schema may have changed:
// one query digesting the row versions (oid and xmin) of the catalog rows that describe the
// user's schemas, tables, columns, defaults, indexes, constraints and sequences. Any DDL on them
// writes a new row version, so an unchanged marker means the catalog read at the last change
// still holds; a changed one (also after a TRUNCATE, GRANT or VACUUM FULL, which rewrite
// pg_class rows) means reading the catalog again. Reads only.
#pragma once

#include "core/session.hpp"

#include <string>

namespace pgparity::watch {

// The marker of the database `session` is connected to: equal across two calls when none of
// those catalog rows was written in between. Throws as Session::query does.
std::string catalog_marker(core::Session &session);

} // namespace pgparity::watch
