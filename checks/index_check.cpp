#include "checks/definition_compare.hpp"
#include "checks/structure_checks.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>
#include <tuple>

namespace pgparity::checks {

namespace {

// pg_get_indexdef() without the index's own name: "CREATE [UNIQUE] INDEX name ON …" becomes
// "[UNIQUE] ON …", so an index restored under another name still matches.
std::string definition_without_name(const core::Index &index) {
  const std::string &def = index.definition;
  const std::string unique_prefix = "CREATE UNIQUE INDEX ";
  const std::string plain_prefix = "CREATE INDEX ";
  const bool unique = def.rfind(unique_prefix, 0) == 0;
  std::size_t at = unique ? unique_prefix.size() : plain_prefix.size();
  if (at < def.size() && def[at] == '"') { // a quoted name: skip to its closing quote
    for (++at; at < def.size(); ++at) {
      if (def[at] == '"' && (at + 1 == def.size() || def[at + 1] != '"')) {
        break;
      }
      if (def[at] == '"') {
        ++at; // a doubled quote inside the name
      }
    }
  }
  const std::size_t on = def.find(" ON ", at);
  return (unique ? "UNIQUE" : "") + (on == std::string::npos ? def : def.substr(on));
}

using IndexKey = std::tuple<core::QualifiedName, bool, std::string>;

IndexKey key_of(const core::Index &index) {
  return {index.table, index.is_primary,
          canonical_definition(DefinitionKind::other,
                               without_storage_parameters(definition_without_name(index)))};
}

// Storage parameters as a reader sees them in a message.
std::string parameters_text(const std::vector<std::string> &options) {
  return options.empty() ? std::string{"none"} : fmt::format("({})", fmt::join(options, ", "));
}

// An index's column statistics targets as a finding shows them: "column 1: 500, column 2: 100",
// or "default".
std::string statistics_targets_text(const core::Index &index) {
  std::vector<std::string> shown;
  for (const auto &target : index.statistics_targets) {
    const auto equals = target.find('=');
    shown.push_back("column " + target.substr(0, equals) + ": " +
                    (equals == std::string::npos ? "" : target.substr(equals + 1)));
  }
  return shown.empty() ? std::string{"default"} : fmt::format("{}", fmt::join(shown, ", "));
}

// The table or materialized view an index is on exists in `catalog`: a materialized view's
// indexes are checked like a table's (REFRESH … CONCURRENTLY needs a unique one).
bool has_relation(const core::Catalog &catalog, const core::QualifiedName &name) {
  return catalog.table(name) != nullptr || catalog.materialized_view(name) != nullptr;
}

} // namespace

std::vector<report::Finding> check_indexes(const core::Catalog &source, const core::Catalog &target,
                                           const StructureFacts &facts) {
  std::vector<report::Finding> findings;
  for (const auto &[name, error] : facts.corrupt_indexes) {
    findings.push_back(report::make_finding(
        "indexes", "index.corrupt", name.str(),
        "amcheck found the index corrupt on the target (often text ordered under another "
        "collation): REINDEX it; " +
            error));
  }
  std::multimap<IndexKey, const core::Index *> on_target;
  for (const auto &index : target.indexes) {
    on_target.emplace(key_of(index), &index);
  }
  std::map<const core::Index *, bool> matched;
  for (const auto &index : source.indexes) {
    auto it = on_target.find(key_of(index));
    if (it == on_target.end()) {
      // A missing table is reported once, as such; an index behind a constraint, as the
      // missing constraint.
      if (has_relation(target, index.table) && !index.constraint) {
        findings.push_back(
            report::make_finding("indexes", "index.missing", index.name.str(),
                                 "no index on the target matches " + index.definition,
                                 {{"definition", index.definition}}));
      }
      continue;
    }
    const core::Index &other = *it->second;
    matched[&other] = true;
    on_target.erase(it);
    if (index.options != other.options) {
      findings.push_back(report::make_finding(
          "indexes", "index.options_changed", other.name.str(),
          "storage parameters differ: " + parameters_text(index.options) + " on the source, " +
              parameters_text(other.options) + " on the target (performance, not results)",
          {{"source", index.options}, {"target", other.options}}));
    }
    if (!other.is_valid || !other.is_ready) {
      findings.push_back(report::make_finding(
          "indexes", "index.invalid", other.name.str(),
          std::string{"index is "} + (other.is_valid ? "not ready" : "invalid") +
              " on the target: rebuild it with REINDEX INDEX CONCURRENTLY",
          {{"valid", other.is_valid}, {"ready", other.is_ready}}));
    }
    if (index.statistics_targets != other.statistics_targets) {
      // How many rows ANALYZE samples for an expression column: estimates, not results.
      findings.push_back(report::make_finding(
          "indexes", "index.statistics_target_changed", index.name.str(),
          fmt::format("the statistics targets of the index's columns are {} on the source but {} "
                      "on the target",
                      statistics_targets_text(index), statistics_targets_text(other)),
          {{"source", index.statistics_targets}, {"target", other.statistics_targets}}));
    }
  }
  for (const auto &index : target.indexes) {
    if (matched.count(&index) == 0 && has_relation(source, index.table) && !index.constraint) {
      // A unique index restricts what the table accepts; any other only costs writes.
      findings.push_back(report::make_finding(
          "indexes", index.is_unique ? "index.extra_unique" : "index.extra", index.name.str(),
          std::string{index.is_unique ? "unique index only on the target (it refuses rows the "
                                        "source accepts): "
                                      : "index only on the target: "} +
              index.definition));
    }
  }
  return findings;
}

} // namespace pgparity::checks
