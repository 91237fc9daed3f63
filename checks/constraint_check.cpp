#include "checks/definition_compare.hpp"
#include "checks/structure_checks.hpp"

#include <fmt/format.h>

#include <map>
#include <tuple>

namespace pgparity::checks {

namespace {

using ConstraintKey = std::tuple<core::QualifiedName, core::ConstraintKind, std::string>;

ConstraintKey key_of(const core::Constraint &c) {
  return {c.table, c.kind,
          canonical_definition(DefinitionKind::other,
                               without_storage_parameters(c.comparable_definition()))};
}

nlohmann::ordered_json orphan_details(const core::Constraint &c, const StructureFacts &facts,
                                      std::string &suffix) {
  nlohmann::ordered_json details{{"definition", c.definition}};
  auto it = facts.target_orphans.find({c.table, c.name});
  if (it != facts.target_orphans.end()) {
    details["orphan_rows"] = it->second;
    suffix = fmt::format("; {} orphan rows on the target", it->second);
  }
  return details;
}

} // namespace

std::vector<report::Finding> check_constraints(const core::Catalog &source,
                                               const core::Catalog &target,
                                               const StructureFacts &facts) {
  std::vector<report::Finding> findings;
  std::multimap<ConstraintKey, const core::Constraint *> on_target;
  for (const auto &c : target.constraints) {
    on_target.emplace(key_of(c), &c);
  }
  for (const auto &c : source.constraints) {
    if (c.kind == core::ConstraintKind::trigger || target.table(c.table) == nullptr) {
      continue; // constraint triggers are compared as triggers; missing tables once, as such
    }
    const std::string object = c.table.str() + "." + c.name;
    const bool foreign_key = c.kind == core::ConstraintKind::foreign_key;
    std::string suffix;
    auto it = on_target.find(key_of(c));
    if (it == on_target.end()) {
      const auto details = orphan_details(c, facts, suffix);
      findings.push_back(report::make_finding(
          "constraints", foreign_key ? "fk.missing" : "constraint.missing", object,
          core::to_string(c.kind) + " missing on the target: " + c.definition + suffix, details));
      continue;
    }
    const core::Constraint &other = *it->second;
    on_target.erase(it);
    if (c.enforcement_disabled != other.enforcement_disabled) {
      findings.push_back(report::make_finding(
          "constraints", "constraint.enforcement_changed", object,
          core::to_string(c.kind) + " is enforced on the " +
              (other.enforcement_disabled ? "source only: the target" : "target only: the source") +
              " has a system trigger behind it disabled (ALTER TABLE … DISABLE TRIGGER ALL), so "
              "rows that violate it are accepted there; ALTER TABLE … ENABLE TRIGGER ALL restores "
              "it",
          {{"disabled_on_source", c.enforcement_disabled},
           {"disabled_on_target", other.enforcement_disabled}}));
    }
    if (c.validated && !other.validated) {
      const auto details = orphan_details(c, facts, suffix);
      findings.push_back(report::make_finding(
          "constraints", foreign_key ? "fk.not_valid" : "constraint.not_valid", object,
          core::to_string(c.kind) + " is NOT VALID on the target: existing rows were not checked" +
              suffix,
          details));
    }
  }
  for (const auto &[key, c] : on_target) {
    if (c->kind != core::ConstraintKind::trigger && source.table(c->table) != nullptr) {
      findings.push_back(report::make_finding("constraints", "constraint.extra",
                                              c->table.str() + "." + c->name,
                                              "constraint only on the target: " + c->definition));
    }
  }
  return findings;
}

} // namespace pgparity::checks
