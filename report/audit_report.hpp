// The result of a comparison (audit today; migrate and watch later): what was compared, every
// finding, every table's outcome, and the verdict. Rendering lives beside it (JSON, terminal
// summary); nothing here touches a database.
#pragma once

#include "report/finding.hpp"
#include "report/waiver.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pgparity::report {

enum class Status { clean, failed, incomplete };
enum class TableStatus { match, mismatch, missing_on_target, extra_on_target, not_verified };

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
  TableStatus status = TableStatus::match;
  std::optional<std::vector<std::string>> key;
  std::uint64_t rows_source = 0;
  std::uint64_t rows_target = 0;
  std::size_t chunks = 0;
  std::size_t mismatched_chunks = 0;
  double seconds = 0;
  std::string reason; // why not_verified
  std::vector<RowExample> examples;
};

struct Endpoint {
  std::string url; // redacted
  std::string server_version;
};

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
  // Set when something was not verified outside any single table (the run stopped early).
  std::vector<std::string> incomplete_reasons;
  Severity fail_on = Severity::error; // --fail-on
  std::vector<Waiver> waivers;        // --waivers: accepted findings do not fail the run

  // incomplete when anything was not verified, failed when a finding not covered by a waiver is
  // at or above `fail_on`, clean otherwise.
  Status status() const;
  // The waiver that covers `finding` now, or null.
  const Waiver *waiver_of(const Finding &finding) const;
};

// The report as the JSON document of docs/report.md.
nlohmann::ordered_json to_json(const AuditReport &report);
// Writes a JSON document to `path` atomically (temporary file, then rename). Throws
// ConfigError naming the path when it cannot.
void write_json(const nlohmann::ordered_json &document, const std::string &path);
// The short terminal summary: the verdict on the first line, then counts and the errors.
std::string render_summary(const AuditReport &report);

} // namespace pgparity::report
