// Durations as the command line and config files give them: plain seconds ("90") or a number
// with a unit ("500ms", "5s", "10m", "1h", "2d"), bounded so that no later arithmetic overflows.
#pragma once

#include <chrono>
#include <string>

namespace pgparity::core {

// The longest duration any option takes: 100 years (36500d). Far beyond any real use, and small
// enough that a time point plus or minus it never overflows std::chrono::system_clock.
inline constexpr std::chrono::milliseconds k_max_duration = std::chrono::hours{24 * 36500};

// PostgreSQL's limit for statement_timeout and lock_timeout: INT_MAX milliseconds, about 24.8
// days; the server refuses a larger value.
inline constexpr std::chrono::milliseconds k_max_server_timeout{2147483647};

// Throws ConfigError naming `option` when `text` is not a duration or is longer than `max`
// (checked before any multiplication, so a huge number is refused, never wrapped).
std::chrono::milliseconds parse_duration(const std::string &text, const std::string &option,
                                         std::chrono::milliseconds max = k_max_duration);

// A timeout set on a PostgreSQL session (--statement-timeout, --lock-timeout): a duration above
// zero (to PostgreSQL 0 means "wait forever") and at most k_max_server_timeout. Throws
// ConfigError naming `option` otherwise, so the value is refused before anything connects.
std::chrono::milliseconds parse_server_timeout(const std::string &text, const std::string &option);

} // namespace pgparity::core
