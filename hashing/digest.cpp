#include "hashing/digest.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <fmt/format.h>

namespace pgparity::hashing {

std::string Hash128::hex() const { return fmt::format("{:016x}{:016x}", high, low); }

Hash128 hash_bytes(std::string_view bytes) noexcept {
  const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  return {h.low64, h.high64};
}

std::uint64_t hash_bytes_64(std::string_view bytes) noexcept {
  return XXH3_64bits(bytes.data(), bytes.size());
}

std::string document_digest(std::string_view text) { return "xxh3-128:" + hash_bytes(text).hex(); }

Hash128 add(const Hash128 &a, const Hash128 &b) noexcept {
  Hash128 sum;
  sum.low = a.low + b.low;
  sum.high = a.high + b.high + (sum.low < a.low ? 1U : 0U);
  return sum;
}

} // namespace pgparity::hashing
