#include "checks/data_check.hpp"
#include "checks/structure_check.hpp"
#include "cli/command.hpp"
#include "core/catalog_reader.hpp"
#include "core/connection_string.hpp"
#include "core/log.hpp"
#include "core/progress_ticker.hpp"
#include "core/snapshot_pool.hpp"
#include "hashing/digest.hpp"
#include "report/audit_report.hpp"
#include "report/gate.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pgparity::cli {

namespace {

struct AuditOptions {
  std::string source;
  std::string target;
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  std::size_t jobs = 2;
  std::size_t chunk_rows = 10000;
  std::size_t max_examples = 10;
  bool show_values = false;
  std::string report_json;
  bool quiet = false;
  std::string fail_on = "error";
  std::string waivers;
  std::vector<std::string> severity;
  bool deep = false;
  bool amcheck = false;
  int orphan_timeout = 60;
};

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string progress_line(const hashing::EngineProgress &progress, Clock::time_point started) {
  const double elapsed = seconds_since(started);
  const auto rows = progress.rows.load();
  return fmt::format("reading: {}/{} table slices done, {} rows ({:.0f} rows/s), {:.0f}s",
                     progress.slices_done.load(), progress.slices_total.load(), rows,
                     elapsed > 0 ? static_cast<double>(rows) / elapsed : 0.0, elapsed);
}

nlohmann::ordered_json options_json(const AuditOptions &options) {
  return {{"jobs", options.jobs},
          {"chunk_size", options.chunk_rows},
          {"max_examples", options.max_examples},
          {"show_values", options.show_values},
          {"include", options.include},
          {"exclude", options.exclude},
          {"fail_on", options.fail_on},
          {"waivers", options.waivers},
          {"severity", options.severity}};
}

ExitCode run_audit(const AuditOptions &options) {
  const core::Log log{options.quiet ? core::LogLevel::warning : core::LogLevel::info};
  const auto source_url = core::ConnectionString::parse("source", options.source);
  const auto target_url = core::ConnectionString::parse("target", options.target);

  // Every option is checked before anything connects: bad input touches no database.
  report::AuditReport report;
  report.fail_on = report::parse_severity(options.fail_on);
  if (!options.waivers.empty()) {
    report.waivers = report::read_waivers(options.waivers);
  }
  std::map<std::string, report::Severity> overrides;
  for (const auto &text : options.severity) {
    overrides.insert(report::parse_severity_override(text));
  }
  report.started_at = std::chrono::system_clock::now();
  report.options = options_json(options);
  report.source.url = source_url.redacted();
  report.target.url = target_url.redacted();

  auto started = Clock::now();
  const auto total_started = started;
  core::SnapshotPool source{source_url, options.jobs};
  core::SnapshotPool target{target_url, options.jobs};
  report.timings.emplace_back("connect", seconds_since(started));

  started = Clock::now();
  const auto [source_catalog, target_catalog] =
      core::read_catalogs(source.session(0), target.session(0));
  report.source.server_version = source_catalog.server.version;
  report.target.server_version = target_catalog.server.version;
  report.timings.emplace_back("catalog", seconds_since(started));
  log.info(fmt::format("connected, {} sessions per side; comparing {} tables on the source "
                       "with {} on the target",
                       options.jobs, source_catalog.tables.size(), target_catalog.tables.size()));

  const auto structure = checks::check_structure(
      source_catalog, target_catalog, source, target,
      checks::StructureFactOptions{.deep = options.deep,
                                   .amcheck = options.amcheck,
                                   .orphan_timeout = std::chrono::seconds{options.orphan_timeout}});
  report.findings = structure.findings;
  report.incomplete_reasons = structure.unverified;
  report.timings.insert(report.timings.end(), structure.timings.begin(), structure.timings.end());

  checks::DataCheckOptions data_options;
  data_options.chunk_rows = options.chunk_rows;
  data_options.max_examples = options.max_examples;
  data_options.show_values = options.show_values;
  data_options.filter = checks::TableFilter{options.include, options.exclude};
  hashing::EngineProgress progress;
  data_options.progress = &progress;
  const auto data_started = Clock::now();
  auto outcome = [&] {
    const core::ProgressTicker ticker{[&] { return progress_line(progress, data_started); },
                                      !options.quiet};
    return checks::check_data(source_catalog, target_catalog, source, target, data_options);
  }();
  report.findings.insert(report.findings.end(), outcome.findings.begin(), outcome.findings.end());
  report.tables = std::move(outcome.tables);
  report.timings.insert(report.timings.end(), outcome.timings.begin(), outcome.timings.end());
  report::apply_severity_overrides(report.findings, overrides);
  report.timings.emplace_back("total", seconds_since(total_started));
  report.finished_at = std::chrono::system_clock::now();

  if (!options.report_json.empty()) {
    report::write_json(report::with_digest(report::to_json(report), hashing::document_digest),
                       options.report_json);
    log.info("report written to " + options.report_json);
  }
  const std::string summary = report::render_summary(report);
  std::fwrite(summary.data(), 1, summary.size(), stdout);
  switch (report.status()) {
  case report::Status::clean:
    return ExitCode::clean;
  case report::Status::failed:
    return ExitCode::failed;
  case report::Status::incomplete:
    return ExitCode::incomplete;
  }
  return ExitCode::internal;
}

} // namespace

