// Every structural comparison of `audit`: fetches the few facts the catalogs lack (sequence
// columns' maxima, orphan counts, large-object digests), then compares schema objects,
// sequences, indexes, constraints, extensions, large objects and server settings.
#pragma once

#include "checks/structure_facts.hpp"
#include "core/catalog.hpp"
#include "core/snapshot_pool.hpp"
#include "report/finding.hpp"

#include <string>
#include <utility>
#include <vector>

namespace pgparity::checks {

struct StructureOutcome {
  std::vector<report::Finding> findings;
  std::vector<std::string> unverified; // what could not be checked, and why
  std::vector<std::pair<std::string, double>> timings;
};

StructureOutcome check_structure(const core::Catalog &source, const core::Catalog &target,
                                 core::SnapshotPool &source_pool, core::SnapshotPool &target_pool,
                                 const StructureFactOptions &options);

} // namespace pgparity::checks
