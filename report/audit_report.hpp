// The result of a comparison (audit today; migrate and watch later): what was compared, every
// finding, every table's outcome, and the verdict. Rendering lives beside it (JSON, terminal
// summary); nothing here touches a database.
#pragma once

#include "report/coverage.hpp"
#include "report/finding.hpp"
#include "report/waiver.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pgparity::report {

enum class Status { clean, failed, incomplete };
// not_compared: a materialized view whose contents cannot be read on a side (not populated);
// its `reason` says so, and a finding (view.not_populated) when the sides differ.
enum class TableStatus {
  match,
  mismatch,
  missing_on_target,
  extra_on_target,
  not_verified,
  not_compared
};

std::string to_string(Status status);
std::string to_string(TableStatus status);

// Column name and value (nullopt for NULL).
using Values = std::vector<std::pair<std::string, std::optional<std::string>>>;

struct RowExample {
  std::string kind;                 // changed, missing_on_target, extra_on_target
  std::optional<Values> key;        // absent for a table without a key
  std::vector<std::string> columns; // for changed: the columns that differ
  std::uint64_t count = 1;          // identical rows this example stands for (keyless tables)
  std::optional<Values> source;     // only with --show-values
  std::optional<Values> target;
};

struct TableResult {
  std::string name; // schema.table
  std::string kind; // "materialized_view"; empty for a table
  TableStatus status = TableStatus::match;
  std::optional<std::vector<std::string>> key;
  std::uint64_t rows_source = 0;
  std::uint64_t rows_target = 0;
  std::size_t chunks = 0;
  std::size_t mismatched_chunks = 0;
  double seconds = 0;
  std::string reason; // why not_verified or not_compared
  std::vector<RowExample> examples;
};

struct Endpoint {
  std::string url; // redacted
  std::string server_version;
};

// What a report covers, recorded so the gate can refuse a narrowed verdict (docs/report.md,
// "scope"). A whole report ran every check family on every table, every row and every column,
// with the default severities.
struct Scope {
  std::vector<std::string> checks = {"structure", "data"}; // check families that ran
  std::vector<std::string> include;                        // --include patterns; empty: every table
  std::vector<std::string> exclude;                        // --exclude patterns
  std::string partial; // why only some rows were read (watch); empty: every row
  std::map<std::string, Severity> severity_overrides; // --severity given for this run
  std::vector<std::string> ignored_columns; // schema.table.column left out of every row (watch)
};

// The check families of a whole report, in the order the scope lists them.
const std::vector<std::string> &all_check_families();

struct AuditReport {
  std::string command = "audit";
  std::chrono::system_clock::time_point started_at;
  std::chrono::system_clock::time_point finished_at;
  nlohmann::ordered_json options = nlohmann::ordered_json::object();
  Endpoint source;
  Endpoint target;
  std::vector<Finding> findings;
  std::vector<TableResult> tables;
  std::vector<std::pair<std::string, double>> timings; // phase, seconds
  // Every class of object, counted on each side, and whether it was compared (empty: the run
  // stopped before reading the catalogs).
  std::vector<CoverageRow> coverage;
  // Set when something was not verified outside any single table (the run stopped early).
  std::vector<std::string> incomplete_reasons;
  // Sections a command adds to the JSON document under their own keys (migrate: its phases and
  // the projected downtime), after the common fields.
  nlohmann::ordered_json sections = nlohmann::ordered_json::object();
  Severity fail_on = Severity::error; // --fail-on
  std::vector<Waiver> waivers;        // --waivers: accepted findings do not fail the run
  Scope scope;

  // incomplete when anything was not verified (a table, a reason, a class of objects not
  // compared this time), failed when a finding not covered by a waiver is
  // at or above `fail_on`, clean otherwise.
  Status status() const;
  // The waiver that covers `finding` now, or null.
  const Waiver *waiver_of(const Finding &finding) const;
};

// Findings of one check counted by severity, for the summaries of every human form.
struct CheckCounts {
  std::string check;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t info = 0;
};
// One entry per check that has findings, in check-name order.
std::vector<CheckCounts> count_by_check(const AuditReport &report);
// The one-line verdict every human form starts with ("CLEAN: …", "FAILED: …", "INCOMPLETE: …").
// It says "all match" only when every table matched; in a clean report, tables that differ are
// counted by why they do not fail it: under waivers, under --severity overrides, or below
// --fail-on by default ("1 only on the target (warning)").
std::string verdict_line(const AuditReport &report);

// The report as the JSON document of docs/report.md.
nlohmann::ordered_json to_json(const AuditReport &report);
// Writes a JSON document to `path` atomically (temporary file, then rename). Throws
// ConfigError naming the path when it cannot.
void write_json(const nlohmann::ordered_json &document, const std::string &path);
// The short terminal summary: the verdict on the first line, then counts by check and severity,
// then the errors and warnings. `colour` adds ANSI colours (only for a terminal).
std::string render_summary(const AuditReport &report, bool colour = false);
// The report as Markdown for a change ticket: verdict, endpoints, counts, findings, tables that
// do not match, timings.
std::string render_markdown(const AuditReport &report);
// The report as one self-contained HTML page (inline CSS and script, no external asset): verdict
// at the top, findings grouped by severity and check, a sortable and filterable table of tables,
// timings.
std::string render_html(const AuditReport &report);
// Writes `text` to `path` atomically (temporary file, then rename). Throws ConfigError naming the
// path when it cannot.
void write_text(const std::string &text, const std::string &path);

} // namespace pgparity::report
