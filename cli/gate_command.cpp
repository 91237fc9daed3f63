#include "cli/command.hpp"
#include "cli/report_options.hpp"
#include "core/duration.hpp"
#include "hashing/digest.hpp"
#include "hashing/signature.hpp"
#include "report/gate.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace pgparity::cli {

namespace {

constexpr const char *k_default_max_age = "24h";

struct GateOptions {
  std::string report;
  std::string max_age = k_default_max_age;
  std::string waivers;
  std::string fail_on = "error";
  std::vector<std::string> accept_scope;
  std::string signing_key_file;
};

ExitCode run_gate(const GateOptions &options) {
  report::GatePolicy policy;
  policy.fail_on = report::parse_severity(options.fail_on);
  if (options.max_age == "none") {
    policy.max_age.reset();
  } else {
    policy.max_age = std::chrono::duration_cast<std::chrono::seconds>(
        core::parse_duration(options.max_age, "--max-age"));
  }
  if (!options.waivers.empty()) {
    policy.waivers = report::read_waivers(options.waivers);
  }
  policy.accepted_scope.insert(options.accept_scope.begin(), options.accept_scope.end());
  const auto key = load_signing_key(options.signing_key_file);
  report::Verifier verify;
  if (key) {
    verify = [&key](std::string_view text, std::string_view signature) {
      return hashing::verify_document(*key, text, signature);
    };
  }
  const auto document = report::read_report(options.report, hashing::document_digest, verify);
  const auto decision = report::decide(document, policy);
  std::string out = decision.passed ? "GATE OPEN: " + options.report + " passes\n"
                                    : "GATE CLOSED: " + options.report + " does not pass\n";
  for (const auto &reason : decision.reasons) {
    out += "  reason: " + reason + "\n";
  }
  for (const auto &accepted : decision.accepted_scope) {
    out += "  narrowed scope: " + accepted + "\n";
  }
  for (const auto &waiver : decision.applied_waivers) {
    out += "  waived: " + waiver + "\n";
  }
  for (const auto &waiver : decision.expired_waivers) {
    out += "  expired waiver, not applied: " + waiver + "\n";
  }
  out += key ? "  integrity: signature verified with the given key\n"
             : "  integrity not proven: no signing key was given, so only the digest was "
               "checked; it catches truncation and accidental edits, not a deliberate rewrite "
               "(use --signing-key-file or PGPARITY_SIGNING_KEY)\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return decision.passed ? ExitCode::clean : ExitCode::failed;
}

} // namespace

Command add_gate_command(CLI::App &app) {
  auto options = std::make_shared<GateOptions>();
  CLI::App *sub = app.add_subcommand(
      "gate", "Open or close the cutover from a report: exit 0 only if the report is complete, "
              "of whole scope (every check, table, row and column, default severities) unless "
              "--accept-scope says otherwise, recent enough and has no finding at or above "
              "--fail-on that a waiver does not cover; exit 1 with each reason otherwise; exit 2 "
              "for an unreadable, truncated, edited or unknown-version report, and, given a "
              "signing key, for an unsigned or wrongly signed one.");
  sub->add_option("report", options->report, "The JSON report written by --report-json")
      ->required();
  sub->add_option("--max-age", options->max_age,
                  "Refuse a report finished longer ago than this (e.g. 30m, 2h; at most 36500d); "
                  "\"none\" lifts the limit")
      ->capture_default_str();
  sub->add_option("--waivers", options->waivers, "JSON file of accepted findings");
  sub->add_option("--fail-on", options->fail_on, "Lowest severity that closes the gate")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->capture_default_str();
  sub->add_option(
         "--accept-scope", options->accept_scope,
         "Accept a report of narrowed scope, by name (comma-separated or repeated): "
         "data-only (audit --data-only, watch --data-only), filtered (--include/--exclude), "
         "partial (a watch pass narrowed by --changed-column), overrides (--severity "
         "at audit time), ignored-columns (watch --ignore-column)")
      ->delimiter(',')
      ->check(CLI::IsMember(report::scope_narrowings()));
  add_signing_key_option(*sub, options->signing_key_file);
  return {sub, [options] { return run_gate(*options); }};
}

} // namespace pgparity::cli
