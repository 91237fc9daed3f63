#include "hashing/large_objects.hpp"

#include "core/error.hpp"

#include <charconv>

namespace pgparity::hashing {

std::map<std::uint32_t, Hash128> large_object_digests(core::Session &session) {
  std::map<std::uint32_t, Hash128> digests;
  session.copy_out(
      "SELECT m.oid, pg_catalog.lo_get(m.oid) FROM pg_catalog.pg_largeobject_metadata "
      "m ORDER BY m.oid",
      [&](std::string_view row) {
        const auto tab = row.find('\t');
        std::uint32_t oid = 0;
        std::from_chars(row.data(), row.data() + tab, oid);
        digests[oid] = hash_bytes(row.substr(tab + 1));
      },
      "large objects");
  return digests;
}

} // namespace pgparity::hashing
