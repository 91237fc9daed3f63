#include "core/catalog.hpp"

#include <algorithm>
#include <cctype>

namespace pgparity::core {

const Column *Table::column(const std::string &column_name) const {
  auto it = std::find_if(columns.begin(), columns.end(),
                         [&](const Column &c) { return c.name == column_name; });
  return it == columns.end() ? nullptr : &*it;
}

std::string Constraint::comparable_definition() const {
  static const std::string k_suffix = " NOT VALID";
  const bool marked =
      definition.size() >= k_suffix.size() &&
      definition.compare(definition.size() - k_suffix.size(), k_suffix.size(), k_suffix) == 0;
  return marked ? definition.substr(0, definition.size() - k_suffix.size()) : definition;
}

std::vector<const Index *> Catalog::indexes_on(const QualifiedName &table_name) const {
  const auto [first, last] =
      std::equal_range(indexes.begin(), indexes.end(), table_name, IndexTableOrder{});
  std::vector<const Index *> found;
  for (auto it = first; it != last; ++it) {
    found.push_back(&*it);
  }
  return found;
}

std::vector<const Table *> Catalog::partitions_of(const QualifiedName &table_name) const {
  std::vector<const Table *> found;
  for (const Table &t : tables) {
    if (t.partition_of && *t.partition_of == table_name) {
      found.push_back(&t);
    }
  }
  return found;
}

const Table *Catalog::table(const QualifiedName &name) const {
  auto it = std::lower_bound(tables.begin(), tables.end(), name,
                             [](const Table &t, const QualifiedName &n) { return t.name < n; });
  return it != tables.end() && it->name == name ? &*it : nullptr;
}

const Table *Catalog::materialized_view(const QualifiedName &name) const {
  auto it = std::lower_bound(materialized_views.begin(), materialized_views.end(), name,
                             [](const Table &t, const QualifiedName &n) { return t.name < n; });
  return it != materialized_views.end() && it->name == name ? &*it : nullptr;
}

const Sequence *Catalog::sequence(const QualifiedName &name) const {
  auto it = std::lower_bound(sequences.begin(), sequences.end(), name,
                             [](const Sequence &s, const QualifiedName &n) { return s.name < n; });
  return it != sequences.end() && it->name == name ? &*it : nullptr;
}

const SettingDefinition *StoredSettings::definition(const std::string &name) const {
  const auto same = [&](const SettingDefinition &d) {
    return d.name.size() == name.size() &&
           std::equal(d.name.begin(), d.name.end(), name.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) ==
                    std::tolower(static_cast<unsigned char>(b));
           });
  };
  auto it = std::find_if(definitions.begin(), definitions.end(), same);
  return it == definitions.end() ? nullptr : &*it;
}

std::string to_string(TableKind kind) {
  switch (kind) {
  case TableKind::table:
    return "table";
  case TableKind::partitioned_table:
    return "partitioned table";
  case TableKind::foreign_table:
    return "foreign table";
  case TableKind::materialized_view:
    return "materialized view";
  }
  return "unknown";
}

std::string to_string(Persistence persistence) {
  return persistence == Persistence::unlogged ? "unlogged" : "permanent";
}

std::string to_string(ConstraintKind kind) {
  switch (kind) {
  case ConstraintKind::primary_key:
    return "primary key";
  case ConstraintKind::unique:
    return "unique";
  case ConstraintKind::check:
    return "check";
  case ConstraintKind::foreign_key:
    return "foreign key";
  case ConstraintKind::exclusion:
    return "exclusion";
  case ConstraintKind::trigger:
    return "constraint trigger";
  }
  return "unknown";
}

} // namespace pgparity::core
