#include "cli/report_options.hpp"

#include "core/error.hpp"
#include "hashing/digest.hpp"
#include "hashing/signature.hpp"
#include "report/gate.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <utility>
#include <vector>

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

constexpr const char *k_signing_key_variable = "PGPARITY_SIGNING_KEY";

void require_length(const std::string &key, const std::string &source) {
  if (key.size() < hashing::k_min_signing_key_bytes) {
    throw ConfigError(source + ": the signing key is " + std::to_string(key.size()) +
                          " bytes long, at least " +
                          std::to_string(hashing::k_min_signing_key_bytes) + " are needed",
                      "make one with: head -c 32 /dev/urandom > pgparity.key");
  }
}

enum class Form { json, markdown, html };

// Writes one report form to `path`; the JSON sealed with its digest and, given a key, signed.
void write_form(const report::AuditReport &report, Form form, const std::string &path,
                const std::optional<std::string> &key) {
  switch (form) {
  case Form::json: {
    report::Signer sign;
    if (key) {
      sign = [&key](std::string_view text) { return hashing::sign_document(*key, text); };
    }
    report::write_json(report::seal(report::to_json(report), hashing::document_digest, sign), path);
    return;
  }
  case Form::markdown:
    report::write_text(report::render_markdown(report), path);
    return;
  case Form::html:
    report::write_text(report::render_html(report), path);
    return;
  }
}

std::vector<std::pair<Form, const std::string *>> forms_asked(const ReportOptions &options) {
  std::vector<std::pair<Form, const std::string *>> forms;
  for (const auto &form :
       {std::pair{Form::json, &options.json}, std::pair{Form::markdown, &options.markdown},
        std::pair{Form::html, &options.html}}) {
    if (!form.second->empty()) {
      forms.push_back(form);
    }
  }
  return forms;
}

// Writes every report form asked for.
void write_forms(const report::AuditReport &report, const ReportOptions &options,
                 const std::optional<std::string> &key) {
  for (const auto &[form, path] : forms_asked(options)) {
    write_form(report, form, *path, key);
  }
}

std::string last_value(const CLI::App &command, const std::string &name) {
  const CLI::Option *option = command.get_option_no_throw(name);
  return option == nullptr || option->results().empty() ? std::string{} : option->results().back();
}

ExitCode exit_code_of(report::Status status) {
  switch (status) {
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

void add_signing_key_option(CLI::App &command, std::string &file) {
  command.add_option("--signing-key-file", file,
                     "Sign (or, for gate, verify) the JSON report with HMAC-SHA256 under the key "
                     "in this file: its exact bytes, at least 32 (e.g. head -c 32 /dev/urandom); "
                     "else the key is the value of PGPARITY_SIGNING_KEY when set");
}

std::optional<std::string> load_signing_key(const std::string &file) {
  if (!file.empty()) {
    std::ifstream in{file, std::ios::binary};
    if (!in) {
      throw ConfigError("--signing-key-file: cannot read " + file);
    }
    std::stringstream bytes;
    bytes << in.rdbuf();
    std::string key = bytes.str();
    require_length(key, "--signing-key-file " + file);
    return key;
  }
  if (const char *value = std::getenv(k_signing_key_variable)) {
    std::string key = value;
    require_length(key, k_signing_key_variable);
    return key;
  }
  return std::nullopt;
}

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
      "Change a finding's severity for this run, e.g. index.extra=error (repeatable); "
      "recorded in the report's scope, and `gate` refuses the report unless told to accept it");
  add_signing_key_option(command, options.signing_key_file);
}

ReportPolicy parse_report_policy(const ReportOptions &options) {
  check_writable(options.json, "--report-json");
  check_writable(options.markdown, "--report-md");
  check_writable(options.html, "--report-html");
  load_signing_key(options.signing_key_file);
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

void write_not_started(const ReportOptions &options, const std::string &command,
                       const std::string &error) noexcept {
  try {
    report::AuditReport report;
    report.command = command;
    report.started_at = std::chrono::system_clock::now();
    report.finished_at = report.started_at;
    report.incomplete_reasons = {"the run did not start: " + error};
    std::optional<std::string> key;
    try {
      key = load_signing_key(options.signing_key_file);
    } catch (const std::exception &) {
      // The key is the problem: unsigned, which a gate given the key refuses anyway.
    }
    for (const auto &[form, path] : forms_asked(options)) {
      try {
        write_form(report, form, *path, key);
      } catch (const std::exception &) {
        // Cannot be written (a missing or read-only directory): nothing more can be done.
      }
    }
  } catch (const std::exception &) {
    // Out of memory while building the placeholder: the run's own error is the one to report.
  }
}

ReportOptions report_options_given(const CLI::App &command) {
  ReportOptions options;
  options.json = last_value(command, "--report-json");
  options.markdown = last_value(command, "--report-md");
  options.html = last_value(command, "--report-html");
  options.signing_key_file = last_value(command, "--signing-key-file");
  return options;
}

std::pair<report::AuditReport, ExitCode>
run_reported(const ReportOptions &options, report::AuditReport placeholder, const core::Log &log,
             const std::function<report::AuditReport()> &run) {
  const auto key = load_signing_key(options.signing_key_file);
  write_forms(placeholder, options, key);
  report::AuditReport report;
  try {
    report = run();
  } catch (const std::exception &e) {
    placeholder.incomplete_reasons = {std::string{"the run did not finish: "} + e.what()};
    placeholder.finished_at = std::chrono::system_clock::now();
    try {
      write_forms(placeholder, options, key);
    } catch (const std::exception &) {
      // The placeholder written at the start stays: incomplete, never an earlier verdict.
    }
    throw;
  }
  write_forms(report, options, key);
  for (const auto &[form, path] : forms_asked(options)) {
    const char *name = form == Form::json ? "JSON" : form == Form::markdown ? "Markdown" : "HTML";
    log.info(std::string{name} + " report written to " + *path +
             (key && form == Form::json ? " (signed)" : ""));
  }
  const std::string summary = report::render_summary(report, colour_terminal());
  std::fwrite(summary.data(), 1, summary.size(), stdout);
  const ExitCode code = exit_code_of(report.status());
  return {std::move(report), code};
}

} // namespace pgparity::cli
