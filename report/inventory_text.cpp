#include "report/inventory.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace pgparity::report {

std::string human_size(std::int64_t bytes) {
  static constexpr std::array<const char *, 5> k_units{"bytes", "kB", "MB", "GB", "TB"};
  auto value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < k_units.size()) {
    value /= 1024.0;
    ++unit;
  }
  return unit == 0 ? fmt::format("{} bytes", bytes)
                   : fmt::format("{:.1f} {}", value, k_units[unit]);
}

namespace {

std::string rows_text(const std::optional<double> &estimate) {
  if (!estimate) {
    return "unknown";
  }
  return fmt::format("{}", static_cast<std::int64_t>(std::llround(*estimate)));
}

std::string join(const std::vector<std::string> &items, const char *separator) {
  std::string out;
  for (const auto &item : items) {
    out += (out.empty() ? "" : separator) + item;
  }
  return out;
}

std::string kind_text(const InventoryTable &table) {
  if (table.kind == "partitioned") {
    return fmt::format("partitioned ({})", table.partitions);
  }
  return table.kind;
}

} // namespace

std::string render_inventory_text(const Inventory &inventory) {
  const auto &server = inventory.server;
  const auto &counts = inventory.counts;
  std::string out = fmt::format("database {} (PostgreSQL {}, {}, collate {})\n", inventory.url,
                                server.version, server.encoding, server.collate);
  out += fmt::format("{} tables ({} partitioned, {} partitions), {} views, {} materialized views, "
                     "{} indexes, {} sequences, {} functions, {} triggers, {} large objects\n",
                     counts.tables, counts.partitioned_tables, counts.partitions, counts.views,
                     counts.materialized_views, counts.indexes, counts.sequences, counts.functions,
                     counts.triggers, server.large_object_count);
  std::vector<std::string> extensions;
  for (const auto &e : inventory.extensions) {
    extensions.push_back(fmt::format("{} {} ({})", e.name, e.version, e.schema));
  }
  out += fmt::format("extensions: {}\n\n", extensions.empty() ? "none" : join(extensions, ", "));

  std::array<std::string, 5> header{"TABLE", "KIND", "ROWS (EST.)", "SIZE", "CHUNK KEY"};
  std::vector<std::array<std::string, 5>> lines;
  for (const auto &table : inventory.tables) {
    lines.push_back({table.name, kind_text(table), rows_text(table.estimated_rows),
                     human_size(table.size_bytes),
                     table.chunk_key.empty() ? "no key" : join(table.chunk_key, ", ")});
  }
  std::array<std::size_t, 5> width{};
  for (std::size_t i = 0; i < width.size(); ++i) {
    width[i] = header[i].size();
    for (const auto &line : lines) {
      width[i] = std::max(width[i], line[i].size());
    }
  }
  auto render = [&](const std::array<std::string, 5> &cells) {
    return fmt::format("{:<{}}  {:<{}}  {:>{}}  {:>{}}  {}\n", cells[0], width[0], cells[1],
                       width[1], cells[2], width[2], cells[3], width[3], cells[4]);
  };
  out += render(header);
  for (const auto &line : lines) {
    out += render(line);
  }
  return out;
}

} // namespace pgparity::report
