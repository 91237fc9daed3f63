#include "checks/data_check.hpp"

#include "checks/data_plan.hpp"
#include "hashing/engine.hpp"
#include "report/not_verified.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace pgparity::checks {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

} // namespace

DataCheckOutcome check_data(const core::Catalog &source_catalog,
                            const core::Catalog &target_catalog, core::SnapshotPool &source,
                            core::SnapshotPool &target, const DataCheckOptions &options) {
  DataCheckOutcome outcome;
  const hashing::EngineOptions engine{options.retries, options.progress, options.stop};
  auto started = Clock::now();
  DataPlan plan = plan_data(source_catalog, target_catalog, source, target, options, engine);
  outcome.findings = plan.findings;
  outcome.tables = plan.unpaired;
  outcome.timings.emplace_back("plan", seconds_since(started));

  started = Clock::now();
  const auto digests = hashing::digest_tables(plan.jobs, source, target, engine);
  outcome.timings.emplace_back("data", seconds_since(started));

  started = Clock::now();
  std::vector<hashing::CollectRequest> requests;
  std::vector<std::size_t> result_of_request;
  const std::size_t first_pair_result = outcome.tables.size();
  for (std::size_t j = 0; j < plan.jobs.size(); ++j) {
    std::vector<std::size_t> mismatched;
    outcome.tables.push_back(compare_digests(plan.tables[j], digests[j], mismatched));
    const auto &result = outcome.tables.back();
    if (result.status == report::TableStatus::mismatch) {
      outcome.findings.push_back(report::make_finding(
          "data", "data.table_mismatch", result.name,
          fmt::format("{} of {} chunks differ ({} rows on the source, {} on the target)",
                      result.mismatched_chunks, result.chunks, result.rows_source,
                      result.rows_target),
          {{"rows_source", result.rows_source},
           {"rows_target", result.rows_target},
           {"chunks", result.chunks},
           {"mismatched_chunks", result.mismatched_chunks}}));
      mismatched.resize(
          std::min(mismatched.size(), std::max<std::size_t>(options.max_examples, 1)));
      requests.push_back({j, mismatched});
      result_of_request.push_back(first_pair_result + j);
    }
  }
  report::report_not_verified(outcome.tables, outcome.findings, outcome.incomplete_reasons);
  std::vector<report::TableResult *> results;
  for (const std::size_t index : result_of_request) {
    results.push_back(&outcome.tables[index]);
  }
  localize_rows(plan, requests, source, target, options, engine, results, outcome.findings);
  outcome.timings.emplace_back("localize", seconds_since(started));

  std::sort(outcome.tables.begin(), outcome.tables.end(),
            [](const auto &a, const auto &b) { return a.name < b.name; });
  return outcome;
}

} // namespace pgparity::checks
