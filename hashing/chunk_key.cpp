#include "hashing/chunk_key.hpp"

#include <algorithm>

namespace pgparity::hashing {

namespace {

bool usable_for_chunking(const core::Table &table, const core::Index &index) {
  if (!index.is_unique || !index.is_valid || !index.is_ready || index.predicate ||
      index.key_columns.empty()) {
    return false;
  }
  return std::all_of(index.key_columns.begin(), index.key_columns.end(),
                     [&](const std::string &name) {
                       const core::Column *column = name.empty() ? nullptr : table.column(name);
                       // A NOT VALID NOT NULL (18) may still hold NULLs.
                       return column != nullptr && column->not_null && column->not_null_validated;
                     });
}

} // namespace

std::optional<ChunkKey> choose_chunk_key(const core::Table &table,
                                         const std::vector<const core::Index *> &indexes) {
  const core::Index *best = nullptr;
  for (const core::Index *index : indexes) {
    if (!usable_for_chunking(table, *index)) {
      continue;
    }
    if (index->is_primary) {
      best = index;
      break;
    }
    if (best == nullptr || index->key_columns.size() < best->key_columns.size() ||
        (index->key_columns.size() == best->key_columns.size() &&
         index->name.name < best->name.name)) {
      best = index;
    }
  }
  if (best == nullptr) {
    return std::nullopt;
  }
  return ChunkKey{best->key_columns, best->name.name, best->is_primary};
}

} // namespace pgparity::hashing
