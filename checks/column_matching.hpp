// Columns of a table pair, matched by name, never by position. Columns on one side only and
// columns whose type differs become schema findings; every column present on both sides is
// still compared (a changed type is compared by its text).
#pragma once

#include "core/catalog.hpp"
#include "report/finding.hpp"

#include <string>
#include <vector>

namespace pgparity::checks {

struct ColumnPair {
  std::string name;
  std::string source_type;
  std::string target_type;
};

struct ColumnMatching {
  std::vector<ColumnPair> common; // sorted by name, byte order: the image order
  std::vector<report::Finding> findings;
};

ColumnMatching match_columns(const core::Table &source, const core::Table &target);

} // namespace pgparity::checks
