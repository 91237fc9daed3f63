// `pgparity migrate` as one pipeline: preflight, maintenance on, dump, restore, post-restore,
// verify, gate, cutover, maintenance off. Nothing is switched over unless the verification is
// clean; the maintenance-off hook runs exactly once whenever the on-hook ran, on every way out
// (a failure, a signal, an error of any type); a journal in the work directory lets --resume
// continue after the last completed phase, reporting again what the phases it skips found. The
// outcome is always a report (incomplete when the run stopped early).
#pragma once

#include "checks/audit.hpp"
#include "core/connection_string.hpp"
#include "core/log.hpp"
#include "report/audit_report.hpp"

#include <optional>
#include <string>

namespace pgparity::migrate {

struct MigrateConfig {
  std::optional<core::ConnectionString> source;
  std::optional<core::ConnectionString> target;
  std::string pg_bin;
  std::string work_dir = "pgparity-work";
  std::string from_dump; // restore this backup instead of running pg_dump
  std::size_t jobs = 2;  // pg_dump / pg_restore --jobs
  bool clean = false;    // pg_restore --clean --if-exists; a non-empty target is allowed
  bool fix_sequences = false;
  bool rehearsal = false; // no hooks, no cutover; phase timings and the projected downtime
  bool resume = false;
  std::string maintenance_on; // shell commands; empty = none
  std::string maintenance_off;
  std::string cutover;
  checks::AuditConfig audit; // the verify phase
};

// Runs the pipeline and returns its report (command "migrate"; section "migrate" holds the
// phases, their timings, the projected downtime and whether the cutover ran). Throws ConfigError
// (exit 2) when the preflight fails or the work directory does not fit the request, before
// anything changed; every later problem, of whatever type (a configuration error, a journal
// write failure, an internal error), is in the report, which is then incomplete or failed.
report::AuditReport run_migrate(const MigrateConfig &config, const core::Log &log);

} // namespace pgparity::migrate
