#include "checks/definition_compare.hpp"
#include "checks/object_class_checks.hpp"
#include "checks/object_matching.hpp"

namespace pgparity::checks {

std::vector<report::Finding> check_rules(const core::Catalog &source, const core::Catalog &target) {
  std::vector<report::Finding> findings;
  const auto add = [&](std::string id, const core::Rule &rule, std::string message,
                       nlohmann::ordered_json details) {
    findings.push_back(report::make_finding("rules", std::move(id),
                                            rule.table.str() + "." + rule.name, std::move(message),
                                            std::move(details)));
  };
  match_objects(
      source.rules, target.rules,
      [](const core::Rule &r) { return std::make_pair(r.table, r.name); },
      [&](const core::Rule &r) {
        add("rule.missing", r, "rule missing on the target", {{"definition", r.definition}});
      },
      [&](const core::Rule &r) {
        add("rule.extra", r,
            "rule only on the target: it changes what statements on " + r.table.str() + " do",
            {{"definition", r.definition}});
      },
      [&](const core::Rule &s, const core::Rule &t) {
        if (!same_definition(DefinitionKind::other, s.definition, t.definition)) {
          add("rule.changed", s, "the rule's definition differs on the target",
              {{"source", s.definition}, {"target", t.definition}});
        }
        if (s.enabled != t.enabled) {
          add("rule.enabled_changed", s,
              "the rule is " + s.enabled + " on the source but " + t.enabled + " on the target",
              {{"source", s.enabled}, {"target", t.enabled}});
        }
      });
  return findings;
}

} // namespace pgparity::checks
