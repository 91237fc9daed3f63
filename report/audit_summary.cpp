#include "report/audit_report.hpp"
#include "report/not_verified.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace pgparity::report {

namespace {

constexpr std::size_t k_listed_findings = 20;

// ANSI styles, empty when colour is off so the plain text is byte-for-byte the same.
struct Palette {
  std::string red, yellow, green, bold, reset;

  static Palette make(bool colour) {
    if (!colour) {
      return {};
    }
    return {"\x1b[31m", "\x1b[33m", "\x1b[32m", "\x1b[1m", "\x1b[0m"};
  }

  const std::string &for_status(Status status) const {
    return status == Status::clean ? green : status == Status::failed ? red : yellow;
  }
  const std::string &for_severity(Severity severity) const {
    return severity == Severity::error ? red : severity == Severity::warning ? yellow : reset;
  }
};

// "data only; --include public.*; partial: …; --severity index.extra=info; --ignore-column
// public.t.c", or empty for a
// report of whole scope: a narrowed report says so right under its verdict.
std::string narrowed_scope(const Scope &scope) {
  std::vector<std::string> parts;
  for (const auto &family : all_check_families()) {
    if (std::find(scope.checks.begin(), scope.checks.end(), family) == scope.checks.end()) {
      parts.push_back("no " + family + " checks");
    }
  }
  for (const auto &pattern : scope.include) {
    parts.push_back("--include " + pattern);
  }
  for (const auto &pattern : scope.exclude) {
    parts.push_back("--exclude " + pattern);
  }
  if (!scope.partial.empty()) {
    parts.push_back("partial: " + scope.partial);
  }
  for (const auto &[id, severity] : scope.severity_overrides) {
    parts.push_back("--severity " + id + "=" + to_string(severity));
  }
  for (const auto &column : scope.ignored_columns) {
    parts.push_back("--ignore-column " + column);
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

} // namespace

std::string render_summary(const AuditReport &report, bool colour) {
  const Palette palette = Palette::make(colour);
  std::string out = palette.bold + palette.for_status(report.status()) + verdict_line(report) +
                    palette.reset + "\n";
  if (const std::string narrowed = narrowed_scope(report.scope); !narrowed.empty()) {
    out += "  narrowed scope: " + narrowed + "\n";
  }
  for (const auto &counts : count_by_check(report)) {
    out += fmt::format("  {:<10} {} errors, {} warnings, {} info\n", counts.check, counts.errors,
                       counts.warnings, counts.info);
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
    const Waiver *waiver = report.waiver_of(f);
    out += fmt::format("  {}{}{} {} {}: {}{}\n", palette.for_severity(f.severity),
                       to_string(f.severity), palette.reset, f.id, f.object, f.message,
                       waiver ? " [waived: " + waiver->reason + "]" : "");
  }
  if (const std::string coverage = coverage_line(report.coverage); !coverage.empty()) {
    out += "  coverage: " + coverage + "\n";
  }
  for (const auto &reason : report.incomplete_reasons) {
    out += palette.yellow + "  not verified: " + palette.reset + reason + "\n";
  }
  for (const auto &group : group_not_verified(report.tables)) {
    if (group.tables.size() == 1) { // shared reasons are among the incomplete reasons
      out += palette.yellow + "  not verified: " + palette.reset + group.tables.front() + ": " +
             group.reason + "\n";
    }
  }
  return out;
}

} // namespace pgparity::report
