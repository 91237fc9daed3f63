// The post-restore phase of `migrate`: ANALYZE on the target (pg_restore leaves no planner
// statistics), and, only when asked (--fix-sequences), moving every target sequence past both
// the source's position and the maximum of its columns. These, with the restore itself, are the
// only writes migrate makes; each statement is logged. A descending sequence is moved down.
#pragma once

#include "core/connection_string.hpp"
#include "core/log.hpp"

#include <string>
#include <vector>

namespace pgparity::migrate {

struct PostRestoreResult {
  std::vector<std::string> statements; // what ran on the target, in order
};

// Runs ANALYZE, then the sequence fixes when `fix_sequences`. Throws QueryError or
// ConnectionError naming the side when a statement fails.
PostRestoreResult post_restore(const core::ConnectionString &source,
                               const core::ConnectionString &target, bool fix_sequences,
                               const core::Log &log);

} // namespace pgparity::migrate
