#include "checks/settings_check.hpp"

#include "checks/object_matching.hpp"
#include "checks/setting_value.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>

namespace pgparity::checks {

namespace {

using report::make_finding;

// The role settings of one kind (in this database, or in every database), by role.
std::map<std::string, std::vector<core::Setting>>
settings_by_role(const core::StoredSettings &settings, bool in_database) {
  std::map<std::string, std::vector<core::Setting>> by_role;
  for (const auto &setting : settings.role_settings) {
    if (setting.in_database == in_database) {
      by_role[setting.role].push_back(setting.setting);
    }
  }
  return by_role;
}

bool has_role(const core::StoredSettings &settings, const std::string &role) {
  return std::binary_search(settings.role_names.begin(), settings.role_names.end(), role);
}

// `search_path=app, public; work_mem=8MB`
std::string listed(const std::vector<core::Setting> &settings) {
  std::string text;
  for (const auto &setting : settings) {
    text += (text.empty() ? "" : "; ") + setting.name + "=" + setting.value;
  }
  return text;
}

nlohmann::ordered_json as_json(const std::vector<core::Setting> &settings) {
  auto json = nlohmann::ordered_json::array();
  for (const auto &setting : settings) {
    json.push_back(setting.name + "=" + setting.value);
  }
  return json;
}

class SettingsComparison {
public:
  SettingsComparison(const core::Catalog &source, const core::Catalog &target)
      : m_source(source.settings), m_target(target.settings) {}

  std::vector<report::Finding> run() {
    database_settings();
    role_settings_in_database();
    global_role_settings();
    return std::move(m_findings);
  }

private:
  // Compares one list of settings by name; `id_of` gives the finding id of a setting's name
  // and its difference ("missing", "changed", "extra").
  template <typename IdOf>
  void compare(const std::vector<core::Setting> &source, const std::vector<core::Setting> &target,
               const std::string &object_prefix, const std::string &where, IdOf id_of) {
    // A value shown quoted in the message, raw (null when not set) in the details.
    const auto add = [&](const std::string &name, const char *difference,
                         const std::optional<std::string> &source_value,
                         const std::optional<std::string> &target_value) {
      const auto shown = [](const std::optional<std::string> &value) {
        return value ? "'" + *value + "'" : std::string{"not set"};
      };
      const auto raw = [](const std::optional<std::string> &value) {
        return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
      };
      m_findings.push_back(make_finding(
          "settings", id_of(name, difference), object_prefix + name,
          fmt::format("{} {} is {} on the source but {} on the target", where, name,
                      shown(source_value), shown(target_value)),
          {{"setting", name}, {"source", raw(source_value)}, {"target", raw(target_value)}}));
    };
    match_objects(
        source, target, [](const core::Setting &s) { return s.name; },
        [&](const core::Setting &s) { add(s.name, "missing", s.value, std::nullopt); },
        [&](const core::Setting &t) { add(t.name, "extra", std::nullopt, t.value); },
        [&](const core::Setting &s, const core::Setting &t) {
          if (!same_value(s, t)) {
            add(s.name, "changed", s.value, t.value);
          }
        });
  }

  // The same value, read as each side's server reads it (5s and 5000ms, on and true); as
  // stored text when either server does not know the setting (a custom `app.x`).
  bool same_value(const core::Setting &s, const core::Setting &t) const {
    if (s.value == t.value) {
      return true;
    }
    const core::SettingDefinition *on_source = m_source.definition(s.name);
    const core::SettingDefinition *on_target = m_target.definition(t.name);
    if (on_source == nullptr || on_target == nullptr) {
      return false;
    }
    const auto source_value = canonical_setting_value(s.value, on_source->vartype, on_source->unit);
    const auto target_value = canonical_setting_value(t.value, on_target->vartype, on_target->unit);
    return source_value && target_value && *source_value == *target_value;
  }

  void database_settings() {
    compare(m_source.database_settings, m_target.database_settings, "",
            "the database setting (ALTER DATABASE … SET)",
            [](const std::string &name, const char *difference) {
              return is_monitoring_setting(name)
                         ? std::string{"database_setting.monitoring_changed"}
                         : "database_setting." + std::string{difference};
            });
  }

  void role_settings_in_database() {
    const auto source = settings_by_role(m_source, true);
    const auto target = settings_by_role(m_target, true);
    const auto id_of = [](const std::string &, const char *difference) {
      return "role_setting." + std::string{difference};
    };
    static const std::vector<core::Setting> k_none;
    for (const auto &[role, settings] : source) {
      if (!has_role(m_target, role)) {
        m_findings.push_back(make_finding(
            "settings", "role_setting.role_missing", role,
            fmt::format("role {} does not exist on the target: its settings in database {} "
                        "(ALTER ROLE … IN DATABASE … SET {}) cannot apply",
                        role, m_source.database, listed(settings)),
            {{"role", role}, {"source", as_json(settings)}}));
        continue;
      }
      const auto it = target.find(role);
      compare(settings, it == target.end() ? k_none : it->second, role + ".",
              "role " + role + "'s setting in this database", id_of);
    }
    for (const auto &[role, settings] : target) {
      if (source.count(role) != 0) {
        continue;
      }
      if (has_role(m_source, role)) {
        compare(k_none, settings, role + ".", "role " + role + "'s setting in this database",
                id_of);
      } else {
        m_findings.push_back(make_finding(
            "settings", "role_setting.role_only_on_target", role,
            fmt::format("role {}, which does not exist on the source, has settings in database "
                        "{} on the target: {}",
                        role, m_target.database, listed(settings)),
            {{"role", role}, {"target", as_json(settings)}}));
      }
    }
  }

  void global_role_settings() {
    const auto source = settings_by_role(m_source, false);
    const auto target = settings_by_role(m_target, false);
    static const std::vector<core::Setting> k_none;
    const auto id_of = [](const std::string &, const char *) {
      return std::string{"role_setting.global_changed"};
    };
    for (const auto &role : m_source.role_names) {
      if (!has_role(m_target, role)) {
        continue;
      }
      const auto s = source.find(role);
      const auto t = target.find(role);
      compare(s == source.end() ? k_none : s->second, t == target.end() ? k_none : t->second,
              role + ".", "role " + role + "'s setting in every database (ALTER ROLE … SET)",
              id_of);
    }
  }

  const core::StoredSettings &m_source;
  const core::StoredSettings &m_target;
  std::vector<report::Finding> m_findings;
};

} // namespace

bool is_monitoring_setting(std::string_view name) {
  const auto starts = [&](std::string_view prefix) {
    return name.substr(0, prefix.size()) == prefix;
  };
  return name == "application_name" || starts("log_") || starts("track_") ||
         starts("auto_explain.");
}

std::vector<report::Finding> check_settings(const core::Catalog &source,
                                            const core::Catalog &target) {
  return SettingsComparison{source, target}.run();
}

} // namespace pgparity::checks
