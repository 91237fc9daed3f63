// Why a materialized view's contents differ. pg_dump copies no rows of a materialized view:
// pg_restore refreshes it from the restored tables, so a view that was stale on the source (its
// tables changed since its last REFRESH) legitimately differs on the target, which holds the
// fresh result. For the views whose digests differ, and only those (so it stays cheap), the
// view's query (pg_get_viewdef) is run on the source as a plain SELECT inside the source's
// snapshot — never REFRESH, nothing written — digested exactly like the view's rows, and
// compared chunk by chunk with the target's digests already taken. A query whose result depends
// on when or where it runs (now(), random()) cannot tell anything apart: it is said so instead.
#pragma once

#include "checks/data_plan.hpp"
#include "core/catalog.hpp"
#include "core/snapshot_pool.hpp"
#include "hashing/engine.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pgparity::checks {

struct Freshness {
  // The target holds exactly what the view's query returns on the source now.
  bool target_is_fresh = false;
  std::uint64_t fresh_rows = 0;     // rows the query returned on the source
  std::optional<std::string> error; // the query could not be run (then nothing is known)
  // What makes the view's query not repeatable (unrepeatable_parts): when not empty and the
  // target is not fresh, no run of the query can prove or disprove the target's contents.
  std::vector<std::string> unrepeatable;
};

// What in a materialized view's query may give another result at another time or in another
// session, so that two faithful copies refreshed apart legitimately differ: the functions it
// calls that are not immutable (now(), random(), current_setting()…) and the SQL value
// functions it uses (CURRENT_DATE, CURRENT_USER…), sorted. Empty: the query is repeatable.
std::vector<std::string> unrepeatable_parts(const core::View &view);

// The SELECT producing the image of `planned`'s materialized view query on the source: the
// columns of `planned` in its image order, from `definition` (pg_get_viewdef) as a subquery whose
// columns are renamed to the view's own, in order. `quoting` only quotes names.
std::string fresh_image_query(const PlannedTable &planned, const std::string &definition,
                              core::Session &quoting);

// One entry per index of `jobs` (indexes into plan.jobs, each a materialized view), from
// running each view's query on the source and comparing its digests with digests[job].target.
// Source sessions must still be in their snapshot. Never throws for a query that fails: that
// entry's `error` says why.
std::vector<Freshness> judge_freshness(const core::Catalog &source_catalog, const DataPlan &plan,
                                       const std::vector<std::size_t> &jobs,
                                       const std::vector<hashing::TableDigests> &digests,
                                       core::SnapshotPool &source, core::SnapshotPool &target,
                                       const hashing::EngineOptions &engine);

} // namespace pgparity::checks
