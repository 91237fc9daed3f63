#include "checks/settings_check.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace pgparity;

namespace {

using Triples = std::set<std::tuple<std::string, std::string, report::Severity>>;

Triples found(const std::vector<report::Finding> &findings) {
  Triples triples;
  for (const auto &f : findings) {
    triples.emplace(f.id, f.object, f.severity);
  }
  return triples;
}

core::Catalog with(core::StoredSettings settings) {
  core::Catalog catalog;
  catalog.settings = std::move(settings);
  return catalog;
}

constexpr auto k_error = report::Severity::error;
constexpr auto k_warning = report::Severity::warning;
constexpr auto k_info = report::Severity::info;

} // namespace

TEST(SettingsCheck, DatabaseSettingsMissingChangedExtra) {
  core::StoredSettings s{.database = "shop",
                         .database_settings = {{"application_name", "shop"},
                                               {"search_path", "app, public"},
                                               {"statement_timeout", "5min"},
                                               {"TimeZone", "UTC"}}};
  core::StoredSettings t{.database = "shop_copy",
                         .database_settings = {{"default_transaction_isolation", "serializable"},
                                               {"log_min_duration_statement", "1s"},
                                               {"search_path", "public, app"},
                                               {"TimeZone", "UTC"}}};
  const auto findings = checks::check_settings(with(s), with(t));
  EXPECT_EQ(
      found(findings),
      (Triples{{"database_setting.monitoring_changed", "application_name", k_warning},
               {"database_setting.changed", "search_path", k_error},
               {"database_setting.missing", "statement_timeout", k_error},
               {"database_setting.extra", "default_transaction_isolation", k_error},
               {"database_setting.monitoring_changed", "log_min_duration_statement", k_warning}}));
  for (const auto &f : findings) {
    if (f.object == "search_path") {
      EXPECT_EQ(f.details["source"], "app, public");
      EXPECT_EQ(f.details["target"], "public, app");
      EXPECT_NE(f.message.find("'app, public' on the source"), std::string::npos) << f.message;
    }
    if (f.object == "statement_timeout") {
      EXPECT_TRUE(f.details["target"].is_null());
    }
  }
  EXPECT_TRUE(checks::check_settings(with(s), with(s)).empty());
}

TEST(SettingsCheck, RoleSettingsByRoleName) {
  core::StoredSettings s{
      .database = "shop",
      .role_settings = {{"app", true, {"search_path", "app, public"}},
                        {"app", true, {"work_mem", "8MB"}},
                        {"app", false, {"lock_timeout", "3s"}},
                        {"gone", true, {"statement_timeout", "1min"}},
                        {"gone", false, {"work_mem", "1GB"}}, // role absent on the target
                        {"quiet", true, {"work_mem", "4MB"}}},
      .role_names = {"app", "gone", "quiet"}};
  core::StoredSettings t{.database = "shop",
                         .role_settings = {{"app", true, {"search_path", "public"}},
                                           {"app", false, {"lock_timeout", "5s"}},
                                           {"quiet", true, {"work_mem", "4MB"}},
                                           {"quiet", true, {"statement_timeout", "9s"}},
                                           {"rdsadmin", true, {"work_mem", "1MB"}}},
                         .role_names = {"app", "quiet", "rdsadmin"}};
  const auto findings = checks::check_settings(with(s), with(t));
  EXPECT_EQ(found(findings),
            (Triples{{"role_setting.changed", "app.search_path", k_error},
                     {"role_setting.missing", "app.work_mem", k_error},
                     {"role_setting.role_missing", "gone", k_warning},
                     {"role_setting.extra", "quiet.statement_timeout", k_error},
                     {"role_setting.role_only_on_target", "rdsadmin", k_info},
                     {"role_setting.global_changed", "app.lock_timeout", k_warning}}));
  for (const auto &f : findings) {
    if (f.id == "role_setting.role_missing") {
      EXPECT_NE(f.message.find("role gone does not exist on the target"), std::string::npos);
      EXPECT_NE(f.message.find("statement_timeout=1min"), std::string::npos) << f.message;
      EXPECT_EQ(f.details["source"], nlohmann::ordered_json::array({"statement_timeout=1min"}));
    }
  }
}

TEST(SettingsCheck, MonitoringSettings) {
  EXPECT_TRUE(checks::is_monitoring_setting("application_name"));
  EXPECT_TRUE(checks::is_monitoring_setting("log_statement"));
  EXPECT_TRUE(checks::is_monitoring_setting("track_io_timing"));
  EXPECT_TRUE(checks::is_monitoring_setting("auto_explain.log_min_duration"));
  EXPECT_FALSE(checks::is_monitoring_setting("search_path"));
  EXPECT_FALSE(checks::is_monitoring_setting("client_min_messages"));
}

// Two spellings of one value are the same setting: the server reads 5s and 5000ms alike. A
// setting neither server knows (a custom app.x) is only text, so its spellings differ.
TEST(SettingsCheck, ValuesComparedByMeaning) {
  const std::vector<core::SettingDefinition> definitions{{"statement_timeout", "integer", "ms"},
                                                         {"work_mem", "integer", "kB"},
                                                         {"enable_seqscan", "bool", ""},
                                                         {"client_min_messages", "enum", ""},
                                                         {"TimeZone", "string", ""}};
  core::StoredSettings s{.database = "shop",
                         .database_settings = {{"app.timeout", "5s"},
                                               {"client_min_messages", "WARNING"},
                                               {"enable_seqscan", "on"},
                                               {"statement_timeout", "5s"},
                                               {"TimeZone", "UTC"},
                                               {"work_mem", "8MB"}},
                         .role_settings = {{"app", true, {"statement_timeout", "1min"}}},
                         .role_names = {"app"},
                         .definitions = definitions};
  core::StoredSettings t{.database = "shop",
                         .database_settings = {{"app.timeout", "5000ms"},
                                               {"client_min_messages", "warning"},
                                               {"enable_seqscan", "true"},
                                               {"statement_timeout", "5000ms"},
                                               {"TimeZone", "utc"},
                                               {"work_mem", "8192"}},
                         .role_settings = {{"app", true, {"statement_timeout", "60s"}}},
                         .role_names = {"app"},
                         .definitions = definitions};
  EXPECT_EQ(found(checks::check_settings(with(s), with(t))),
            (Triples{{"database_setting.changed", "app.timeout", k_error},
                     {"database_setting.changed", "TimeZone", k_error}}));
  // A real difference in another spelling is still one.
  t.database_settings[3].value = "50s";
  EXPECT_EQ(found(checks::check_settings(with(s), with(t))),
            (Triples{{"database_setting.changed", "app.timeout", k_error},
                     {"database_setting.changed", "statement_timeout", k_error},
                     {"database_setting.changed", "TimeZone", k_error}}));
  // Known to one server only: compared as text.
  t.definitions.clear();
  EXPECT_EQ(found(checks::check_settings(with(s), with(t))).size(), 7u);
}
