// The report and verdict options shared by every command that produces a report (audit, migrate
// and watch): where to write each form, which severity fails, waivers, severity overrides, the
// signing key. Adding them in one place keeps their names and help identical across commands.
// It also owns the life of a run's report files: from the moment the options are checked they
// hold an incomplete report of this run, so no earlier verdict survives a run that fails, cannot
// connect or is killed.
#pragma once

#include "cli/exit_code.hpp"
#include "core/log.hpp"
#include "report/audit_report.hpp"

#include <CLI/CLI.hpp>

#include <exception>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pgparity::cli {

struct ReportOptions {
  std::string json;
  std::string markdown;
  std::string html;
  std::string fail_on = "error";
  std::string waivers;
  std::vector<std::string> severity;
  std::string signing_key_file;
};

// The policy parsed from ReportOptions, before anything connects (bad input touches nothing).
struct ReportPolicy {
  report::Severity fail_on = report::Severity::error;
  std::vector<report::Waiver> waivers;
  std::map<std::string, report::Severity> overrides;
};

// Adds --report-json, --report-md, --report-html, --fail-on, --waivers, --severity and
// --signing-key-file to `command`.
void add_report_options(CLI::App &command, ReportOptions &options);

// Adds --signing-key-file (also used by `gate`).
void add_signing_key_option(CLI::App &command, std::string &file);

// The signing key: the exact bytes of `file` when given, else the exact bytes of the environment
// variable PGPARITY_SIGNING_KEY when set, else none. Throws ConfigError (never showing the key)
// for an unreadable file or a key shorter than 32 bytes.
std::optional<std::string> load_signing_key(const std::string &file);

// Parses fail-on, reads the waivers file and the severity overrides, checks the report paths
// can be written and that the signing key loads. Throws ConfigError.
ReportPolicy parse_report_policy(const ReportOptions &options);

// Replaces every report form in `options` with an incomplete report of `command` whose reason is
// "the run did not start: <error>", so that no earlier verdict survives a run refused on its
// input. Signed when the key loads; unsigned when the key itself is the problem (a gate given
// the key refuses it, one without it sees it incomplete). Best effort: a form that cannot be
// written stays as it is (its directory is missing or read-only); never throws.
void write_not_started(const ReportOptions &options, const std::string &command,
                       const std::string &error) noexcept;

// Runs `checks`, a command's checks of its input before anything connects, and returns what they
// return; when they throw, every report form is replaced by write_not_started with the error and
// the exception goes on.
template <class Checks>
auto checked_input(const ReportOptions &options, const std::string &command, Checks &&checks)
    -> decltype(checks()) {
  try {
    return checks();
  } catch (const std::exception &e) {
    write_not_started(options, command, e.what());
    throw;
  }
}

// The report options given to `command` as CLI11 read them (the last raw value of --report-json,
// --report-md, --report-html and --signing-key-file, from the command line or --config), for a
// command line CLI11 refused: its bound variables may not be set yet, its raw values are.
ReportOptions report_options_given(const CLI::App &command);

// Runs a command's comparison with its report files guarded. First every report form asked for
// is replaced by `placeholder` (which should be incomplete, "the run did not finish"); when `run`
// throws, the placeholder is written again with the error as its reason and the exception goes
// on; otherwise the report `run` returns is written (the JSON sealed with its digest and, with a
// signing key, signed), its summary printed on stdout (coloured only on a terminal, never with
// NO_COLOR). Returns that report and the exit code of its verdict.
std::pair<report::AuditReport, ExitCode>
run_reported(const ReportOptions &options, report::AuditReport placeholder, const core::Log &log,
             const std::function<report::AuditReport()> &run);

} // namespace pgparity::cli
