// The steps of the data comparison, shared by `audit` (one pass, data_check.hpp) and `watch`
// (passes over and over, watch_loop.hpp): plan the table pairs and their chunks once, compare
// digests chunk by chunk, and narrow differing chunks down to example rows.
#pragma once

#include "checks/data_check.hpp"
#include "checks/table_selection.hpp"
#include "core/catalog.hpp"
#include "core/snapshot_pool.hpp"
#include "hashing/engine.hpp"
#include "report/audit_report.hpp"

#include <string>
#include <vector>

namespace pgparity::checks {

// What the engine needs for one table pair, and what the report needs back.
struct PlannedTable {
  TablePair pair;
  std::vector<std::string> columns;     // image order
  std::vector<std::string> key_columns; // empty: no usable key
  double estimated_rows = 0;
};

struct DataPlan {
  std::vector<report::Finding> findings;     // tables and columns on one side only, …
  std::vector<report::TableResult> unpaired; // tables missing on / extra on the target
  std::vector<PlannedTable> tables;          // one per job
  std::vector<hashing::TableJob> jobs;       // chunk boundaries sampled from the source
};

// Pairs the tables and columns (dropping options.ignore_columns), builds one job per pair and
// samples chunk boundaries from the source.
DataPlan plan_data(const core::Catalog &source_catalog, const core::Catalog &target_catalog,
                   core::SnapshotPool &source, core::SnapshotPool &target,
                   const DataCheckOptions &options, const hashing::EngineOptions &engine);

// The table's result from its digests; `mismatched` receives the differing chunk indexes.
report::TableResult compare_digests(const PlannedTable &planned,
                                    const hashing::TableDigests &digests,
                                    std::vector<std::size_t> &mismatched);

// Reads the requested chunks again on both sides and puts the differing rows into the results
// (examples) and `findings` (data.row_*); `results[r]` belongs to `requests[r]`.
void localize_rows(const DataPlan &plan, const std::vector<hashing::CollectRequest> &requests,
                   core::SnapshotPool &source, core::SnapshotPool &target,
                   const DataCheckOptions &options, const hashing::EngineOptions &engine,
                   std::vector<report::TableResult *> &results,
                   std::vector<report::Finding> &findings);

} // namespace pgparity::checks
