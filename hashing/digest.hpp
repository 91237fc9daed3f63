// Row hashes and chunk digests. A row hash is XXH3-128 of the row's canonical image; a chunk
// digest is the number of rows plus the sum of their hashes modulo 2^128. Addition makes the
// digest independent of row order and, unlike XOR, two equal rows do not cancel, so a duplicated
// row changes both the count and the sum.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pgparity::hashing {

struct Hash128 {
  std::uint64_t low = 0;
  std::uint64_t high = 0;

  auto operator<=>(const Hash128 &) const = default;
  // 32 lowercase hex digits, high half first.
  std::string hex() const;
};

// XXH3-128 of `bytes`.
Hash128 hash_bytes(std::string_view bytes) noexcept;
// XXH3-64 of `bytes`, for per-column comparison of rows already known to differ.
std::uint64_t hash_bytes_64(std::string_view bytes) noexcept;

// "xxh3-128:<hex>" of a document's text: the digest reports carry to detect later edits.
std::string document_digest(std::string_view text);

// a + b modulo 2^128.
Hash128 add(const Hash128 &a, const Hash128 &b) noexcept;

struct ChunkDigest {
  std::uint64_t rows = 0;
  Hash128 sum;

  void add_row(const Hash128 &row) noexcept {
    ++rows;
    sum = add(sum, row);
  }
  void merge(const ChunkDigest &other) noexcept {
    rows += other.rows;
    sum = add(sum, other.sum);
  }
  bool operator==(const ChunkDigest &) const = default;
};

} // namespace pgparity::hashing
