#include "core/utc_time.hpp"
#include "report/audit_report.hpp"

namespace pgparity::report {

namespace {

constexpr int k_report_version = 1;

nlohmann::ordered_json values_json(const std::optional<Values> &values) {
  if (!values) {
    return nullptr;
  }
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  for (const auto &[name, value] : *values) {
    json[name] = value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
  }
  return json;
}

nlohmann::ordered_json example_json(const RowExample &example) {
  nlohmann::ordered_json json{{"kind", example.kind},
                              {"key", values_json(example.key)},
                              {"count", example.count},
                              {"source", values_json(example.source)},
                              {"target", values_json(example.target)}};
  if (example.kind == "changed") {
    json["columns"] = example.columns;
  }
  return json;
}

nlohmann::ordered_json table_json(const TableResult &table) {
  nlohmann::ordered_json json{{"name", table.name}};
  if (!table.kind.empty()) { // a materialized view; absent for a table
    json["kind"] = table.kind;
  }
  json.update(nlohmann::ordered_json{
      {"status", to_string(table.status)},
      {"key", table.key ? nlohmann::ordered_json(*table.key) : nlohmann::ordered_json(nullptr)},
      {"rows_source", table.rows_source},
      {"rows_target", table.rows_target},
      {"chunks", table.chunks},
      {"mismatched_chunks", table.mismatched_chunks},
      {"seconds", table.seconds},
      {"examples", nlohmann::ordered_json::array()}});
  if (!table.reason.empty()) {
    json["reason"] = table.reason;
  }
  for (const auto &example : table.examples) {
    json["examples"].push_back(example_json(example));
  }
  return json;
}

nlohmann::ordered_json scope_json(const Scope &scope) {
  nlohmann::ordered_json overrides = nlohmann::ordered_json::object();
  for (const auto &[id, severity] : scope.severity_overrides) {
    overrides[id] = to_string(severity);
  }
  return {{"checks", scope.checks},
          {"include", scope.include},
          {"exclude", scope.exclude},
          {"partial", !scope.partial.empty()},
          {"partial_reason", scope.partial},
          {"severity_overrides", overrides},
          {"ignored_columns", scope.ignored_columns}};
}

} // namespace

nlohmann::ordered_json to_json(const AuditReport &report) {
  nlohmann::ordered_json json{
      {"tool", "pgparity"},
      {"version", PGPARITY_VERSION},
      {"report_version", k_report_version},
      {"command", report.command},
      {"status", to_string(report.status())},
      {"started_at", core::utc_timestamp(report.started_at)},
      {"finished_at", core::utc_timestamp(report.finished_at)},
      {"options", report.options},
      {"scope", scope_json(report.scope)},
      {"source", {{"url", report.source.url}, {"server_version", report.source.server_version}}},
      {"target", {{"url", report.target.url}, {"server_version", report.target.server_version}}},
      {"findings", nlohmann::ordered_json::array()},
      {"tables", nlohmann::ordered_json::array()},
      {"coverage", nlohmann::ordered_json::array()},
      {"timings", nlohmann::ordered_json::object()},
      {"incomplete_reasons", report.incomplete_reasons},
      {"fail_on", to_string(report.fail_on)}};
  for (const auto &f : report.findings) {
    nlohmann::ordered_json finding{
        {"check", f.check},   {"id", f.id},           {"severity", to_string(f.severity)},
        {"object", f.object}, {"message", f.message}, {"details", f.details}};
    if (const Waiver *waiver = report.waiver_of(f)) {
      finding["waived"] = waiver->reason + " (" + waiver->accepted_by + ")";
    }
    json["findings"].push_back(finding);
  }
  for (const auto &table : report.tables) {
    json["tables"].push_back(table_json(table));
  }
  for (const auto &row : report.coverage) {
    json["coverage"].push_back({{"class", row.object_class},
                                {"source", row.source},
                                {"target", row.target},
                                {"status", to_string(row.state)},
                                {"note", row.note}});
  }
  for (const auto &[phase, seconds] : report.timings) {
    json["timings"][phase] = seconds;
  }
  for (const auto &[key, value] : report.sections.items()) {
    json[key] = value;
  }
  return json;
}

void write_json(const nlohmann::ordered_json &document, const std::string &path) {
  // Invalid UTF-8 (values of a SQL_ASCII database, say) is replaced, never a reason to throw.
  write_text(document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n",
             path);
}

} // namespace pgparity::report
