#include "report/audit_report.hpp"

#include <fmt/format.h>

#include <map>

namespace pgparity::report {

namespace {

constexpr std::size_t k_listed_findings = 20;

std::string verdict_line(const AuditReport &report, Status status) {
  std::size_t matching = 0;
  for (const auto &table : report.tables) {
    matching += table.status == TableStatus::match ? 1U : 0U;
  }
  switch (status) {
  case Status::clean:
    return fmt::format("CLEAN: {} tables compared, all match; no errors", report.tables.size());
  case Status::failed:
    return fmt::format("FAILED: {} of {} tables match; differences found", matching,
                       report.tables.size());
  case Status::incomplete:
    return fmt::format("INCOMPLETE: not everything could be verified ({} of {} tables match)",
                       matching, report.tables.size());
  }
  return "INCOMPLETE";
}

} // namespace

std::string render_summary(const AuditReport &report) {
  const Status status = report.status();
  std::string out = verdict_line(report, status) + "\n";
  std::map<std::string, std::map<Severity, std::size_t>> counts;
  for (const auto &f : report.findings) {
    ++counts[f.check][f.severity];
  }
  for (const auto &[check, by_severity] : counts) {
    out += fmt::format("  {:<8} {} errors, {} warnings, {} info\n", check,
                       by_severity.count(Severity::error) ? by_severity.at(Severity::error) : 0,
                       by_severity.count(Severity::warning) ? by_severity.at(Severity::warning) : 0,
                       by_severity.count(Severity::info) ? by_severity.at(Severity::info) : 0);
  }
  std::size_t listed = 0;
  for (const auto &f : report.findings) {
    if (f.severity == Severity::info) {
      continue;
    }
    if (listed++ == k_listed_findings) {
      out += "  … more in the JSON report\n";
      break;
    }
    out += fmt::format("  {} {} {}: {}\n", to_string(f.severity), f.id, f.object, f.message);
  }
  for (const auto &reason : report.incomplete_reasons) {
    out += "  not verified: " + reason + "\n";
  }
  for (const auto &table : report.tables) {
    if (table.status == TableStatus::not_verified) {
      out += "  not verified: " + table.name + ": " + table.reason + "\n";
    }
  }
  return out;
}

} // namespace pgparity::report
