// The post-restore phase of `migrate`: ANALYZE on the target (pg_restore leaves no planner
// statistics); only when asked (--fix-sequences), moving every target sequence past both the
// source's position and the maximum of its columns (a descending sequence is moved down); then
// the settings pg_dump without --create leaves behind: the source database's own
// (ALTER DATABASE … SET) set on the target database, and its roles' settings in it
// (ALTER ROLE … IN DATABASE … SET) for every role that exists on the target, and the source
// database's CONNECTION LIMIT and comment (its privileges are left to the target, as
// --no-acl leaves every grant). A role missing on the target, or a statement the target
// refuses, is a finding (database_setting.not_applied, role_setting.not_applied,
// database.not_applied), not a failure: the verification then judges what is missing.
// These, with the restore itself, are the only writes migrate makes; each statement is logged.
#pragma once

#include "core/connection_string.hpp"
#include "core/log.hpp"
#include "report/finding.hpp"

#include <string>
#include <vector>

namespace pgparity::migrate {

struct PostRestoreResult {
  std::vector<std::string> statements;   // what ran on the target, in order
  std::vector<report::Finding> findings; // settings and properties not applied
};

// Runs ANALYZE, the sequence fixes when `fix_sequences`, then the settings. Throws QueryError
// or ConnectionError naming the side when a statement other than a setting's fails.
PostRestoreResult post_restore(const core::ConnectionString &source,
                               const core::ConnectionString &target, bool fix_sequences,
                               const core::Log &log);

} // namespace pgparity::migrate
