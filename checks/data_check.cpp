#include "checks/data_check.hpp"

#include "checks/data_plan.hpp"
#include "checks/matview_freshness.hpp"
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

// The contents differ: for a materialized view, also from what its query returns on the source
// now (`fresh`), or that could not be known.
report::Finding table_mismatch_finding(const report::TableResult &result, const Freshness *fresh) {
  std::string message =
      fmt::format("{} of {} chunks differ ({} rows on the source, {} on the target)",
                  result.mismatched_chunks, result.chunks, result.rows_source, result.rows_target);
  nlohmann::ordered_json details{{"rows_source", result.rows_source},
                                 {"rows_target", result.rows_target},
                                 {"chunks", result.chunks},
                                 {"mismatched_chunks", result.mismatched_chunks}};
  if (fresh != nullptr) {
    message += fmt::format("; materialized view: the target matches neither the source's stored "
                           "rows nor its query run on the source now ({} rows)",
                           fresh->fresh_rows);
    details["rows_fresh"] = fresh->fresh_rows;
  }
  return report::make_finding("data", "data.table_mismatch", result.name, message, details);
}

// The target holds the fresh result of a materialized view that is stale on the source.
report::Finding stale_on_source_finding(const report::TableResult &result, const Freshness &fresh) {
  return report::make_finding(
      "data", "matview.stale_on_source", result.name,
      fmt::format("materialized view is stale on the source (its tables changed since its last "
                  "REFRESH): the target holds what its query returns now ({} rows; {} stored on "
                  "the source), as pg_restore refreshes it; the application will see fresher "
                  "data after the move",
                  result.rows_target, result.rows_source),
      {{"rows_source", result.rows_source},
       {"rows_target", result.rows_target},
       {"rows_fresh", fresh.fresh_rows},
       {"chunks", result.chunks},
       {"mismatched_chunks", result.mismatched_chunks}});
}

// The contents of a materialized view whose query is not repeatable differ: two faithful
// copies refreshed at different times (or in different sessions) hold different rows, so no
// comparison can prove or disprove them.
report::Finding not_repeatable_finding(const report::TableResult &result, const Freshness &fresh) {
  std::string parts;
  for (const auto &part : fresh.unrepeatable) {
    parts += (parts.empty() ? "" : ", ") + part;
  }
  return report::make_finding(
      "data", "matview.not_repeatable", result.name,
      fmt::format("materialized view contents differ ({} rows on the source, {} on the target) "
                  "and cannot be compared: its query uses {}, so its result depends on when and "
                  "where REFRESH ran; the target holds what its own refresh produced",
                  result.rows_source, result.rows_target, parts),
      {{"rows_source", result.rows_source},
       {"rows_target", result.rows_target},
       {"rows_fresh", fresh.fresh_rows},
       {"unrepeatable", fresh.unrepeatable}});
}

// Sets how a differing materialized view is judged when the target is not the fresh result:
// true when that is settled here (not repeatable, or the query could not be run), false when its
// contents differ for real.
bool judged_apart(report::TableResult &result, const Freshness &fresh,
                  std::vector<report::Finding> &findings) {
  if (!fresh.unrepeatable.empty()) {
    findings.push_back(not_repeatable_finding(result, fresh));
    result.status = report::TableStatus::not_compared;
    result.reason = "its query is not repeatable: contents not compared";
    return true;
  }
  if (fresh.error) {
    result.status = report::TableStatus::not_verified;
    result.reason = "contents differ and its query could not be run on the source to tell a "
                    "stale source from a wrong copy: " +
                    *fresh.error;
    return true;
  }
  return false;
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
  std::vector<std::vector<std::size_t>> mismatched_of(plan.jobs.size());
  std::vector<std::size_t> differing_views; // jobs of materialized views whose contents differ
  for (std::size_t j = 0; j < plan.jobs.size(); ++j) {
    outcome.tables.push_back(compare_digests(plan.tables[j], digests[j], mismatched_of[j]));
    if (outcome.tables.back().status == report::TableStatus::mismatch &&
        plan.tables[j].pair.source->kind == core::TableKind::materialized_view) {
      differing_views.push_back(j);
    }
  }
  const auto freshness =
      judge_freshness(source_catalog, plan, differing_views, digests, source, target, engine);
  for (std::size_t j = 0; j < plan.jobs.size(); ++j) {
    auto &result = outcome.tables[first_pair_result + j];
    auto &mismatched = mismatched_of[j];
    if (result.status == report::TableStatus::mismatch) {
      const auto view = std::find(differing_views.begin(), differing_views.end(), j);
      const Freshness *fresh =
          view == differing_views.end()
              ? nullptr
              : &freshness[static_cast<std::size_t>(view - differing_views.begin())];
      if (fresh != nullptr && fresh->target_is_fresh) {
        outcome.findings.push_back(stale_on_source_finding(result, *fresh));
        result.reason = "stale on the source: the target holds what its query returns now";
        continue;
      }
      if (fresh != nullptr && judged_apart(result, *fresh, outcome.findings)) {
        continue;
      }
      outcome.findings.push_back(table_mismatch_finding(result, fresh));
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
