#include "checks/audit.hpp"

#include "checks/coverage.hpp"
#include "checks/structure_check.hpp"
#include "checks/table_selection.hpp"
#include "core/catalog_reader.hpp"
#include "core/progress_ticker.hpp"
#include "core/same_database.hpp"
#include "core/snapshot_pool.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace pgparity::checks {

namespace {

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

} // namespace

report::AuditReport run_audit(const core::ConnectionString &source_url,
                              const core::ConnectionString &target_url, const AuditConfig &config,
                              const core::Log &log) {
  report::AuditReport report;
  report.fail_on = config.fail_on;
  report.waivers = config.waivers;
  report.started_at = std::chrono::system_clock::now();
  report.options = config.options;
  report.scope = config.scope;
  report.source.url = source_url.redacted();
  report.target.url = target_url.redacted();

  auto started = Clock::now();
  const auto total_started = started;
  core::refuse_same_database(source_url, target_url);
  core::SnapshotPool source{source_url, config.jobs, config.sessions};
  core::SnapshotPool target{target_url, config.jobs, config.sessions};
  report.timings.emplace_back("connect", seconds_since(started));

  started = Clock::now();
  const auto [source_catalog, target_catalog] =
      core::read_catalogs(source.session(0), target.session(0));
  report.source.server_version = source_catalog.server.version;
  report.target.server_version = target_catalog.server.version;
  report.timings.emplace_back("catalog", seconds_since(started));
  report.coverage = build_coverage(source_catalog, target_catalog, config.scope);
  for (const auto &row : report.coverage) {
    if (report::leaves_unverified(row)) {
      report.incomplete_reasons.push_back(fmt::format("{} ({} on the source, {} on the target) not "
                                                      "compared: {}",
                                                      row.object_class, row.source, row.target,
                                                      row.note));
    }
  }
  require_matching_patterns(source_catalog, target_catalog, config.data.filter);
  log.info(fmt::format("connected, {} sessions per side; comparing {} tables on the source "
                       "with {} on the target",
                       config.jobs, source_catalog.tables.size(), target_catalog.tables.size()));

  const auto &families = config.scope.checks;
  if (std::find(families.begin(), families.end(), "structure") != families.end()) {
    const auto structure =
        check_structure(source_catalog, target_catalog, source, target, config.structure);
    report.findings = structure.findings;
    report.incomplete_reasons.insert(report.incomplete_reasons.end(), structure.unverified.begin(),
                                     structure.unverified.end());
    report.timings.insert(report.timings.end(), structure.timings.begin(), structure.timings.end());
  } else {
    log.info("data only: the structural checks do not run (--data-only)");
  }

  DataCheckOptions data_options = config.data; // keeps the caller's stop flag
  hashing::EngineProgress progress;
  data_options.progress = &progress;
  const auto data_started = Clock::now();
  auto outcome = [&] {
    const core::ProgressTicker ticker{[&] { return progress_line(progress, data_started); },
                                      config.show_progress};
    return check_data(source_catalog, target_catalog, source, target, data_options);
  }();
  report.findings.insert(report.findings.end(), outcome.findings.begin(), outcome.findings.end());
  report.tables = std::move(outcome.tables);
  report.incomplete_reasons.insert(report.incomplete_reasons.end(),
                                   outcome.incomplete_reasons.begin(),
                                   outcome.incomplete_reasons.end());
  report.timings.insert(report.timings.end(), outcome.timings.begin(), outcome.timings.end());
  if (config.data.stop != nullptr && config.data.stop->load()) {
    report.incomplete_reasons.emplace_back(
        "the comparison was interrupted; tables not read before that are not verified");
  }
  report::apply_severity_overrides(report.findings, config.severity_overrides);
  report.timings.emplace_back("total", seconds_since(total_started));
  report.finished_at = std::chrono::system_clock::now();
  return report;
}

} // namespace pgparity::checks
