#include "checks/inventory.hpp"

#include "hashing/chunk_key.hpp"

#include <algorithm>

namespace pgparity::checks {

namespace {

std::string inventory_kind(const core::Table &table) {
  if (table.kind == core::TableKind::partitioned_table) {
    return "partitioned";
  }
  if (table.kind == core::TableKind::foreign_table) {
    return "foreign";
  }
  return table.partition_of ? "partition" : "table";
}

report::InventoryCounts count_objects(const core::Catalog &catalog) {
  report::InventoryCounts counts;
  counts.schemas = catalog.schemas.size();
  counts.tables = catalog.tables.size();
  for (const auto &table : catalog.tables) {
    counts.partitioned_tables += table.kind == core::TableKind::partitioned_table ? 1U : 0U;
    counts.partitions += table.partition_of ? 1U : 0U;
  }
  const auto materialized = static_cast<std::size_t>(std::count_if(
      catalog.views.begin(), catalog.views.end(), [](const auto &v) { return v.materialized; }));
  counts.views = catalog.views.size() - materialized;
  counts.materialized_views = materialized;
  counts.indexes = catalog.indexes.size();
  counts.constraints = catalog.constraints.size();
  counts.sequences = catalog.sequences.size();
  counts.functions = catalog.functions.size();
  counts.triggers = catalog.triggers.size();
  counts.enum_types = catalog.enums.size();
  counts.domains = catalog.domains.size();
  counts.composite_types = catalog.composite_types.size();
  return counts;
}

} // namespace

report::Inventory take_inventory(const core::Catalog &catalog, std::string url) {
  report::Inventory inventory;
  inventory.url = std::move(url);
  inventory.server = catalog.server;
  inventory.counts = count_objects(catalog);
  inventory.extensions = catalog.extensions;
  for (const auto &table : catalog.tables) {
    report::InventoryTable entry;
    entry.name = table.name.str();
    entry.kind = inventory_kind(table);
    entry.persistence = core::to_string(table.persistence);
    if (table.partition_of) {
      entry.partition_of = table.partition_of->str();
    }
    entry.partitions = catalog.partitions_of(table.name).size();
    entry.estimated_rows = table.estimated_rows;
    entry.size_bytes = table.size_bytes;
    entry.columns = table.columns.size();
    const auto indexes = catalog.indexes_on(table.name);
    entry.indexes = indexes.size();
    if (auto key = hashing::choose_chunk_key(table, indexes)) {
      entry.chunk_key = key->columns;
      entry.chunk_key_index = key->index;
    }
    inventory.tables.push_back(std::move(entry));
  }
  return inventory;
}

} // namespace pgparity::checks
