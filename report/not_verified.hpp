// Tables left unverified for one same reason, told once: when one cause (a lost snapshot, a
// server gone) stops thousands of tables, the report names the cause, how many tables and a few
// of them, instead of repeating the cause per table. Each table keeps its not_verified status.
#pragma once

#include "report/audit_report.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace pgparity::report {

struct NotVerifiedGroup {
  std::string reason;
  std::vector<std::string> tables; // in the order of `tables` given to group_not_verified
};

// The not_verified tables of `tables`, grouped by identical reason, groups in the order of their
// first table.
std::vector<NotVerifiedGroup> group_not_verified(const std::vector<TableResult> &tables);

// "1234 tables not verified: <reason> (e.g. a, b, c and 1231 more)", naming at most
// `examples` tables.
std::string describe(const NotVerifiedGroup &group, std::size_t examples = 3);

// What the not_verified tables of `tables` add to a report: a table.not_verified finding for
// each table whose reason no other table shares, and one describe() line in
// `incomplete_reasons` for each reason several tables share.
void report_not_verified(const std::vector<TableResult> &tables, std::vector<Finding> &findings,
                         std::vector<std::string> &incomplete_reasons);

} // namespace pgparity::report
