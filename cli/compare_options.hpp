// The options of the comparison shared by `audit`, `migrate` (its verify phase) and `watch`:
// the two endpoints, which tables, how parallel, how deep, and the report options. One
// definition keeps their names, defaults and help identical across commands.
#pragma once

#include "checks/audit.hpp"
#include "cli/report_options.hpp"
#include "core/connection_string.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace pgparity::cli {

struct CompareOptions {
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  std::size_t jobs = 2;
  std::size_t chunk_rows = 10000;
  std::size_t max_examples = 10;
  bool show_values = false;
  bool deep = false;
  bool amcheck = false;
  int orphan_timeout = 60;
  // Limits for every statement of a verifying session, and for its wait on a lock: a table
  // another session holds locked becomes not_verified after lock_timeout instead of stalling
  // the run. Durations as core::parse_duration reads them.
  std::string statement_timeout = k_default_statement_timeout;
  std::string lock_timeout = k_default_lock_timeout;
  bool data_only = false; // audit --data-only: no structural checks
  ReportOptions report;

  // A table is read in slices that keep one COPY far below this, so it bounds only a
  // pathological case (a server stalling mid-read).
  static constexpr const char *k_default_statement_timeout = "30m";
  // Long enough for ordinary writers' short locks, short enough that a migration's ALTER TABLE
  // or a VACUUM FULL does not stall the audit.
  static constexpr const char *k_default_lock_timeout = "30s";
};

// --source and --target (also from PGPARITY_SOURCE / PGPARITY_TARGET), both required.
void add_endpoint_options(CLI::App &command, std::string &source, std::string &target);

// Every option of CompareOptions, report options included.
void add_compare_options(CLI::App &command, CompareOptions &options);

// Only the data comparison's options (which tables, --jobs, --chunk-size, examples, values,
// --statement-timeout, --lock-timeout) and the report options: for commands without the
// structural checks (watch). Set the timeouts' fields first to give them other defaults.
void add_data_options(CLI::App &command, CompareOptions &options);

// The audit configuration for these options. Parses the report policy (fail-on, waivers,
// severities), so call it before connecting: bad input throws ConfigError and touches nothing.
// Its scope records the check families that run (only "data" with data_only), the table
// filters and the severity overrides.
checks::AuditConfig make_audit_config(const CompareOptions &options, bool show_progress);

// The report a run of `command` holds before it connects: its options, policy, scope and
// redacted endpoints, incomplete because "the run did not finish". run_reported writes it first.
report::AuditReport placeholder_report(const std::string &command,
                                       const checks::AuditConfig &config,
                                       const core::ConnectionString &source,
                                       const core::ConnectionString &target);

} // namespace pgparity::cli
