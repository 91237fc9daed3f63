// How one table is cut into chunks, planned once and applied identically to both sides.
// A table with a key is cut into key ranges: boundaries are key images taken from a sample of
// the source, compared client-side (integers as numbers, everything else byte by byte), so a
// row falls into the same chunk on both sides whatever the servers' collations. A table without
// a key is cut into buckets by row hash. Rows are assigned to chunks as they stream in, so a
// table is read with plain sequential scans and no chunk predicate ever depends on collation.
#pragma once

#include "hashing/digest.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pgparity::hashing {

enum class KeyKind { integer, bytes };

// How values of a key column of this type are ordered: smallint, integer and bigint as numbers.
KeyKind key_kind_for(const std::string &type);

// Three-way comparison of two key images (one COPY field per key column).
int compare_keys(const std::vector<std::string_view> &a, const std::vector<std::string_view> &b,
                 const std::vector<KeyKind> &kinds);

struct ChunkPlan {
  std::vector<std::size_t> key_fields; // positions of the key columns in the image; empty: none
  std::vector<KeyKind> key_kinds;
  // Keyed: lower bounds (key images) of chunks 1…n-1; chunk 0 takes everything below.
  std::vector<std::vector<std::string>> boundaries;
  std::size_t buckets = 1; // keyless: number of hash buckets

  // Call once the boundaries are set: integer key columns are then compared as numbers parsed
  // once, not once per comparison (keys of up to k_max_parsed_key_columns columns).
  void prepare();
  bool keyed() const noexcept { return !key_fields.empty(); }
  // How many leading fields of a row chunk_of() and key_of() need.
  std::size_t fields_needed() const noexcept;
  std::size_t chunk_count() const noexcept { return keyed() ? boundaries.size() + 1 : buckets; }
  // The chunk of a row, from its fields (keyed) or its hash (keyless).
  std::size_t chunk_of(const std::vector<std::string_view> &fields, const Hash128 &row) const;
  // The key image of a row, from its fields.
  std::vector<std::string_view> key_of(const std::vector<std::string_view> &fields) const;

  static constexpr std::size_t k_max_parsed_key_columns = 4;

private:
  // Set by prepare(): each boundary's integer columns, parsed.
  std::vector<std::array<long long, k_max_parsed_key_columns>> m_parsed_boundaries;
};

// Boundaries splitting `sample` (key images, any order) into about `chunks` ranges of equal
// size: sorted, deduplicated quantiles. Fewer when the sample is small.
std::vector<std::vector<std::string>>
choose_boundaries(std::vector<std::vector<std::string>> sample, std::size_t chunks,
                  const std::vector<KeyKind> &kinds);

// WHERE clauses cutting a table of `pages` pages into physical slices (TID range scans, on
// PostgreSQL 14 and later) of at least `min_slice_pages`, about `target_slices` of them; a
// single empty clause (the whole table) when slicing would not help. Slices of both sides are
// independent: rows are assigned to chunks by key, not by position.
std::vector<std::string> slice_predicates(std::int64_t pages, int server_version_num,
                                          std::size_t target_slices,
                                          std::int64_t min_slice_pages = 1024);

} // namespace pgparity::hashing
