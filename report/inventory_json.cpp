#include "report/inventory.hpp"

#include <nlohmann/json.hpp>

namespace pgparity::report {

namespace {

nlohmann::ordered_json optional_json(const std::optional<std::string> &value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json table_json(const InventoryTable &table) {
  nlohmann::ordered_json json{{"name", table.name},
                              {"kind", table.kind},
                              {"persistence", table.persistence},
                              {"partition_of", optional_json(table.partition_of)},
                              {"partitions", table.partitions},
                              {"estimated_rows", nullptr},
                              {"size_bytes", table.size_bytes},
                              {"columns", table.columns},
                              {"indexes", table.indexes},
                              {"chunk_key", nullptr},
                              {"chunk_key_index", nullptr}};
  if (table.estimated_rows) {
    json["estimated_rows"] = *table.estimated_rows;
  }
  if (!table.chunk_key.empty()) {
    json["chunk_key"] = table.chunk_key;
    json["chunk_key_index"] = table.chunk_key_index;
  }
  return json;
}

} // namespace

std::string render_inventory_json(const Inventory &inventory) {
  const auto &server = inventory.server;
  const auto &c = inventory.counts;
  nlohmann::ordered_json json{
      {"tool", "pgparity"},
      {"version", PGPARITY_VERSION},
      {"command", "inventory"},
      {"database",
       {{"url", inventory.url},
        {"name", server.database},
        {"server_version", server.version},
        {"server_version_num", server.version_num},
        {"encoding", server.encoding},
        {"collate", server.collate},
        {"ctype", server.ctype},
        {"locale_provider", server.locale_provider},
        {"collation_version", optional_json(server.collation_version)},
        {"actual_collation_version", optional_json(server.actual_collation_version)},
        {"large_objects", server.large_object_count}}},
      {"counts",
       {{"schemas", c.schemas},
        {"tables", c.tables},
        {"partitioned_tables", c.partitioned_tables},
        {"partitions", c.partitions},
        {"views", c.views},
        {"materialized_views", c.materialized_views},
        {"indexes", c.indexes},
        {"constraints", c.constraints},
        {"sequences", c.sequences},
        {"functions", c.functions},
        {"triggers", c.triggers},
        {"enum_types", c.enum_types},
        {"domains", c.domains},
        {"composite_types", c.composite_types}}},
      {"extensions", nlohmann::ordered_json::array()},
      {"tables", nlohmann::ordered_json::array()}};
  for (const auto &e : inventory.extensions) {
    json["extensions"].push_back({{"name", e.name}, {"version", e.version}, {"schema", e.schema}});
  }
  for (const auto &table : inventory.tables) {
    json["tables"].push_back(table_json(table));
  }
  return json.dump(2) + "\n";
}

} // namespace pgparity::report
