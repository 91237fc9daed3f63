// Large objects, compared by content digest: each object's bytes are read inside the session's
// snapshot with lo_get() and hashed with XXH3-128 as they arrive. Limit: lo_get() returns an
// object whole, so one object above 1 GB cannot be read this way.
#pragma once

#include "core/session.hpp"
#include "hashing/digest.hpp"

#include <cstdint>
#include <map>

namespace pgparity::hashing {

// OID → digest of every large object the session can see. Throws QueryError when one cannot
// be read (permissions on large objects apply).
std::map<std::uint32_t, Hash128> large_object_digests(core::Session &session);

} // namespace pgparity::hashing
