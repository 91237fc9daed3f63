// Report signatures: HMAC-SHA256 (libsodium) of a report's canonical text under a key the user
// controls, so a gate given the same key can tell a report pgparity wrote from one edited,
// forged or signed with another key. It proves nothing against someone who holds the key.
// A key is raw bytes, at least k_min_signing_key_bytes long; it never appears in any output.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pgparity::hashing {

constexpr std::size_t k_min_signing_key_bytes = 32;

// "hmac-sha256:<64 lowercase hex digits>" of `text` under `key`.
std::string sign_document(std::string_view key, std::string_view text);

// Whether `signature` is sign_document(key, text), compared in constant time. False for any
// malformed signature.
bool verify_document(std::string_view key, std::string_view text, std::string_view signature);

} // namespace pgparity::hashing
