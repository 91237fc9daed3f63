// Narrowing differing chunks down to rows. With a key, rows are matched by key: a key on one side
// only is a missing or extra row, a key on both sides with different images is a changed row,
// and the columns whose values differ are named. Without a key, rows are compared as multisets
// of images: each image whose count differs stands for that many missing or extra rows.
#pragma once

#include "hashing/chunk_plan.hpp"
#include "hashing/engine.hpp"
#include "report/audit_report.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pgparity::checks {

struct RowDiffInput {
  const hashing::CollectedTable *rows = nullptr;
  const hashing::ChunkPlan *plan = nullptr;
  std::vector<std::string> columns;     // image column names, image order
  std::vector<std::string> key_columns; // key column names, key order
  std::size_t max_examples = 10;
  bool show_values = false; // rows were collected with their images
};

struct RowDiff {
  std::vector<report::RowExample> examples; // at most max_examples, in key (or image hash) order
  std::uint64_t missing_on_target = 0;      // rows, in the collected chunks
  std::uint64_t extra_on_target = 0;
  std::uint64_t changed = 0;
};

RowDiff diff_rows(const RowDiffInput &input);

} // namespace pgparity::checks
