#include "cli/compare_options.hpp"

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
          {"orphan_timeout", options.orphan_timeout}};
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
                     "partitioned table brings its partitions; one matching nothing: exit 2");
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
  return config;
}

} // namespace pgparity::cli
