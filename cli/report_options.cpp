#include "cli/report_options.hpp"

#include "core/error.hpp"
#include "hashing/digest.hpp"
#include "report/gate.hpp"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace pgparity::cli {

namespace {

bool colour_terminal() {
  const char *term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr &&
         (term == nullptr || std::string{term} != "dumb");
}

// A report path whose directory is missing or not writable is refused before anything runs,
// not discovered after an hour of comparing.
void check_writable(const std::string &path, const char *option) {
  if (path.empty()) {
    return;
  }
  const auto slash = path.rfind('/');
  const std::string directory = slash == std::string::npos ? "."
                                : slash == 0               ? "/"
                                                           : path.substr(0, slash);
  if (access(directory.c_str(), W_OK) != 0) {
    throw ConfigError(std::string{option} + ": cannot write " + path,
                      "the directory " + directory + " must exist and be writable");
  }
}

} // namespace

void add_report_options(CLI::App &command, ReportOptions &options) {
  command.add_option("--report-json", options.json,
                     "Write the JSON report here (atomically); `pgparity gate` reads it");
  command.add_option("--report-md", options.markdown,
                     "Write the report as Markdown here, to paste into a change ticket");
  command.add_option("--report-html", options.html,
                     "Write the report as one self-contained HTML page here (works offline)");
  command
      .add_option("--fail-on", options.fail_on,
                  "Lowest severity that fails the run: error, warning or info")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->capture_default_str();
  command.add_option("--waivers", options.waivers,
                     "JSON file of accepted findings (id, object pattern, reason, accepted_by, "
                     "expires); they do not fail the run and are listed in the report");
  command.add_option(
      "--severity", options.severity,
      "Change a finding's severity for this run, e.g. index.extra=error (repeatable)");
}

ReportPolicy parse_report_policy(const ReportOptions &options) {
  check_writable(options.json, "--report-json");
  check_writable(options.markdown, "--report-md");
  check_writable(options.html, "--report-html");
  ReportPolicy policy;
  policy.fail_on = report::parse_severity(options.fail_on);
  if (!options.waivers.empty()) {
    policy.waivers = report::read_waivers(options.waivers);
  }
  for (const auto &text : options.severity) {
    policy.overrides.insert(report::parse_severity_override(text));
  }
  return policy;
}

ExitCode publish_report(const report::AuditReport &report, const ReportOptions &options,
                        const core::Log &log) {
  if (!options.json.empty()) {
    report::write_json(report::with_digest(report::to_json(report), hashing::document_digest),
                       options.json);
    log.info("JSON report written to " + options.json);
  }
  if (!options.markdown.empty()) {
    report::write_text(report::render_markdown(report), options.markdown);
    log.info("Markdown report written to " + options.markdown);
  }
  if (!options.html.empty()) {
    report::write_text(report::render_html(report), options.html);
    log.info("HTML report written to " + options.html);
  }
  const std::string summary = report::render_summary(report, colour_terminal());
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

} // namespace pgparity::cli
