#include "report/finding.hpp"

#include <array>
#include <utility>

namespace pgparity::report {

namespace {

// The default severity of every finding id. docs/report.md documents the same table.
constexpr auto k_default_severities = std::to_array<std::pair<std::string_view, Severity>>({
    {"table.missing_on_target", Severity::error},
    {"table.extra_on_target", Severity::warning},
    {"table.extra_child_on_target", Severity::error},
    {"table.not_verified", Severity::error},
    {"table.foreign_skipped", Severity::info},
    {"column.missing_on_target", Severity::error},
    {"column.extra_on_target", Severity::warning},
    {"column.extra_required_on_target", Severity::error},
    {"column.type_changed", Severity::error},
    {"data.table_mismatch", Severity::error},
    {"data.row_missing_on_target", Severity::error},
    {"data.row_extra_on_target", Severity::error},
    {"data.row_changed", Severity::error},
    {"data.unsettled", Severity::warning},
    {"data.divergence_open", Severity::error},
    {"schema.missing", Severity::error},
    {"schema.extra", Severity::warning},
    {"table.kind_changed", Severity::error},
    {"table.partitioning_changed", Severity::error},
    {"table.inheritance_changed", Severity::error},
    {"table.persistence_changed", Severity::error},
    {"table.row_security_changed", Severity::error},
    {"column.not_null_dropped", Severity::error},
    {"column.not_null_added", Severity::error},
    // PostgreSQL 18's NOT NULL … NOT VALID: existing rows unchecked on the target.
    {"column.not_null_not_valid", Severity::error},
    // Checked on the target, not on the source: new rows are refused alike on both sides.
    {"column.not_null_validated_on_target", Severity::warning},
    {"column.default_missing", Severity::error},
    {"column.default_added", Severity::error},
    {"column.default_changed", Severity::error},
    {"column.identity_changed", Severity::error},
    {"column.generated_changed", Severity::error},
    {"column.collation_changed", Severity::error},
    {"view.missing", Severity::error},
    {"view.extra", Severity::warning},
    {"view.definition_changed", Severity::error},
    {"view.column_default_changed", Severity::error},
    {"view.not_populated", Severity::error},
    // pg_restore refreshes materialized views: the target holds what the stale source's query
    // returns now, so the application sees fresher data, not wrong data.
    {"matview.stale_on_source", Severity::warning},
    // A query that calls now() or random() gives each refresh other rows: nothing to prove.
    {"matview.not_repeatable", Severity::warning},
    {"function.missing", Severity::error},
    {"function.extra", Severity::warning},
    {"function.extra_overload", Severity::error},
    {"function.body_changed", Severity::error},
    {"function.definition_changed", Severity::error},
    {"function.arguments_changed", Severity::error},
    {"function.config_changed", Severity::error},
    {"function.cost_changed", Severity::warning},
    {"aggregate.changed", Severity::error},
    {"database_setting.missing", Severity::error},
    {"database_setting.changed", Severity::error},
    {"database_setting.extra", Severity::error},
    {"database_setting.monitoring_changed", Severity::warning},
    {"role_setting.missing", Severity::error},
    {"role_setting.changed", Severity::error},
    {"role_setting.extra", Severity::error},
    {"role_setting.role_missing", Severity::warning},
    {"role_setting.role_only_on_target", Severity::info},
    {"role_setting.global_changed", Severity::warning},
    {"role_setting.not_applied", Severity::warning},
    {"database_setting.not_applied", Severity::warning},
    {"database.connection_limit_changed", Severity::warning},
    {"database.public_privilege_changed", Severity::warning},
    {"database.privileges_changed", Severity::info},
    {"database.comment_changed", Severity::info},
    {"database.not_applied", Severity::warning},
    {"trigger.missing", Severity::error},
    {"trigger.extra", Severity::error},
    {"trigger.definition_changed", Severity::error},
    {"trigger.disabled", Severity::error},
    {"type.missing", Severity::error},
    {"type.extra", Severity::warning},
    {"enum.labels_changed", Severity::error},
    {"domain.changed", Severity::error},
    {"composite.changed", Severity::error},
    {"range_type.changed", Severity::error},
    {"base_type.changed", Severity::error},
    {"collation.missing", Severity::error},
    {"collation.extra", Severity::warning},
    {"collation.changed", Severity::error},
    {"cast.missing", Severity::error},
    {"cast.extra", Severity::error},
    {"cast.changed", Severity::error},
    {"operator.missing", Severity::error},
    {"operator.extra", Severity::error},
    {"operator.changed", Severity::error},
    {"operator_class.missing", Severity::error},
    {"operator_class.extra", Severity::warning},
    {"operator_class.changed", Severity::error},
    {"operator_family.missing", Severity::error},
    {"operator_family.extra", Severity::warning},
    {"operator_family.changed", Severity::error},
    {"text_search_configuration.missing", Severity::error},
    {"text_search_configuration.extra", Severity::warning},
    {"text_search_configuration.changed", Severity::error},
    {"text_search_dictionary.missing", Severity::error},
    {"text_search_dictionary.extra", Severity::warning},
    {"text_search_dictionary.changed", Severity::error},
    {"text_search_parser.missing", Severity::error},
    {"text_search_parser.extra", Severity::warning},
    {"text_search_parser.changed", Severity::error},
    {"text_search_template.missing", Severity::error},
    {"text_search_template.extra", Severity::warning},
    {"text_search_template.changed", Severity::error},
    {"conversion.missing", Severity::error},
    {"conversion.extra", Severity::warning},
    {"conversion.changed", Severity::error},
    {"access_method.missing", Severity::error},
    {"access_method.extra", Severity::warning},
    {"access_method.changed", Severity::error},
    {"foreign_data_wrapper.missing", Severity::error},
    {"foreign_data_wrapper.extra", Severity::warning},
    {"foreign_data_wrapper.changed", Severity::error},
    {"language.missing", Severity::error},
    {"language.extra", Severity::warning},
    {"language.changed", Severity::error},
    {"transform.missing", Severity::error},
    {"transform.extra", Severity::warning},
    {"transform.changed", Severity::error},
    {"column_privileges.changed", Severity::info},
    {"default_privileges.changed", Severity::info},
    {"comment.changed", Severity::info},
    {"policy.missing", Severity::error},
    {"policy.extra", Severity::error},
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
    {"column.options_changed", Severity::warning}, // n_distinct: estimates, not results
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
    // OWNED BY: what DROP TABLE / DROP COLUMN and pg_dump --table do with the sequence.
    {"sequence.owned_by_changed", Severity::warning},
    {"sequence.trails_source", Severity::info},
    {"schema_drift.table", Severity::error},
    {"schema_drift.column", Severity::error},
    {"schema_drift.index", Severity::error},
    {"schema_drift.sequence", Severity::error},
    {"index.missing", Severity::error},
    {"index.invalid", Severity::error},
    {"index.extra", Severity::info},
    {"index.options_changed", Severity::warning},
    {"index.extra_unique", Severity::error},
    {"index.corrupt", Severity::error},
    {"index.statistics_target_changed", Severity::warning}, // planner estimates only
    {"constraint.missing", Severity::error},
    {"constraint.not_valid", Severity::error},
    {"constraint.extra", Severity::error},
    // Its triggers disabled: the constraint accepts what it should refuse, on one side only.
    {"constraint.enforcement_changed", Severity::error},
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
    {"server.collation_changed", Severity::error},
    {"server.collation_version_changed", Severity::warning},
    {"ownership.changed", Severity::info},
    {"privileges.changed", Severity::info},
    {"restore.ignored_error", Severity::info},
    {"restore.error", Severity::error},
});

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
