// Which key the data comparison splits a table by. Chunking needs a set of columns whose values
// identify each row and are never null, so that a key range selects the same rows on both
// sides. A table without one is still compared, in full, as an unordered multiset of rows.
#pragma once

#include "core/catalog.hpp"

#include <optional>
#include <string>
#include <vector>

namespace pgparity::hashing {

struct ChunkKey {
  std::vector<std::string> columns; // in index column order
  std::string index;                // the index (and so constraint) it comes from
  bool primary = false;             // the table's primary key
};

// The primary key if there is one; otherwise, among valid, ready, non-partial unique indexes
// without expression columns whose columns are all NOT NULL (and validated: a NOT VALID one of
// PostgreSQL 18 may still hold NULLs), the one with the fewest columns (ties broken by index
// name); otherwise nullopt.
std::optional<ChunkKey> choose_chunk_key(const core::Table &table,
                                         const std::vector<const core::Index *> &indexes);

} // namespace pgparity::hashing
