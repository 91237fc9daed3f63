#include "report/audit_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

namespace pgparity::report {

std::string to_string(Status status) {
  switch (status) {
  case Status::clean:
    return "clean";
  case Status::failed:
    return "failed";
  case Status::incomplete:
    return "incomplete";
  }
  return "incomplete";
}

std::string to_string(TableStatus status) {
  switch (status) {
  case TableStatus::match:
    return "match";
  case TableStatus::mismatch:
    return "mismatch";
  case TableStatus::missing_on_target:
    return "missing_on_target";
  case TableStatus::extra_on_target:
    return "extra_on_target";
  case TableStatus::not_verified:
    return "not_verified";
  case TableStatus::not_compared:
    return "not_compared";
  }
  return "not_verified";
}

const std::vector<std::string> &all_check_families() {
  static const std::vector<std::string> k_families{"structure", "data"};
  return k_families;
}

const Waiver *AuditReport::waiver_of(const Finding &finding) const {
  return waiver_for(finding.id, finding.object, waivers, utc_date(finished_at));
}

Status AuditReport::status() const {
  const bool unverified =
      !incomplete_reasons.empty() ||
      std::any_of(tables.begin(), tables.end(),
                  [](const TableResult &t) { return t.status == TableStatus::not_verified; }) ||
      std::any_of(coverage.begin(), coverage.end(), leaves_unverified);
  if (unverified) {
    return Status::incomplete;
  }
  const bool failing = std::any_of(findings.begin(), findings.end(), [&](const Finding &f) {
    return static_cast<int>(f.severity) >= static_cast<int>(fail_on) && waiver_of(f) == nullptr;
  });
  return failing ? Status::failed : Status::clean;
}

std::vector<CheckCounts> count_by_check(const AuditReport &report) {
  std::map<std::string, CheckCounts> by_check;
  for (const auto &f : report.findings) {
    CheckCounts &counts = by_check[f.check];
    counts.check = f.check;
    switch (f.severity) {
    case Severity::error:
      ++counts.errors;
      break;
    case Severity::warning:
      ++counts.warnings;
      break;
    case Severity::info:
      ++counts.info;
      break;
    }
  }
  std::vector<CheckCounts> counts;
  for (auto &[check, entry] : by_check) {
    counts.push_back(std::move(entry));
  }
  return counts;
}

namespace {

// Why the tables that do not match left a report clean, in words that are true of each: a
// waiver covers a finding about it; a --severity override lowered one; or its findings are
// below --fail-on by default (a table only on the target is a warning). Counts in that order,
// e.g. "1 differ under waivers, 1 only on the target (warning)".
std::string clean_differences(const AuditReport &report) {
  std::size_t waived = 0;
  std::size_t overridden = 0;
  std::map<std::string, std::size_t> below; // "only on the target (warning)" → tables
  for (const auto &table : report.tables) {
    if (table.status == TableStatus::match) {
      continue;
    }
    bool is_waived = false;
    bool is_overridden = false;
    std::optional<Severity> highest;
    for (const auto &finding : report.findings) {
      if (finding.object != table.name) {
        continue;
      }
      is_waived |= report.waiver_of(finding) != nullptr;
      is_overridden |= report.scope.severity_overrides.count(finding.id) != 0;
      if (!highest || static_cast<int>(finding.severity) > static_cast<int>(*highest)) {
        highest = finding.severity;
      }
    }
    if (is_waived) {
      ++waived;
    } else if (is_overridden) {
      ++overridden;
    } else {
      const std::string what = table.status == TableStatus::extra_on_target ? "only on the target"
                               : table.status == TableStatus::missing_on_target
                                   ? "missing on the target"
                               : table.status == TableStatus::not_compared ? "not compared"
                                                                           : "differ";
      ++below[what + " (" + (highest ? to_string(*highest) : std::string{"no finding"}) + ")"];
    }
  }
  std::vector<std::string> parts;
  if (waived > 0) {
    parts.push_back(fmt::format("{} differ under waivers", waived));
  }
  if (overridden > 0) {
    parts.push_back(fmt::format("{} differ under --severity overrides", overridden));
  }
  for (const auto &[what, count] : below) {
    parts.push_back(fmt::format("{} {}", count, what));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

bool any_waived(const AuditReport &report) {
  return std::any_of(report.findings.begin(), report.findings.end(),
                     [&](const Finding &f) { return report.waiver_of(f) != nullptr; });
}

} // namespace

std::string verdict_line(const AuditReport &report) {
  const std::size_t matching = static_cast<std::size_t>(
      std::count_if(report.tables.begin(), report.tables.end(),
                    [](const TableResult &t) { return t.status == TableStatus::match; }));
  const std::string threshold = report.fail_on == Severity::error
                                    ? "errors"
                                    : "findings at or above " + to_string(report.fail_on);
  switch (report.status()) {
  case Status::clean:
    if (matching < report.tables.size()) {
      return fmt::format("CLEAN: {} tables compared, {} match, {}; no {}{}", report.tables.size(),
                         matching, clean_differences(report), any_waived(report) ? "unwaived " : "",
                         threshold);
    }
    return fmt::format("CLEAN: {} tables compared, all match; no {}", report.tables.size(),
                       threshold);
  case Status::failed:
    return fmt::format("FAILED: {} of {} tables match; differences found", matching,
                       report.tables.size());
  case Status::incomplete:
    return fmt::format("INCOMPLETE: not everything could be verified ({} of {} tables match)",
                       matching, report.tables.size());
  }
  return "INCOMPLETE";
}

} // namespace pgparity::report
