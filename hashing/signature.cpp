#include "hashing/signature.hpp"

#include "core/error.hpp"

#include <sodium.h>

#include <array>

namespace pgparity::hashing {

namespace {

constexpr std::string_view k_prefix = "hmac-sha256:";

using Mac = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

Mac mac_of(std::string_view key, std::string_view text) {
  if (sodium_init() < 0) {
    throw InternalError("libsodium could not be initialised");
  }
  crypto_auth_hmacsha256_state state;
  Mac mac{};
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(text.data()),
                                text.size());
  crypto_auth_hmacsha256_final(&state, mac.data());
  sodium_memzero(&state, sizeof state);
  return mac;
}

} // namespace

std::string sign_document(std::string_view key, std::string_view text) {
  const Mac mac = mac_of(key, text);
  std::array<char, crypto_auth_hmacsha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
  return std::string{k_prefix} + hex.data();
}

bool verify_document(std::string_view key, std::string_view text, std::string_view signature) {
  if (signature.substr(0, k_prefix.size()) != k_prefix ||
      signature.size() != k_prefix.size() + crypto_auth_hmacsha256_BYTES * 2) {
    return false;
  }
  const std::string_view hex = signature.substr(k_prefix.size());
  Mac claimed{};
  std::size_t length = 0;
  if (sodium_hex2bin(claimed.data(), claimed.size(), hex.data(), hex.size(), nullptr, &length,
                     nullptr) != 0 ||
      length != claimed.size()) {
    return false;
  }
  const Mac actual = mac_of(key, text);
  return sodium_memcmp(claimed.data(), actual.data(), actual.size()) == 0;
}

} // namespace pgparity::hashing
