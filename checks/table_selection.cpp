#include "checks/table_selection.hpp"

#include "core/error.hpp"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>
#include <optional>

namespace pgparity::checks {

namespace {

bool matches_any(const std::vector<std::string> &patterns, const std::string &name) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string &pattern) {
    return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
  });
}

// Tables whose rows are compared: ordinary tables and leaf partitions.
bool holds_rows(const core::Table &table) { return table.kind == core::TableKind::table; }

// A partitioned table with no partition yet: no leaf stands for it, so it is paired (and found
// missing or extra) itself, like a table.
bool stands_for_itself(const core::Catalog &catalog, const core::Table &table) {
  return table.kind == core::TableKind::partitioned_table &&
         catalog.partitions_of(table.name).empty();
}

// The parents of `table` in `catalog`: its partitioned table, then its INHERITS parents.
std::vector<core::QualifiedName> parents(const core::Table &table) {
  std::vector<core::QualifiedName> names;
  if (table.partition_of) {
    names.push_back(*table.partition_of);
  }
  names.insert(names.end(), table.inherits.begin(), table.inherits.end());
  return names;
}

// `table` and every table it descends from (partitioned tables it is a partition of, INHERITS
// parents), at every level, nearest first.
std::vector<const core::Table *> lineage(const core::Catalog &catalog, const core::Table &table) {
  std::vector<const core::Table *> tables{&table};
  for (std::size_t i = 0; i < tables.size() && tables.size() <= catalog.tables.size(); ++i) {
    for (const auto &name : parents(*tables[i])) {
      const core::Table *parent = catalog.table(name);
      if (parent != nullptr && std::find(tables.begin(), tables.end(), parent) == tables.end()) {
        tables.push_back(parent);
      }
    }
  }
  return tables;
}

bool lineage_matches(const std::vector<std::string> &patterns, const core::Catalog &catalog,
                     const core::Table &table) {
  const auto tables = lineage(catalog, table);
  return std::any_of(tables.begin(), tables.end(),
                     [&](const core::Table *t) { return matches_any(patterns, t->name.str()); });
}

// For a table only on the target: the parent through which it descends from a table the source
// has, and that table, walking up through parents that are themselves only on the target (a
// partitioned partition, a child of a child). Absent when no ancestor is on the source.
std::optional<ExtraChild> source_ancestry(const core::Table &table, const core::Catalog &source,
                                          const core::Catalog &target, std::size_t depth = 0) {
  if (depth > target.tables.size()) {
    return std::nullopt; // a cycle: pg_inherits forbids it, but never loop
  }
  const auto names = parents(table);
  for (const auto &parent : names) {
    if (source.table(parent) != nullptr) {
      return ExtraChild{&table, parent, parent};
    }
  }
  for (const auto &parent : names) {
    if (const core::Table *above = target.table(parent)) {
      if (auto found = source_ancestry(*above, source, target, depth + 1)) {
        return ExtraChild{&table, parent, found->ancestor};
      }
    }
  }
  return std::nullopt;
}

// A materialized view populated on one side only: queries on it fail on the other.
report::Finding not_populated_finding(const core::Table &source, const core::Table &target) {
  return report::make_finding(
      "schema", "view.not_populated", source.name.str(),
      fmt::format("materialized view is not populated on the {}: its queries fail there "
                  "(REFRESH MATERIALIZED VIEW); contents not compared",
                  source.populated ? "target" : "source"),
      {{"populated_source", source.populated}, {"populated_target", target.populated}});
}

// Materialized views by name under `filter` (they have no parents): populated on both sides,
// a pair; else not populated on a side, or on one side only.
void pair_materialized_views(const core::Catalog &source, const core::Catalog &target,
                             const TableFilter &filter, TablePairing &pairing) {
  for (const auto &view : source.materialized_views) {
    if (!filter.accepts(view.name.str())) {
      continue;
    }
    const core::Table *other = target.materialized_view(view.name);
    if (other == nullptr) {
      pairing.missing.push_back(&view);
    } else if (view.populated && other->populated) {
      pairing.pairs.push_back({&view, other});
    } else {
      pairing.unpopulated.push_back({&view, other});
      if (view.populated != other->populated) {
        pairing.findings.push_back(not_populated_finding(view, *other));
      }
    }
  }
  for (const auto &view : target.materialized_views) {
    if (filter.accepts(view.name.str()) && source.materialized_view(view.name) == nullptr) {
      pairing.extra.push_back(&view);
    }
  }
}

