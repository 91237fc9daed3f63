#include "cli/command.hpp"
#include "core/duration.hpp"
#include "hashing/digest.hpp"
#include "report/gate.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

namespace pgparity::cli {

namespace {

struct GateOptions {
  std::string report;
  std::string max_age;
  std::string waivers;
  std::string fail_on = "error";
};

ExitCode run_gate(const GateOptions &options) {
  report::GatePolicy policy;
  policy.fail_on = report::parse_severity(options.fail_on);
  if (!options.max_age.empty()) {
    policy.max_age = std::chrono::duration_cast<std::chrono::seconds>(
        core::parse_duration(options.max_age, "--max-age"));
  }
  if (!options.waivers.empty()) {
    policy.waivers = report::read_waivers(options.waivers);
  }
  const auto document = report::read_report(options.report, hashing::document_digest);
  const auto decision = report::decide(document, policy);
  std::string out = decision.passed ? "GATE OPEN: " + options.report + " passes\n"
                                    : "GATE CLOSED: " + options.report + " does not pass\n";
  for (const auto &reason : decision.reasons) {
    out += "  reason: " + reason + "\n";
  }
  for (const auto &waiver : decision.applied_waivers) {
    out += "  waived: " + waiver + "\n";
  }
  for (const auto &waiver : decision.expired_waivers) {
    out += "  expired waiver, not applied: " + waiver + "\n";
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return decision.passed ? ExitCode::clean : ExitCode::failed;
}

} // namespace

Command add_gate_command(CLI::App &app) {
  auto options = std::make_shared<GateOptions>();
  CLI::App *sub = app.add_subcommand(
      "gate", "Open or close the cutover from a report: exit 0 only if the report is complete, "
              "recent enough and has no finding at or above --fail-on that a waiver does not "
              "cover; exit 1 with each reason otherwise; exit 2 for an unreadable, truncated, "
              "edited or unknown-version report.");
  sub->add_option("report", options->report, "The JSON report written by --report-json")
      ->required();
  sub->add_option("--max-age", options->max_age,
                  "Refuse a report finished longer ago than this (e.g. 30m, 2h)");
  sub->add_option("--waivers", options->waivers, "JSON file of accepted findings");
  sub->add_option("--fail-on", options->fail_on, "Lowest severity that closes the gate")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->capture_default_str();
  return {sub, [options] { return run_gate(*options); }};
}

} // namespace pgparity::cli
