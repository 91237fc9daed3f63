#include "checks/audit.hpp"
#include "cli/command.hpp"
#include "cli/compare_options.hpp"
#include "core/connection_string.hpp"
#include "core/log.hpp"
#include "migrate/interrupt.hpp"

#include <memory>
#include <string>

namespace pgparity::cli {

namespace {

struct AuditOptions {
  std::string source;
  std::string target;
  CompareOptions compare;
  bool quiet = false;
};

ExitCode run_audit(const AuditOptions &options) {
  const core::Log log{options.quiet ? core::LogLevel::warning : core::LogLevel::info};
  // Every option is checked before anything connects: bad input touches no database, and
  // leaves the report files saying the run did not start.
  struct Input {
    core::ConnectionString source;
    core::ConnectionString target;
    checks::AuditConfig config;
  };
  auto input = checked_input(options.compare.report, "audit", [&] {
    return Input{core::ConnectionString::parse("source", options.source),
                 core::ConnectionString::parse("target", options.target),
                 make_audit_config(options.compare, !options.quiet)};
  });
  const auto &source = input.source;
  const auto &target = input.target;
  auto &config = input.config;
  // SIGINT or SIGTERM stops the comparison: the report is then incomplete (exit 3).
  const migrate::InterruptWatch interrupt{[] {}};
  config.data.stop = &interrupt.interrupted();
  return run_reported(options.compare.report, placeholder_report("audit", config, source, target),
                      log, [&] { return checks::run_audit(source, target, config, log); })
      .second;
}

} // namespace

Command add_audit_command(CLI::App &app) {
  auto options = std::make_shared<AuditOptions>();
  CLI::App *sub = app.add_subcommand(
      "audit", "Compare two live databases: schema objects, sequences, indexes, constraints, "
               "extensions, large objects, and every row of every table by parallel chunked "
               "hashing inside one snapshot per side. Reads only; never writes to either side.");
  add_endpoint_options(*sub, options->source, options->target);
  add_compare_options(*sub, options->compare);
  sub->add_flag("--data-only", options->compare.data_only,
                "Compare only the rows of the tables, not the structure (schema, sequences, "
                "indexes, constraints, extensions, large objects); recorded in the report, and "
                "`gate` refuses it unless given --accept-scope data-only");
  sub->add_flag("--quiet", options->quiet, "Only warnings and errors on stderr");
  return {sub, [options] { return run_audit(*options); },
          [sub](const std::string &error) {
            write_not_started(report_options_given(*sub), "audit", error);
          }};
}

} // namespace pgparity::cli
