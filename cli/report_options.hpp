// The report and verdict options shared by every command that produces a report (audit, and
// later migrate and watch): where to write each form, which severity fails, waivers, severity
// overrides. Adding them in one place keeps their names and help identical across commands.
#pragma once

#include "cli/exit_code.hpp"
#include "core/log.hpp"
#include "report/audit_report.hpp"

#include <CLI/CLI.hpp>

#include <map>
#include <string>
#include <vector>

namespace pgparity::cli {

struct ReportOptions {
  std::string json;
  std::string markdown;
  std::string html;
  std::string fail_on = "error";
  std::string waivers;
  std::vector<std::string> severity;
};

// The policy parsed from ReportOptions, before anything connects (bad input touches nothing).
struct ReportPolicy {
  report::Severity fail_on = report::Severity::error;
  std::vector<report::Waiver> waivers;
  std::map<std::string, report::Severity> overrides;
};

// Adds --report-json, --report-md, --report-html, --fail-on, --waivers, --severity to `command`.
void add_report_options(CLI::App &command, ReportOptions &options);

// Parses fail-on, reads the waivers file and the severity overrides. Throws ConfigError.
ReportPolicy parse_report_policy(const ReportOptions &options);

// Writes every report form asked for, prints the terminal summary on stdout (coloured only on a
// terminal, and never when NO_COLOR is set) and returns the exit code of the verdict.
ExitCode publish_report(const report::AuditReport &report, const ReportOptions &options,
                        const core::Log &log);

} // namespace pgparity::cli
