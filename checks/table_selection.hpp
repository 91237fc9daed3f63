// Which tables a comparison covers, and how the two sides' tables pair up. Tables are matched by
// schema and name. Partitioned tables are compared through their leaf partitions (each row is in
// exactly one leaf), so the partitioned parents themselves are not paired; foreign tables hold
// no data here and are skipped with an info finding.
#pragma once

#include "core/catalog.hpp"
#include "report/finding.hpp"

#include <string>
#include <vector>

namespace pgparity::checks {

// --include / --exclude: shell-style patterns (`*`, `?`, `[…]`) on `schema.table`. With no
// include pattern every table is included; an exclude pattern always wins.
class TableFilter {
public:
  TableFilter() = default;
  TableFilter(std::vector<std::string> include, std::vector<std::string> exclude)
      : m_include(std::move(include)), m_exclude(std::move(exclude)) {}

  bool accepts(const std::string &qualified_name) const;

private:
  std::vector<std::string> m_include;
  std::vector<std::string> m_exclude;
};

struct TablePair {
  const core::Table *source = nullptr;
  const core::Table *target = nullptr;
};

struct TablePairing {
  std::vector<TablePair> pairs;             // on both sides, by name
  std::vector<const core::Table *> missing; // only on the source
  std::vector<const core::Table *> extra;   // only on the target
  std::vector<report::Finding> findings;    // skipped tables (info)
};

TablePairing pair_tables(const core::Catalog &source, const core::Catalog &target,
                         const TableFilter &filter);

} // namespace pgparity::checks