Command add_audit_command(CLI::App &app) {
  auto options = std::make_shared<AuditOptions>();
  CLI::App *sub = app.add_subcommand(
      "audit", "Compare two live databases: schema objects, sequences, indexes, constraints, "
               "extensions, large objects, and every row of every table by parallel chunked "
               "hashing inside one snapshot per side. Reads only; never writes to either side.");
  sub->add_option("--source", options->source,
                  "Source connection string (URL or key=value; libpq syntax)")
      ->envname("PGPARITY_SOURCE")
      ->required();
  sub->add_option("--target", options->target, "Target connection string")
      ->envname("PGPARITY_TARGET")
      ->required();
  sub->add_option("--include", options->include,
                  "Only tables matching this schema.table pattern (*, ?; repeatable)");
  sub->add_option("--exclude", options->exclude,
                  "Skip tables matching this schema.table pattern (repeatable; wins over "
                  "--include)");
  sub->add_option("--jobs", options->jobs, "Sessions per side reading in parallel")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  sub->add_option("--chunk-size", options->chunk_rows,
                  "Rows per chunk: the unit a difference is narrowed down to")
      ->check(CLI::Range(100, 10000000))
      ->capture_default_str();
  sub->add_option("--max-examples", options->max_examples, "Differing rows reported per table")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  sub->add_flag("--show-values", options->show_values,
                "Show the values of differing rows (keys are always shown); data may be "
                "sensitive");
  sub->add_option("--report-json", options->report_json, "Write the JSON report here (atomically)");
  sub->add_option("--fail-on", options->fail_on,
                  "Lowest severity that fails the run: error, warning or info")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->capture_default_str();
  sub->add_option("--waivers", options->waivers,
                  "JSON file of accepted findings (id, object pattern, reason, accepted_by, "
                  "expires); they do not fail the run and are listed in the report");
  sub->add_option("--severity", options->severity,
                  "Change a finding's severity for this run, e.g. index.extra=error (repeatable)");
  sub->add_flag("--deep", options->deep,
                "Count orphan rows on the target for every foreign key, not only for those "
                "missing or NOT VALID there");
  sub->add_flag("--amcheck", options->amcheck,
                "Check every B-tree index of the target with amcheck's bt_index_check (the "
                "extension must be installed there); catches indexes corrupted by a collation "
                "change");
  sub->add_option("--orphan-timeout", options->orphan_timeout,
                  "Seconds one orphan count may take before it is reported unverified")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  sub->add_flag("--quiet", options->quiet, "Only warnings and errors on stderr");
  return {sub, [options] { return run_audit(*options); }};
}

} // namespace pgparity::cli
