// The data comparison of `audit`: pairs the tables of two catalogs, plans chunks, has hashing/
// digest every table on both sides, and turns differences into findings and per-table results,
// narrowing differing chunks down to example rows. A table that cannot be read is
// not_verified, never clean.
#pragma once

#include "checks/table_selection.hpp"
#include "core/catalog.hpp"
#include "core/snapshot_pool.hpp"
#include "hashing/engine.hpp"
#include "report/audit_report.hpp"

#include <cstddef>
#include <utility>
#include <vector>

namespace pgparity::checks {

struct DataCheckOptions {
  std::size_t chunk_rows = 10000;
  std::size_t max_examples = 10;
  bool show_values = false;
  TableFilter filter;
  // Columns left out of the comparison, "schema.table.column" (values each database sets for
  // itself, e.g. a trigger-set timestamp during dual-write).
  std::vector<std::string> ignore_columns;
  int retries = 2;
  hashing::EngineProgress *progress = nullptr; // optional, watched by the caller
  const std::atomic<bool> *stop = nullptr;     // optional: see hashing::EngineOptions::stop
};

struct DataCheckOutcome {
  std::vector<report::Finding> findings;
  std::vector<report::TableResult> tables; // sorted by name
  // Reasons shared by several not_verified tables, each told once (report_not_verified).
  std::vector<std::string> incomplete_reasons;
  std::vector<std::pair<std::string, double>> timings;
};

DataCheckOutcome check_data(const core::Catalog &source_catalog,
                            const core::Catalog &target_catalog, core::SnapshotPool &source,
                            core::SnapshotPool &target, const DataCheckOptions &options);

} // namespace pgparity::checks
