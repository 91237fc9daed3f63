#include "watch/schema_drift.hpp"

#include "checks/definition_compare.hpp"

#include <fmt/format.h>

#include <optional>
#include <set>

namespace pgparity::watch {

namespace {

std::string canonical(const std::optional<std::string> &text) {
  return text ? checks::canonical_definition(checks::DefinitionKind::other, *text) : "-";
}

std::string table_shape(const core::Table &table) {
  std::string inherits;
  for (const auto &parent : table.inherits) {
    inherits += parent.str() + ",";
  }
  return fmt::format("{} {} of {} key {} bound {} inherits {} rls {}{}",
                     core::to_string(table.kind), core::to_string(table.persistence),
                     table.partition_of ? table.partition_of->str() : "-",
                     canonical(table.partition_key), canonical(table.partition_bound), inherits,
                     table.row_security, table.force_row_security);
}

std::string column_shape(const core::Column &column) {
  return fmt::format("{} collate {} not null {} default {} identity {} generated {}", column.type,
                     column.collation.value_or("-"), column.not_null,
                     canonical(column.default_expr), static_cast<int>(column.identity),
                     canonical(column.generated_expr));
}

std::string index_shape(const core::Index &index) {
  return fmt::format("{} valid {}",
                     checks::canonical_definition(checks::DefinitionKind::other, index.definition),
                     index.is_valid);
}

std::string sequence_shape(const core::Sequence &sequence) {
  return fmt::format("{} increment {} min {} max {}{}{}", sequence.data_type, sequence.increment,
                     sequence.min_value, sequence.max_value, sequence.cycle ? " cycle" : "",
                     sequence.unlogged ? " unlogged" : "");
}

std::optional<std::string> shape_of(const SchemaShape &shape, const ShapeKey &key) {
  const auto it = shape.find(key);
  return it == shape.end() ? std::nullopt : std::optional{it->second};
}

std::string change_of(const std::optional<std::string> &before,
                      const std::optional<std::string> &now) {
  return !before ? "added" : !now ? "dropped" : "altered";
}

} // namespace

SchemaShape schema_shape(const core::Catalog &catalog) {
  SchemaShape shape;
  std::set<core::QualifiedName> extension_tables;
  for (const auto &table : catalog.tables) {
    if (table.extension) {
      extension_tables.insert(table.name);
      continue;
    }
    shape[{"table", table.name.str()}] = table_shape(table);
    for (const auto &column : table.columns) {
      shape[{"column", table.name.str() + "." + column.name}] = column_shape(column);
    }
  }
  for (const auto &index : catalog.indexes) {
    if (extension_tables.count(index.table) == 0) {
      shape[{"index", index.name.str()}] = index_shape(index);
    }
  }
  for (const auto &sequence : catalog.sequences) {
    shape[{"sequence", sequence.name.str()}] = sequence_shape(sequence);
  }
  return shape;
}

std::vector<ShapeKey> track_drift(const SchemaShape &source_before,
                                  const SchemaShape &target_before, const SchemaShape &source_now,
                                  const SchemaShape &target_now, int pass, OpenDrifts &open) {
  std::set<ShapeKey> keys;
  for (const auto *shape : {&source_before, &target_before, &source_now, &target_now}) {
    for (const auto &[key, text] : *shape) {
      keys.insert(key);
    }
  }
  std::vector<ShapeKey> closed;
  for (const auto &key : keys) {
    const auto source_was = shape_of(source_before, key);
    const auto target_was = shape_of(target_before, key);
    const auto source_is = shape_of(source_now, key);
    const auto target_is = shape_of(target_now, key);
    const bool differ = source_is != target_is;
    const auto it = open.find(key);
    if (!differ) {
      if (it != open.end()) {
        open.erase(it);
        closed.push_back(key);
      }
      continue;
    }
    const bool source_changed = source_was != source_is;
    const bool target_changed = target_was != target_is;
    if (it != open.end() || (!source_changed && !target_changed)) {
      continue; // still open since its first pass, or a difference older than this step
    }
    OpenDrift drift;
    drift.side = source_changed && target_changed ? "both" : source_changed ? "source" : "target";
    drift.change =
        source_changed ? change_of(source_was, source_is) : change_of(target_was, target_is);
    drift.since_pass = pass;
    open.emplace(key, drift);
  }
  return closed;
}

std::vector<report::Finding> drift_findings(const OpenDrifts &open) {
  std::vector<report::Finding> findings;
  for (const auto &[key, drift] : open) {
    const auto &[object_class, object] = key;
    const std::string where =
        drift.side == "both" ? "differently on the two sides" : "on the " + drift.side + " only";
    findings.push_back(report::make_finding(
        "schema_drift", "schema_drift." + object_class, object,
        fmt::format("{} {} {} during the watch (seen at pass {}); the two sides still differ",
                    object_class, drift.change, where, drift.since_pass),
        {{"side", drift.side}, {"change", drift.change}, {"since_pass", drift.since_pass}}));
  }
  return findings;
}

} // namespace pgparity::watch
