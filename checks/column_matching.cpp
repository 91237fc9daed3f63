#include "checks/column_matching.hpp"

#include <algorithm>

namespace pgparity::checks {

ColumnMatching match_columns(const core::Table &source, const core::Table &target) {
  ColumnMatching matching;
  const std::string table = source.name.str();
  for (const auto &column : source.columns) {
    const core::Column *other = target.column(column.name);
    const std::string object = table + "." + column.name;
    if (other == nullptr) {
      matching.findings.push_back(report::make_finding(
          "schema", "column.missing_on_target", object,
          "column exists only on the source; the other columns are still compared"));
      continue;
    }
    if (other->type != column.type) {
      matching.findings.push_back(report::make_finding(
          "schema", "column.type_changed", object,
          "type is " + column.type + " on the source but " + other->type + " on the target",
          {{"source", column.type}, {"target", other->type}}));
    }
    matching.common.push_back({column.name, column.type, other->type});
  }
  for (const auto &column : target.columns) {
    if (source.column(column.name) != nullptr) {
      continue;
    }
    // An insert that names only the source's columns fails on a NOT NULL column the target
    // alone has, unless something fills it.
    const bool required = column.not_null && !column.default_expr && !column.generated_expr &&
                          column.identity == core::IdentityKind::none;
    if (required) {
      matching.findings.push_back(report::make_finding(
          "schema", "column.extra_required_on_target", table + "." + column.name,
          "NOT NULL column without a default exists only on the target: inserts written for the "
          "source fail"));
    } else {
      matching.findings.push_back(report::make_finding("schema", "column.extra_on_target",
                                                       table + "." + column.name,
                                                       "column exists only on the target"));
    }
  }
  std::sort(matching.common.begin(), matching.common.end(),
            [](const ColumnPair &a, const ColumnPair &b) { return a.name < b.name; });
  return matching;
}

} // namespace pgparity::checks
