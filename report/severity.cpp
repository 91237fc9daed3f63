#include "report/finding.hpp"

#include <array>
#include <utility>

namespace pgparity::report {

namespace {

// The default severity of every finding id. docs/report.md documents the same table.
constexpr std::array<std::pair<std::string_view, Severity>, 105> k_default_severities{{
    {"table.missing_on_target", Severity::error},
    {"table.extra_on_target", Severity::warning},
    {"table.extra_child_on_target", Severity::error},
    {"table.not_verified", Severity::error},
    {"table.foreign_skipped", Severity::info},
    {"column.missing_on_target", Severity::error},
    {"column.extra_on_target", Severity::warning},
    {"column.type_changed", Severity::error},
    {"data.table_mismatch", Severity::error},
    {"data.row_missing_on_target", Severity::error},
    {"data.row_extra_on_target", Severity::error},
    {"data.row_changed", Severity::error},
    {"data.unsettled", Severity::warning},
    {"schema.missing", Severity::error},
    {"schema.extra", Severity::warning},
    {"table.kind_changed", Severity::error},
    {"table.partitioning_changed", Severity::error},
    {"table.inheritance_changed", Severity::error},
    {"table.persistence_changed", Severity::warning},
    {"table.row_security_changed", Severity::error},
    {"column.not_null_dropped", Severity::error},
    {"column.not_null_added", Severity::warning},
    {"column.default_missing", Severity::error},
    {"column.default_changed", Severity::error},
    {"column.identity_changed", Severity::error},
    {"column.generated_changed", Severity::error},
    {"column.collation_changed", Severity::warning},
    {"view.missing", Severity::error},
    {"view.extra", Severity::warning},
    {"view.definition_changed", Severity::error},
    {"view.not_populated", Severity::error},
    {"function.missing", Severity::error},
    {"function.extra", Severity::warning},
    {"function.body_changed", Severity::error},
    {"function.definition_changed", Severity::warning},
    {"trigger.missing", Severity::error},
    {"trigger.extra", Severity::warning},
    {"trigger.definition_changed", Severity::error},
    {"trigger.disabled", Severity::error},
    {"type.missing", Severity::error},
    {"type.extra", Severity::warning},
    {"enum.labels_changed", Severity::error},
    {"domain.changed", Severity::error},
    {"composite.changed", Severity::error},
    {"policy.missing", Severity::error},
    {"policy.extra", Severity::warning},
    {"policy.changed", Severity::error},
    {"rule.missing", Severity::error},
    {"rule.extra", Severity::error},
    {"rule.changed", Severity::error},
    {"rule.enabled_changed", Severity::error},
    {"view.options_changed", Severity::error},
    {"table.options_changed", Severity::warning},
    {"table.replica_identity_changed", Severity::error},
    {"table.replica_identity_changed_unpublished", Severity::warning},
    {"column.storage_changed", Severity::warning},
    {"column.compression_changed", Severity::warning},
    {"column.statistics_target_changed", Severity::warning},
    {"statistics.missing", Severity::warning},
    {"statistics.extra", Severity::info},
    {"statistics.changed", Severity::warning},
    {"event_trigger.missing", Severity::error},
    {"event_trigger.extra", Severity::error},
    {"event_trigger.changed", Severity::error},
    {"publication.missing", Severity::error},
    {"publication.extra", Severity::error},
    {"publication.changed", Severity::error},
    {"foreign_table.missing", Severity::error},
    {"foreign_table.extra", Severity::error},
    {"foreign_table.changed", Severity::error},
    {"foreign_server.missing", Severity::error},
    {"foreign_server.extra", Severity::info},
    {"foreign_server.changed", Severity::error},
    {"user_mapping.missing", Severity::error},
    {"user_mapping.extra", Severity::info},
    {"sequence.missing", Severity::error},
    {"sequence.extra", Severity::warning},
    {"sequence.definition_changed", Severity::error},
    {"sequence.behind_max", Severity::error},
    {"sequence.column_not_judged", Severity::info},
    {"sequence.behind_source", Severity::error},
    {"index.missing", Severity::error},
    {"index.invalid", Severity::error},
    {"index.extra", Severity::info},
    {"index.corrupt", Severity::error},
    {"constraint.missing", Severity::error},
    {"constraint.not_valid", Severity::error},
    {"constraint.extra", Severity::warning},
    {"fk.missing", Severity::error},
    {"fk.not_valid", Severity::error},
    {"extension.missing", Severity::error},
    {"extension.version_changed", Severity::warning},
    {"extension.schema_changed", Severity::warning},
    {"extension.extra", Severity::info},
    {"large_object.missing", Severity::error},
    {"large_object.changed", Severity::error},
    {"large_object.extra", Severity::warning},
    {"server.version_changed", Severity::info},
    {"server.encoding_changed", Severity::error},
    {"server.collation_changed", Severity::warning},
    {"server.collation_version_changed", Severity::warning},
    {"ownership.changed", Severity::info},
    {"privileges.changed", Severity::info},
    {"restore.ignored_error", Severity::info},
    {"restore.error", Severity::error},
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

void apply_severity_overrides(std::vector<Finding> &findings,
                              const std::map<std::string, Severity> &overrides) {
  for (auto &finding : findings) {
    if (auto it = overrides.find(finding.id); it != overrides.end()) {
      finding.severity = it->second;
    }
  }
}

Finding make_finding(std::string check, std::string id, std::string object, std::string message,
                     nlohmann::ordered_json details) {
  const Severity severity = default_severity(id);
  return Finding{std::move(check),  std::move(id),      severity,
                 std::move(object), std::move(message), std::move(details)};
}

} // namespace pgparity::report
