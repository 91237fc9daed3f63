#include "core/duration.hpp"

#include "core/error.hpp"

#include <charconv>

namespace pgparity::core {

std::chrono::milliseconds parse_duration(const std::string &text, const std::string &option) {
  long long number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  const std::string unit{end, text.data() + text.size()};
  const auto fail = [&] {
    return ConfigError(option + " takes a duration such as 90, 500ms, 5s, 10m, 1h or 2d, not \"" +
                       text + "\"");
  };
  if (error != std::errc{} || end == text.data() || number < 0) {
    throw fail();
  }
  if (unit == "ms") {
    return std::chrono::milliseconds{number};
  }
  if (unit.empty() || unit == "s") {
    return std::chrono::seconds{number};
  }
  if (unit == "m") {
    return std::chrono::minutes{number};
  }
  if (unit == "h") {
    return std::chrono::hours{number};
  }
  if (unit == "d") {
    return std::chrono::hours{24 * number};
  }
  throw fail();
}

} // namespace pgparity::core
