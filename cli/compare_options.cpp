#include "cli/compare_options.hpp"

#include "core/duration.hpp"

#include <chrono>

namespace pgparity::cli {

namespace {

nlohmann::ordered_json options_json(const CompareOptions &options) {
  return {{"jobs", options.jobs},
          {"chunk_size", options.chunk_rows},
          {"max_examples", options.max_examples},
          {"show_values", options.show_values},
          {"include", options.include},
          {"exclude", options.exclude},
          {"fail_on", options.report.fail_on},
          {"waivers", options.report.waivers},
          {"severity", options.report.severity},
          {"deep", options.deep},
          {"amcheck", options.amcheck},
          {"orphan_timeout", options.orphan_timeout},
          {"statement_timeout", options.statement_timeout},
          {"lock_timeout", options.lock_timeout},
          {"data_only", options.data_only}};
}

} // namespace

void add_endpoint_options(CLI::App &command, std::string &source, std::string &target) {
  command
      .add_option("--source", source, "Source connection string (URL or key=value; libpq syntax)")
      ->envname("PGPARITY_SOURCE")
      ->required();
  command.add_option("--target", target, "Target connection string")
      ->envname("PGPARITY_TARGET")
      ->required();
}

void add_data_options(CLI::App &command, CompareOptions &options) {
  command.add_option("--include", options.include,
                     "Only tables matching this schema.table pattern (*, ?; repeatable); a "
                     "partitioned or INHERITS parent brings its partitions and children; one "
                     "matching no table on the source: exit 2");
  command.add_option("--exclude", options.exclude,
                     "Skip tables matching this schema.table pattern (repeatable; wins over "
                     "--include)");
  command.add_option("--jobs", options.jobs, "Sessions per side reading in parallel")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  command
      .add_option("--chunk-size", options.chunk_rows,
                  "Rows per chunk: the unit a difference is narrowed down to")
      ->check(CLI::Range(100, 10000000))
      ->capture_default_str();
  command.add_option("--max-examples", options.max_examples, "Differing rows reported per table")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  command.add_flag("--show-values", options.show_values,
                   "Show the values of differing rows (keys are always shown); data may be "
                   "sensitive");
  command
      .add_option("--statement-timeout", options.statement_timeout,
                  "Limit for every query on either side (e.g. 90s, 30m; above 0, at most "
                  "24.8 days, as PostgreSQL takes it); a table whose read hits it is not "
                  "verified")
      ->capture_default_str();
  command
      .add_option("--lock-timeout", options.lock_timeout,
                  "Limit for waiting on a lock another session holds (e.g. 1s, 30s; above 0, "
                  "at most 24.8 days); a table locked longer is not verified, and the "
                  "application is never blocked behind a waiting reader for longer")
      ->capture_default_str();
  add_report_options(command, options.report);
}

void add_compare_options(CLI::App &command, CompareOptions &options) {
  add_data_options(command, options);
  command.add_flag("--deep", options.deep,
                   "Count orphan rows on the target for every foreign key, not only for those "
                   "missing or NOT VALID there");
  command.add_flag("--amcheck", options.amcheck,
                   "Check every B-tree index of the target with amcheck's bt_index_check (the "
                   "extension must be installed there); catches indexes corrupted by a "
                   "collation change");
  command
      .add_option("--orphan-timeout", options.orphan_timeout,
                  "Seconds one orphan count may take before it is reported unverified")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
}

checks::AuditConfig make_audit_config(const CompareOptions &options, bool show_progress) {
  const ReportPolicy policy = parse_report_policy(options.report);
  checks::AuditConfig config;
  config.jobs = options.jobs;
  config.data.chunk_rows = options.chunk_rows;
  config.data.max_examples = options.max_examples;
  config.data.show_values = options.show_values;
  config.data.filter = checks::TableFilter{options.include, options.exclude};
  config.structure = {.deep = options.deep,
                      .amcheck = options.amcheck,
                      .orphan_timeout = std::chrono::seconds{options.orphan_timeout}};
  config.fail_on = policy.fail_on;
  config.waivers = policy.waivers;
  config.severity_overrides = policy.overrides;
  config.options = options_json(options);
  config.show_progress = show_progress;
  config.sessions = {
      .read_only = true,
      .statement_timeout =
          core::parse_server_timeout(options.statement_timeout, "--statement-timeout"),
      .lock_timeout = core::parse_server_timeout(options.lock_timeout, "--lock-timeout")};
  config.structure.sessions = config.sessions;
  if (options.data_only) {
    config.scope.checks = {"data"};
  }
  config.scope.include = options.include;
  config.scope.exclude = options.exclude;
  config.scope.severity_overrides = policy.overrides;
  return config;
}

report::AuditReport placeholder_report(const std::string &command,
                                       const checks::AuditConfig &config,
                                       const core::ConnectionString &source,
                                       const core::ConnectionString &target) {
  report::AuditReport report;
  report.command = command;
  report.started_at = std::chrono::system_clock::now();
  report.finished_at = report.started_at;
  report.options = config.options;
  report.scope = config.scope;
  report.fail_on = config.fail_on;
  report.waivers = config.waivers;
  report.source.url = source.redacted();
  report.target.url = target.redacted();
  report.incomplete_reasons = {"the run did not finish"};
  return report;
}

} // namespace pgparity::cli
