// The report's coverage table: for every class of object a user database can hold, how many
// each side has and whether this run compared them (docs/report.md, "coverage"). A class is
// compared, out of scope by documented design (listed, never failing the run), skipped by this
// run's options (recorded in the scope, e.g. --data-only), or not compared this time (the run
// is incomplete).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pgparity::report {

enum class CoverageState { compared, out_of_scope, skipped, not_compared };

std::string to_string(CoverageState state);

struct CoverageRow {
  std::string object_class; // stable key: "tables", "rules", … (core::object_class_keys())
  std::int64_t source = 0;  // objects on each side
  std::int64_t target = 0;
  CoverageState state = CoverageState::compared;
  // compared: what is compared ("definition", "rows and definition", …); otherwise why not.
  std::string note;
};

// True when the row leaves objects that exist unverified for a reason of this run: the run is
// then incomplete.
bool leaves_unverified(const CoverageRow &row);

// One line for the terminal: the classes present on either side with their counts, then those
// not compared and why ("" when the table is empty).
std::string coverage_line(const std::vector<CoverageRow> &rows);

} // namespace pgparity::report
