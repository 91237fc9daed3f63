// Builds the report's coverage table (report/coverage.hpp) from the two catalogs' object counts
// and what this build of pgparity compares for each class. The table of decisions, one row per
// class of core::object_class_keys(), is the single place that says what audit compares; the
// README's list and docs/report.md follow it.
#pragma once

#include "core/catalog.hpp"
#include "report/audit_report.hpp"

#include <vector>

namespace pgparity::checks {

// One row per class, in core::object_class_keys() order. Classes compared by the structural
// checks are `skipped` when `scope` leaves those checks out (--data-only); the table rows
// are compared by the data check either way.
std::vector<report::CoverageRow> build_coverage(const core::Catalog &source,
                                                const core::Catalog &target,
                                                const report::Scope &scope);

// How this build treats each class when every check family runs: compared (with what is
// compared) or out of scope (with why); a class missing here is not compared.
struct ClassDecision {
  report::CoverageState state = report::CoverageState::compared;
  std::string note;
  bool by_data = false; // compared by the data check (rows), not only the structural checks
};
const ClassDecision *class_decision(const std::string &object_class);
// Every class the table of decisions names, sorted (each should be in core::object_class_keys()).
std::vector<std::string> decided_classes();

} // namespace pgparity::checks
