// The continuous comparison of `watch`, for the weeks an application writes to both databases:
// passes over every table with the data engine of `audit`. A chunk whose target differs is
// judged by time (watch/chunk_settling.hpp): equal to a state the source had within --max-lag,
// the write is in flight; equal to none seen while the source still moves, it is judged row by
// row, and else `unsettled` (re-read after a delay, up to a number of rechecks); trailing by
// more than --max-lag, `diverged`, its rows localized as in `audit`. A divergence stays open
// until a later full read finds its chunk equal or in flight. Reads only, each query under a
// statement and a lock timeout, the source read no faster than a ceiling.
#pragma once

#include "checks/data_check.hpp"
#include "checks/structure_facts.hpp"
#include "core/connection_string.hpp"
#include "core/log.hpp"
#include "report/audit_report.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <map>

namespace pgparity::watch {

struct WatchConfig {
  std::size_t jobs = 2;
  checks::DataCheckOptions data;
  std::chrono::milliseconds recheck_delay{3000};
  int rechecks = 3;                      // at least 1
  int until_clean = 0;                   // stop after this many clean passes in a row; 0: never
  int max_passes = 0;                    // 0: unbounded
  std::chrono::milliseconds duration{0}; // 0: unbounded
  double max_rows_per_second = 0;        // source rows; 0: unthrottled
  std::chrono::milliseconds statement_timeout{60000};
  std::chrono::milliseconds lock_timeout{5000};
  report::Severity fail_on = report::Severity::error;
  std::vector<report::Waiver> waivers;
  std::map<std::string, report::Severity> severity_overrides;
  nlohmann::ordered_json options = nlohmann::ordered_json::object();
  // What the run covers, recorded in each report (checks: data only); a report of a pass narrowed
  // by --changed-column is marked partial.
  report::Scope scope;
  // With "structure" in scope.checks: audit's structural checks at the start and at the end of
  // the watch (watch/structure_pass.hpp), the end's in the report.
  checks::StructureFactOptions structure;
  const std::atomic<bool> *stop = nullptr; // set from another thread to end after this step
  bool show_progress = true; // a live status line on a terminal, periodic lines otherwise
  // "schema.table.column" that records each row's last change: passes between full ones read
  // only the rows changed since the previous pass began (less a margin). Deletions are seen
  // only by full passes.
  std::vector<std::string> changed_columns;
  int full_every = 10; // every Nth pass (and the first) reads every row
  // How far the target may trail the source: a target that equals no state the source had
  // within this long is diverged (watch/chunk_settling.hpp).
  std::chrono::milliseconds max_lag{60000};
};

// One table in one pass.
struct TablePass {
  std::string name;
  std::chrono::steady_clock::duration worst_lag{}; // of its chunks in flight or diverged
  bool every_chunk_judged = false; // read, and none unsettled (equal, in flight or diverged)
  std::size_t open = 0;            // chunks diverged now or earlier and not seen equal since
};

// What one pass saw, for the events stream and the status line.
struct PassSummary {
  int pass = 0;
  std::chrono::system_clock::time_point finished_at;
  std::size_t tables = 0;
  std::size_t chunks = 0;
  std::size_t mismatched = 0; // chunks that differed at first sight
  std::size_t unsettled = 0;
  std::size_t diverged = 0;
  std::size_t in_flight = 0;    // chunks whose target equals a state the source had within max_lag
  std::size_t open = 0;         // diverged chunks (this pass or earlier) not seen equal since
  std::size_t not_verified = 0; // tables that could not be read
  bool full = true; // false: only rows changed since the previous pass (--changed-column)
  std::uint64_t source_rows = 0;
  double seconds = 0;
  double rows_per_second = 0; // source rows read per second of the pass
  int clean_streak = 0;
  std::vector<TablePass> per_table; // in plan order
};

// Runs passes until a stop condition; `on_pass` sees each pass as it ends. A pass is clean when
// every chunk of every table was judged (read, and equal or in flight) and no divergence is
// open; --until-clean K stops after K clean passes in a row. Returns the report of the last pass
// (command "watch"): diverged rows are data findings, unsettled chunks `data.unsettled`,
// divergences of earlier passes not closed `data.divergence_open`, and a "watch" section with
// each table's worst lag and whether it was judged in full in the last K passes; incomplete
// when the last pass had unsettled chunks or unread tables, or when --until-clean was asked and
// not reached.
// Each pass also reports the schema drift still open (schema_drift.*); with "structure" in the
// scope, the report ends with the findings of the structural checks run at the end
// (watch/structure_pass.hpp).
report::AuditReport run_watch(const core::ConnectionString &source,
                              const core::ConnectionString &target, const WatchConfig &config,
                              const std::function<void(const PassSummary &)> &on_pass,
                              const core::Log &log);

} // namespace pgparity::watch
