#include "report/finding.hpp"

#include <array>
#include <utility>

namespace pgparity::report {

namespace {

// The default severity of every finding id. docs/report.md documents the same table.
constexpr std::array<std::pair<std::string_view, Severity>, 11> k_default_severities{{
    {"table.missing_on_target", Severity::error},
    {"table.extra_on_target", Severity::warning},
    {"table.not_verified", Severity::error},
    {"table.foreign_skipped", Severity::info},
    {"column.missing_on_target", Severity::error},
    {"column.extra_on_target", Severity::warning},
    {"column.type_changed", Severity::error},
    {"data.table_mismatch", Severity::error},
    {"data.row_missing_on_target", Severity::error},
    {"data.row_extra_on_target", Severity::error},
    {"data.row_changed", Severity::error},
}};

} // namespace

std::string to_string(Severity severity) {
  switch (severity) {
  case Severity::info:
    return "info";
  case Severity::warning:
    return "warning";
  case Severity::error:
    return "error";
  }
  return "error";
}

Severity default_severity(std::string_view id) {
  for (const auto &[known, severity] : k_default_severities) {
    if (known == id) {
      return severity;
    }
  }
  return Severity::error;
}

Finding make_finding(std::string check, std::string id, std::string object, std::string message,
                     nlohmann::ordered_json details) {
  const Severity severity = default_severity(id);
  return Finding{std::move(check),  std::move(id),      severity,
                 std::move(object), std::move(message), std::move(details)};
}

} // namespace pgparity::report
