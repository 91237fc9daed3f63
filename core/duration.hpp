// Durations as the command line and config files give them: plain seconds ("90") or a number
// with a unit ("500ms", "5s", "10m", "1h", "2d").
#pragma once

#include <chrono>
#include <string>

namespace pgparity::core {

// Throws ConfigError naming `option` when `text` is not a duration.
std::chrono::milliseconds parse_duration(const std::string &text, const std::string &option);

} // namespace pgparity::core
