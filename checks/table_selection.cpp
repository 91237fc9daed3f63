#include "checks/table_selection.hpp"

#include <fnmatch.h>

#include <algorithm>

namespace pgparity::checks {

namespace {

bool matches_any(const std::vector<std::string> &patterns, const std::string &name) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string &pattern) {
    return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
  });
}

// Tables whose rows are compared: ordinary tables and leaf partitions.
bool holds_rows(const core::Table &table) { return table.kind == core::TableKind::table; }

} // namespace

bool TableFilter::accepts(const std::string &qualified_name) const {
  if (matches_any(m_exclude, qualified_name)) {
    return false;
  }
  return m_include.empty() || matches_any(m_include, qualified_name);
}

TablePairing pair_tables(const core::Catalog &source, const core::Catalog &target,
                         const TableFilter &filter) {
  TablePairing pairing;
  for (const auto &table : source.tables) {
    const std::string name = table.name.str();
    if (!filter.accepts(name)) {
      continue;
    }
    if (table.kind == core::TableKind::foreign_table) {
      pairing.findings.push_back(report::make_finding(
          "tables", "table.foreign_skipped", name,
          "foreign table: its data lives on another server and is not compared"));
      continue;
    }
    if (!holds_rows(table)) {
      continue;
    }
    const core::Table *other = target.table(table.name);
    if (other != nullptr && holds_rows(*other)) {
      pairing.pairs.push_back({&table, other});
    } else {
      pairing.missing.push_back(&table);
    }
  }
  for (const auto &table : target.tables) {
    if (holds_rows(table) && filter.accepts(table.name.str())) {
      const core::Table *other = source.table(table.name);
      if (other == nullptr || !holds_rows(*other)) {
        pairing.extra.push_back(&table);
      }
    }
  }
  return pairing;
}

} // namespace pgparity::checks
