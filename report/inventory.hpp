// The inventory of one database (`pgparity inventory`): the model and its two renderings, a
// table for people and JSON for scripts. Pure formatting: nothing here touches a database.
#pragma once

#include "core/catalog.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pgparity::report {

struct InventoryTable {
  std::string name;        // schema.table, unquoted
  std::string kind;        // table, partitioned, partition, foreign
  std::string persistence; // permanent, unlogged
  std::optional<std::string> partition_of;
  std::size_t partitions = 0;
  std::optional<double> estimated_rows;
  std::int64_t size_bytes = 0;
  std::size_t columns = 0;
  std::size_t indexes = 0;
  std::vector<std::string> chunk_key; // empty: no key, compared as a whole
  std::string chunk_key_index;
};

struct InventoryCounts {
  std::size_t schemas = 0, tables = 0, partitioned_tables = 0, partitions = 0, views = 0,
              materialized_views = 0, indexes = 0, constraints = 0, sequences = 0, functions = 0,
              triggers = 0, enum_types = 0, domains = 0, composite_types = 0;
};

struct Inventory {
  std::string url; // redacted
  core::ServerInfo server;
  InventoryCounts counts;
  std::vector<core::Extension> extensions;
  std::vector<InventoryTable> tables;
};

// Aligned columns for a terminal: a header line about the database, then one row per table.
std::string render_inventory_text(const Inventory &inventory);
// The inventory as a JSON document (pretty-printed, ending with a newline).
std::string render_inventory_json(const Inventory &inventory);

// 1536 → "1.5 kB"; powers of 1024 with kB, MB, GB, TB.
std::string human_size(std::int64_t bytes);

} // namespace pgparity::report
