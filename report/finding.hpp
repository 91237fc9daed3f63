// A finding: one difference between source and target, as a value. Its id is a stable string
// that waivers and scripts name; its default severity comes from one table (severity.cpp), so
// every check rates the same difference the same way.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pgparity::report {

enum class Severity { info = 0, warning = 1, error = 2 };

std::string to_string(Severity severity);

struct Finding {
  std::string check; // tables, schema, data, …
  std::string id;    // e.g. data.row_changed
  Severity severity = Severity::error;
  std::string object; // schema.table, schema.table.column, … unquoted
  std::string message;
  nlohmann::ordered_json details = nlohmann::ordered_json::object();
};

// The default severity of a finding id (error for an id not in the table).
Severity default_severity(std::string_view id);

// Replaces the severity of every finding whose id is in `overrides` (--severity id=level).
void apply_severity_overrides(std::vector<Finding> &findings,
                              const std::map<std::string, Severity> &overrides);

// A finding with the default severity of its id.
Finding make_finding(std::string check, std::string id, std::string object, std::string message,
                     nlohmann::ordered_json details = nlohmann::ordered_json::object());

} // namespace pgparity::report
