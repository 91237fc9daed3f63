#include "report/not_verified.hpp"

#include <fmt/format.h>

#include <map>

namespace pgparity::report {

std::vector<NotVerifiedGroup> group_not_verified(const std::vector<TableResult> &tables) {
  std::vector<NotVerifiedGroup> groups;
  std::map<std::string, std::size_t> group_of_reason;
  for (const auto &table : tables) {
    if (table.status != TableStatus::not_verified) {
      continue;
    }
    const auto [it, added] = group_of_reason.emplace(table.reason, groups.size());
    if (added) {
      groups.push_back({table.reason, {}});
    }
    groups[it->second].tables.push_back(table.name);
  }
  return groups;
}

std::string describe(const NotVerifiedGroup &group, std::size_t examples) {
  const std::size_t count = group.tables.size();
  std::string named;
  for (std::size_t i = 0; i < count && i < examples; ++i) {
    named += (i == 0 ? "" : ", ") + group.tables[i];
  }
  if (count > examples) {
    named += fmt::format(" and {} more", count - examples);
  }
  return fmt::format("{} table{} not verified: {} (e.g. {})", count, count == 1 ? "" : "s",
                     group.reason, named);
}

void report_not_verified(const std::vector<TableResult> &tables, std::vector<Finding> &findings,
                         std::vector<std::string> &incomplete_reasons) {
  for (const auto &group : group_not_verified(tables)) {
    if (group.tables.size() == 1) {
      findings.push_back(make_finding("tables", "table.not_verified", group.tables.front(),
                                      "not verified: " + group.reason));
    } else {
      incomplete_reasons.push_back(describe(group));
    }
  }
}

} // namespace pgparity::report
