// Which tables a comparison covers, and how the two sides' tables pair up. Tables are matched by
// schema and name. Partitioned tables are compared through their leaf partitions (each row is in
// exactly one leaf), so the partitioned parents themselves are not paired; foreign tables hold
// no data here and are skipped with an info finding. A table only on the target that descends
// (as a partition or inheritance child, at any depth through tables also only on the target)
// from a table the source has is told apart, whatever its kind: queries on that table reach it.
// Materialized views are paired like tables, by name and under the same patterns: populated on
// both sides, their contents are compared; only on one side, they are missing or extra; not
// populated on a side, their contents cannot be read there and are not compared.
#pragma once

#include "core/catalog.hpp"
#include "report/finding.hpp"

#include <string>
#include <vector>

namespace pgparity::checks {

// --include / --exclude: shell-style patterns (`*`, `?`, `[…]`) on `schema.table`. With no
// include pattern every table is included; an exclude pattern always wins. A pattern naming a
// partitioned table or an INHERITS parent applies to its partitions and children, at every level.
class TableFilter {
public:
  TableFilter() = default;
  TableFilter(std::vector<std::string> include, std::vector<std::string> exclude)
      : m_include(std::move(include)), m_exclude(std::move(exclude)) {}

  // True when no pattern was given: every table is selected.
  bool empty() const noexcept { return m_include.empty() && m_exclude.empty(); }
  // By name alone.
  bool accepts(const std::string &qualified_name) const;
  // `table` of `catalog` by its name or that of any table it descends from (as a partition or
  // INHERITS child, at any depth).
  bool selects(const core::Catalog &catalog, const core::Table &table) const;
  // The patterns that select nothing, as "--include 'pattern'": an include pattern under which
  // no table holding rows falls (by its name or an ancestor's) and no materialized view on the
  // source (one only on the target has nothing to be compared with), an exclude pattern matching
  // no table and no materialized view on either side.
  std::vector<std::string> unmatched_patterns(const core::Catalog &source,
                                              const core::Catalog &target) const;

private:
  std::vector<std::string> m_include;
  std::vector<std::string> m_exclude;
};

struct TablePair {
  const core::Table *source = nullptr;
  const core::Table *target = nullptr;
};

// A table only on the target below a table the source has.
struct ExtraChild {
  const core::Table *table = nullptr;
  core::QualifiedName parent;   // its own parent (partitioned table or INHERITS parent)
  core::QualifiedName ancestor; // the nearest ancestor the source has; `parent` when it has it
};

struct TablePairing {
  // On both sides, by name: tables holding rows, and materialized views populated on both.
  std::vector<TablePair> pairs;
  std::vector<const core::Table *> missing; // only on the source (a table or materialized view)
  std::vector<const core::Table *> extra;   // only on the target, not under a source table
  // Materialized views on both sides but not populated on one or both: not compared.
  std::vector<TablePair> unpopulated;
  // Only on the target, below a table the source has: every such table, of any kind (ordinary,
  // partitioned, foreign), each level of a partitioned partition.
  std::vector<ExtraChild> extra_children;
  // Partitioned tables with no partition yet, on both sides: no leaf carries their columns, so
  // their columns are matched (match_columns) though they hold no rows to compare.
  std::vector<TablePair> leafless;
  // Skipped tables (info); materialized views populated on one side only (view.not_populated).
  std::vector<report::Finding> findings;
};

TablePairing pair_tables(const core::Catalog &source, const core::Catalog &target,
                         const TableFilter &filter);

// Throws ConfigError naming every pattern of `filter` that selects nothing (unmatched_patterns):
// a typo must not turn into "clean, 0 tables compared".
void require_matching_patterns(const core::Catalog &source, const core::Catalog &target,
                               const TableFilter &filter);

} // namespace pgparity::checks
