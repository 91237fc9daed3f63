#include "checks/object_class_checks.hpp"
#include "checks/object_matching.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace pgparity::checks {

namespace {

// What an event trigger does, as one line: event, tags, function and enabled state.
std::string describe(const core::EventTrigger &t) {
  return fmt::format("ON {}{} EXECUTE FUNCTION {} ({})", t.event,
                     t.tags.empty() ? ""
                                    : fmt::format(" WHEN TAG IN ({})", fmt::join(t.tags, ", ")),
                     t.function, t.enabled);
}

} // namespace

std::vector<report::Finding> check_event_triggers(const core::Catalog &source,
                                                  const core::Catalog &target) {
  std::vector<report::Finding> findings;
  const auto add = [&](std::string id, const core::EventTrigger &t, std::string message,
                       nlohmann::ordered_json details) {
    findings.push_back(report::make_finding("event_triggers", std::move(id), t.name,
                                            std::move(message), std::move(details)));
  };
  match_objects(
      source.event_triggers, target.event_triggers,
      [](const core::EventTrigger &t) { return t.name; },
      [&](const core::EventTrigger &t) {
        add("event_trigger.missing", t, "event trigger missing on the target",
            {{"definition", describe(t)}});
      },
      [&](const core::EventTrigger &t) {
        add("event_trigger.extra", t,
            "event trigger only on the target: it runs on the commands of every session",
            {{"definition", describe(t)}});
      },
      [&](const core::EventTrigger &s, const core::EventTrigger &t) {
        if (describe(s) != describe(t)) {
          add("event_trigger.changed", s,
              "event trigger is " + describe(s) + " on the source but " + describe(t) +
                  " on the target",
              {{"source", describe(s)}, {"target", describe(t)}});
        }
      });
  return findings;
}

} // namespace pgparity::checks
