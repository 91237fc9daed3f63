// The whole comparison of two live databases, as `audit` runs it and as `migrate` (verify phase)
// and `watch` reuse it: connect one snapshot pool per side, read both catalogs, run the
// structural checks and the data comparison, and return the report with per-check timings.
// The structural checks run only when the configured scope lists them (`audit --data-only`
// leaves them out); the scope is recorded in the report as the run's coverage.
// Reads only. Throws for a side that cannot be reached (nothing was compared); anything that
// could not be verified once comparing started is in the report, never an exception.
#pragma once

#include "checks/data_check.hpp"
#include "checks/structure_facts.hpp"
#include "core/connection_string.hpp"
#include "core/log.hpp"
#include "core/session.hpp"
#include "report/audit_report.hpp"

#include <map>
#include <string>

namespace pgparity::checks {

struct AuditConfig {
  std::size_t jobs = 2;
  // Every session's settings: read-only, with the statement and lock timeouts.
  core::SessionOptions sessions;
  DataCheckOptions data; // progress is set by run_audit
  StructureFactOptions structure;
  report::Severity fail_on = report::Severity::error;
  std::vector<report::Waiver> waivers;
  std::map<std::string, report::Severity> severity_overrides;
  nlohmann::ordered_json options = nlohmann::ordered_json::object(); // echoed in the report
  // What this run covers, recorded in its report: the check families that run (without
  // "structure", none of the structural checks runs), the table filters and severity overrides
  // given (the same ones as data.filter and severity_overrides).
  report::Scope scope;
  bool show_progress = true; // a live line on a terminal, periodic lines otherwise
};

// Compares `source` with `target` and returns the finished report (command "audit").
report::AuditReport run_audit(const core::ConnectionString &source,
                              const core::ConnectionString &target, const AuditConfig &config,
                              const core::Log &log);

} // namespace pgparity::checks