bool any_view_matches(const std::string &pattern, const core::Catalog &catalog) {
  return std::any_of(
      catalog.materialized_views.begin(), catalog.materialized_views.end(),
      [&](const core::Table &view) { return matches_any({pattern}, view.name.str()); });
}

} // namespace

bool TableFilter::accepts(const std::string &qualified_name) const {
  if (matches_any(m_exclude, qualified_name)) {
    return false;
  }
  return m_include.empty() || matches_any(m_include, qualified_name);
}

bool TableFilter::selects(const core::Catalog &catalog, const core::Table &table) const {
  if (lineage_matches(m_exclude, catalog, table)) {
    return false;
  }
  return m_include.empty() || lineage_matches(m_include, catalog, table);
}

std::vector<std::string> TableFilter::unmatched_patterns(const core::Catalog &source,
                                                         const core::Catalog &target) const {
  std::vector<std::string> unmatched;
  for (const auto &pattern : m_include) {
    const auto selects_rows = [&]() {
      return std::any_of(source.tables.begin(), source.tables.end(), [&](const auto &t) {
        return holds_rows(t) && lineage_matches({pattern}, source, t);
      });
    };
    if (!selects_rows() && !any_view_matches(pattern, source)) { // nothing to compare it with
      unmatched.push_back("--include '" + pattern + "'");
    }
  }
  for (const auto &pattern : m_exclude) {
    const auto matches = [&](const core::Catalog &catalog) {
      return std::any_of(catalog.tables.begin(), catalog.tables.end(),
                         [&](const auto &t) { return matches_any({pattern}, t.name.str()); });
    };
    if (!matches(source) && !matches(target) && !any_view_matches(pattern, source) &&
        !any_view_matches(pattern, target)) {
      unmatched.push_back("--exclude '" + pattern + "'");
    }
  }
  return unmatched;
}

void require_matching_patterns(const core::Catalog &source, const core::Catalog &target,
                               const TableFilter &filter) {
  const auto unmatched = filter.unmatched_patterns(source, target);
  if (unmatched.empty()) {
    return;
  }
  std::string list;
  for (const auto &pattern : unmatched) {
    list += (list.empty() ? "" : ", ") + pattern;
  }
  throw ConfigError(list + (unmatched.size() == 1 ? " selects" : " select") +
                    " nothing: an include must match a table (or materialized view) on the source, "
                    "an exclude one on either side (patterns match schema.table, as stored)");
}

TablePairing pair_tables(const core::Catalog &source, const core::Catalog &target,
                         const TableFilter &filter) {
  TablePairing pairing;
  for (const auto &table : source.tables) {
    const std::string name = table.name.str();
    if (!filter.selects(source, table)) {
      continue;
    }
    if (table.kind == core::TableKind::foreign_table) {
      pairing.findings.push_back(report::make_finding(
          "tables", "table.foreign_skipped", name,
          "foreign table: its data lives on another server and is not compared"));
      continue;
    }
    if (stands_for_itself(source, table)) {
      const core::Table *other = target.table(table.name);
      if (other == nullptr) {
        pairing.missing.push_back(&table);
      } else if (stands_for_itself(target, *other)) {
        pairing.leafless.push_back({&table, other});
      }
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
    if (!filter.selects(target, table)) {
      continue;
    }
    const core::Table *other = source.table(table.name);
    // Under a table the source has, whatever it holds (a foreign or a partitioned partition
    // too): queries on that table reach it.
    if (other == nullptr) {
      if (auto child = source_ancestry(table, source, target)) {
        pairing.extra_children.push_back(*child);
        continue;
      }
    }
    if (holds_rows(table) && (other == nullptr || !holds_rows(*other))) {
      pairing.extra.push_back(&table);
    } else if (other == nullptr && stands_for_itself(target, table)) {
      pairing.extra.push_back(&table);
    }
  }
  pair_materialized_views(source, target, filter, pairing);
  return pairing;
}

} // namespace pgparity::checks
