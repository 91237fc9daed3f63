#include "checks/definition_compare.hpp"
#include "checks/object_class_checks.hpp"
#include "checks/object_matching.hpp"

#include <string>

namespace pgparity::checks {

std::vector<report::Finding> check_extended_statistics(const core::Catalog &source,
                                                       const core::Catalog &target) {
  std::vector<report::Finding> findings;
  const auto add = [&](std::string id, const core::ExtendedStatistics &s, std::string message,
                       nlohmann::ordered_json details) {
    findings.push_back(report::make_finding("statistics", std::move(id), s.name.str(),
                                            std::move(message), std::move(details)));
  };
  const auto target_text = [](int value) {
    return value < 0 ? std::string{"default"} : std::to_string(value);
  };
  match_objects(
      source.extended_statistics, target.extended_statistics,
      [](const core::ExtendedStatistics &s) { return s.name; },
      [&](const core::ExtendedStatistics &s) {
        add("statistics.missing", s,
            "extended statistics on " + s.table.str() +
                " missing on the target: the planner's estimates (not results) change",
            {{"definition", s.definition}});
      },
      [&](const core::ExtendedStatistics &s) {
        add("statistics.extra", s,
            "extended statistics on " + s.table.str() + " only on the target",
            {{"definition", s.definition}});
      },
      [&](const core::ExtendedStatistics &s, const core::ExtendedStatistics &t) {
        if (!same_definition(DefinitionKind::other, s.definition, t.definition)) {
          add("statistics.changed", s, "the statistics object's definition differs on the target",
              {{"source", s.definition}, {"target", t.definition}});
        }
        if (s.statistics_target != t.statistics_target) {
          add("statistics.changed", s,
              "the statistics target is " + target_text(s.statistics_target) +
                  " on the source but " + target_text(t.statistics_target) + " on the target",
              {{"source", target_text(s.statistics_target)},
               {"target", target_text(t.statistics_target)}});
        }
      });
  return findings;
}

} // namespace pgparity::checks
