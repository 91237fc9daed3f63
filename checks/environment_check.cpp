#include "checks/icu_locale.hpp"
#include "checks/object_matching.hpp"
#include "checks/structure_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace pgparity::checks {

namespace {

constexpr std::size_t k_listed_large_objects = 10;

void extensions(const core::Catalog &source, const core::Catalog &target,
                std::vector<report::Finding> &findings) {
  match_objects(
      source.extensions, target.extensions, [](const core::Extension &e) { return e.name; },
      [&](const core::Extension &e) {
        findings.push_back(report::make_finding(
            "extensions", "extension.missing", e.name,
            fmt::format("extension {} {} (schema {}) is not installed on the target", e.name,
                        e.version, e.schema)));
      },
      [&](const core::Extension &e) {
        findings.push_back(report::make_finding("extensions", "extension.extra", e.name,
                                                "extension only on the target"));
      },
      [&](const core::Extension &s, const core::Extension &t) {
        if (s.version != t.version) {
          findings.push_back(report::make_finding(
              "extensions", "extension.version_changed", s.name,
              fmt::format("version {} on the source, {} on the target", s.version, t.version),
              {{"source", s.version}, {"target", t.version}}));
        }
        if (s.schema != t.schema) {
          findings.push_back(report::make_finding(
              "extensions", "extension.schema_changed", s.name,
              fmt::format("in schema {} on the source, {} on the target: qualified references "
                          "to its objects must follow",
                          s.schema, t.schema),
              {{"source", s.schema}, {"target", t.schema}}));
        }
      });
}

void large_objects(const StructureFacts &facts, std::vector<report::Finding> &findings) {
  std::array<std::size_t, 3> listed{}; // missing, changed, extra
  const auto add = [&](std::size_t kind, const char *id, std::uint32_t oid, const char *what) {
    if (listed[kind]++ < k_listed_large_objects) {
      findings.push_back(report::make_finding("large_objects", id, std::to_string(oid),
                                              std::string{"large object "} + what));
    }
  };
  for (const auto &[oid, digest] : facts.source_large_objects) {
    auto it = facts.target_large_objects.find(oid);
    if (it == facts.target_large_objects.end()) {
      add(0, "large_object.missing", oid, "missing on the target");
    } else if (it->second != digest) {
      add(1, "large_object.changed", oid, "has other content on the target");
    }
  }
  for (const auto &[oid, digest] : facts.target_large_objects) {
    if (facts.source_large_objects.count(oid) == 0) {
      add(2, "large_object.extra", oid, "only on the target");
    }
  }
  for (std::size_t kind = 0; kind < listed.size(); ++kind) {
    if (listed[kind] > k_listed_large_objects) {
      static constexpr std::array<const char *, 3> k_ids{
          "large_object.missing", "large_object.changed", "large_object.extra"};
      findings.push_back(report::make_finding("large_objects", k_ids[kind], "large objects",
                                              fmt::format("{} more large objects like the above",
                                                          listed[kind] - k_listed_large_objects),
                                              {{"count", listed[kind]}}));
    }
  }
}

// The B-tree indexes of `catalog` with a key column for which `ordered_by` holds: those whose
// order a collation change can break. An expression column counts when `expressions` is set
// (its collation cannot be told from the catalog).
template <typename ColumnTest>
std::vector<std::string> btree_indexes_over(const core::Catalog &catalog, ColumnTest ordered_by,
                                            bool expressions) {
  std::vector<std::string> names;
  for (const auto &index : catalog.indexes) {
    const core::Table *table = catalog.table(index.table);
    const bool at_risk = std::any_of(
        index.key_columns.begin(), index.key_columns.end(), [&](const std::string &name) {
          if (name.empty()) {
            return expressions;
          }
          const core::Column *column = table == nullptr ? nullptr : table->column(name);
          return column != nullptr && ordered_by(*column);
        });
    if (at_risk && index.method == "btree") {
      names.push_back(index.name.str());
    }
  }
  return names;
}

// Text indexes on the target ordered by the database's default collation.
std::vector<std::string> indexes_at_risk(const core::Catalog &catalog) {
  return btree_indexes_over(
      catalog,
      [](const core::Column &column) {
        const std::string &type = column.type;
        return !column.collation && (type == "text" || type.rfind("character", 0) == 0 ||
                                     type == "citext" || type.find(".citext") != std::string::npos);
      },
      true);
}

// Per collation used by columns: the library version recorded on the target must be the one it
// loads, and the source's and target's libraries must agree. Either change can reorder text,
// so the indexes over those columns may be corrupt.
void collation_versions(const core::Catalog &source, const core::Catalog &target,
                        std::vector<report::Finding> &findings) {
  for (const auto &collation : target.collations) {
    auto on_source =
        std::find_if(source.collations.begin(), source.collations.end(),
                     [&](const core::CollationVersion &c) { return c.name == collation.name; });
    const bool stale =
        collation.recorded && collation.actual && *collation.recorded != *collation.actual;
    const bool differs = on_source != source.collations.end() && on_source->actual &&
                         collation.actual && *on_source->actual != *collation.actual;
    if (!stale && !differs) {
      continue;
    }
    const std::string name = collation.name.str();
    const auto at_risk = btree_indexes_over(
        target, [&](const core::Column &column) { return column.collation == name; }, false);
    findings.push_back(report::make_finding(
        "server", "server.collation_version_changed", collation.name.str(),
        fmt::format("collation version {} on the source, {} on the target (recorded {}): text "
                    "may sort differently; REINDEX the {} indexes at risk",
                    on_source != source.collations.end() ? on_source->actual.value_or("unknown")
                                                         : "unknown",
                    collation.actual.value_or("unknown"), collation.recorded.value_or("none"),
                    at_risk.size()),
        {{"indexes_at_risk", at_risk}}));
  }
}

// Owners and privileges differ on purpose after pg_restore --no-owner --no-acl: reported as
// information, one finding each, naming the objects.
void ownership_and_privileges(const core::Catalog &source, const core::Catalog &target,
                              const std::string &database, std::vector<report::Finding> &findings) {
  std::vector<std::string> owners;
  std::vector<std::string> privileges;
  for (const auto &schema : source.schemas) {
    auto it = std::find_if(target.schemas.begin(), target.schemas.end(),
                           [&](const core::Schema &s) { return s.name == schema.name; });
    if (it != target.schemas.end() && it->owner != schema.owner) {
      owners.push_back(schema.name);
    }
  }
  for (const auto &table : source.tables) {
    if (const core::Table *other = target.table(table.name)) {
      if (other->owner != table.owner) {
        owners.push_back(table.name.str());
      }
      if (other->privileges != table.privileges) {
        privileges.push_back(table.name.str());
      }
    }
  }
  if (!owners.empty()) {
    findings.push_back(report::make_finding(
        "server", "ownership.changed", database,
        fmt::format("{} schemas and tables have another owner on the target (expected after a "
                    "restore with --no-owner)",
                    owners.size()),
        {{"objects", owners}}));
  }
  if (!privileges.empty()) {
    findings.push_back(report::make_finding(
        "server", "privileges.changed", database,
        fmt::format("{} tables have other privileges on the target (expected after a restore "
                    "with --no-acl)",
                    privileges.size()),
        {{"objects", privileges}}));
  }
}

void server(const core::Catalog &source, const core::Catalog &target,
            std::vector<report::Finding> &findings) {
  const auto &s = source.server;
  const auto &t = target.server;
  const std::string database = t.database;
  if (s.version_num / 10000 != t.version_num / 10000 || s.version != t.version) {
    findings.push_back(report::make_finding(
        "server", "server.version_changed", database,
        fmt::format("PostgreSQL {} on the source, {} on the target", s.version, t.version)));
  }
  if (s.encoding != t.encoding) {
    findings.push_back(report::make_finding(
        "server", "server.encoding_changed", database,
        fmt::format("encoding {} on the source, {} on the target", s.encoding, t.encoding)));
  }
  // An ICU locale in its canonical form (icu_locale.hpp): 16+ stores the BCP 47 tag of an
  // old-style name given to CREATE DATABASE or initdb.
  const auto locale = [](const core::ServerInfo &info) {
    const bool has_locale = info.provider_locale && !info.provider_locale->empty();
    const std::string provider_locale = !has_locale ? ""
                                        : info.locale_provider == "icu"
                                            ? canonical_icu_locale(*info.provider_locale)
                                            : *info.provider_locale;
    return fmt::format("{}{} collate {} ctype {}", info.locale_provider,
                       has_locale ? " locale " + provider_locale : "", info.collate, info.ctype);
  };
  if (locale(s) != locale(t)) {
    const auto at_risk = indexes_at_risk(target);
    findings.push_back(report::make_finding(
        "server", "server.collation_changed", database,
        fmt::format("{} on the source, {} on the target: text may sort differently; {} text "
                    "indexes at risk",
                    locale(s), locale(t), at_risk.size()),
        {{"source", locale(s)}, {"target", locale(t)}, {"indexes_at_risk", at_risk}}));
  }
  const bool recorded_differs = t.collation_version && t.actual_collation_version &&
                                *t.collation_version != *t.actual_collation_version;
  const bool libraries_differ = locale(s) == locale(t) && s.actual_collation_version &&
                                t.actual_collation_version &&
                                *s.actual_collation_version != *t.actual_collation_version;
  if (recorded_differs || libraries_differ) {
    const auto at_risk = indexes_at_risk(target);
    findings.push_back(report::make_finding(
        "server", "server.collation_version_changed", database,
        fmt::format("collation version {} on the source, {} on the target (recorded {}): text "
                    "indexes may be corrupt; {} at risk, REINDEX them",
                    s.actual_collation_version.value_or("unknown"),
                    t.actual_collation_version.value_or("unknown"),
                    t.collation_version.value_or("none"), at_risk.size()),
        {{"indexes_at_risk", at_risk}}));
  }
  collation_versions(source, target, findings);
  ownership_and_privileges(source, target, database, findings);
}

} // namespace

std::vector<report::Finding> check_environment(const core::Catalog &source,
                                               const core::Catalog &target,
                                               const StructureFacts &facts) {
  std::vector<report::Finding> findings;
  extensions(source, target, findings);
  large_objects(facts, findings);
  server(source, target, findings);
  return findings;
}

} // namespace pgparity::checks
