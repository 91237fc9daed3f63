#include "checks/catalog_object_compare.hpp"

#include "checks/object_matching.hpp"

#include <fmt/format.h>

namespace pgparity::checks {

namespace {

// The properties listed on both sides whose values differ: (name, source value, target value).
std::vector<std::tuple<std::string, std::string, std::string>>
changed_properties(const core::CatalogObject &source, const core::CatalogObject &target) {
  std::vector<std::tuple<std::string, std::string, std::string>> changed;
  for (const auto &[name, value] : source.properties) {
    for (const auto &[other_name, other_value] : target.properties) {
      if (other_name == name && other_value != value) {
        changed.emplace_back(name, value, other_value);
      }
    }
  }
  return changed;
}

std::string key_of(const core::CatalogObject &object) { return object.identity; }

} // namespace

void compare_catalog_objects(const std::vector<core::CatalogObject> &source,
                             const std::vector<core::CatalogObject> &target,
                             const ObjectClassFindings &names,
                             std::vector<report::Finding> &findings) {
  const auto add = [&](const std::string &id, const std::string &object, std::string message,
                       nlohmann::ordered_json details) {
    findings.push_back(
        report::make_finding(names.check, id, object, std::move(message), std::move(details)));
  };
  match_objects(
      source, target, key_of,
      [&](const core::CatalogObject &o) {
        add(names.missing, o.identity, names.noun + " missing on the target",
            nlohmann::ordered_json::object());
      },
      [&](const core::CatalogObject &o) {
        add(names.extra, o.identity, names.noun + " only on the target",
            nlohmann::ordered_json::object());
      },
      [&](const core::CatalogObject &s, const core::CatalogObject &t) {
        const auto changed = changed_properties(s, t);
        if (changed.empty()) {
          return;
        }
        std::string message = "the " + names.noun + " differs:";
        auto details = nlohmann::ordered_json::object();
        for (const auto &[name, on_source, on_target] : changed) {
          message += fmt::format("{} {} is {} on the source but {} on the target",
                                 message.back() == ':' ? "" : ";", name, on_source, on_target);
          details[name] = {{"source", on_source}, {"target", on_target}};
        }
        add(names.changed, s.identity, std::move(message), std::move(details));
      });
}

void summarize_catalog_objects(const std::vector<core::CatalogObject> &source,
                               const std::vector<core::CatalogObject> &target,
                               const std::string &check, const std::string &id,
                               const std::string &database, const std::string &what,
                               std::vector<report::Finding> &findings) {
  std::vector<std::pair<std::string, std::string>> differences;
  match_objects(
      source, target, key_of,
      [&](const core::CatalogObject &o) {
        differences.emplace_back(o.identity, "missing on the target");
      },
      [&](const core::CatalogObject &o) {
        differences.emplace_back(o.identity, "only on the target");
      },
      [&](const core::CatalogObject &s, const core::CatalogObject &t) {
        if (!changed_properties(s, t).empty()) {
          differences.emplace_back(s.identity, "changed");
        }
      });
  if (differences.empty()) {
    return;
  }
  auto objects = nlohmann::ordered_json::array();
  for (const auto &[object, difference] : differences) {
    objects.push_back({{"object", object}, {"difference", difference}});
  }
  findings.push_back(report::make_finding(check, id, database,
                                          fmt::format("{} {}", differences.size(), what),
                                          {{"objects", std::move(objects)}}));
}

} // namespace pgparity::checks
