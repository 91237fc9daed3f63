#include "core/duration.hpp"

#include "core/error.hpp"

#include <charconv>
#include <cstdint>
#include <utility>

namespace pgparity::core {

namespace {

// "2h" for 7200000 ms when it is a whole number of a unit, else the milliseconds.
std::string describe(std::chrono::milliseconds value) {
  using namespace std::chrono;
  for (const auto &[unit, length] :
       {std::pair{"d", milliseconds{hours{24}}}, std::pair{"h", milliseconds{hours{1}}},
        std::pair{"m", milliseconds{minutes{1}}}, std::pair{"s", milliseconds{seconds{1}}}}) {
    if (value.count() % length.count() == 0) {
      return std::to_string(value.count() / length.count()) + unit;
    }
  }
  return std::to_string(value.count()) + "ms";
}

std::int64_t unit_milliseconds(const std::string &unit) {
  if (unit == "ms") {
    return 1;
  }
  if (unit.empty() || unit == "s") {
    return 1000;
  }
  if (unit == "m") {
    return 60 * 1000;
  }
  if (unit == "h") {
    return 3600 * 1000;
  }
  if (unit == "d") {
    return 24 * 3600 * 1000;
  }
  return 0;
}

} // namespace

std::chrono::milliseconds parse_duration(const std::string &text, const std::string &option,
                                         std::chrono::milliseconds max) {
  long long number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  const std::string unit{end, text.data() + text.size()};
  const std::int64_t scale = unit_milliseconds(unit);
  const bool too_long = error == std::errc::result_out_of_range
                            ? !text.empty() && text.front() != '-' && scale != 0
                            : error == std::errc{} && end != text.data() && number >= 0 &&
                                  scale != 0 && number > max.count() / scale;
  if (too_long) {
    throw ConfigError(option + " is at most " + describe(max) + ", not \"" + text + "\"");
  }
  if (error != std::errc{} || end == text.data() || number < 0 || scale == 0) {
    throw ConfigError(option + " takes a duration such as 90, 500ms, 5s, 10m, 1h or 2d, not \"" +
                      text + "\"");
  }
  return std::chrono::milliseconds{number * scale};
}

std::chrono::milliseconds parse_server_timeout(const std::string &text, const std::string &option) {
  const auto value = parse_duration(text, option);
  if (value > k_max_server_timeout) {
    throw ConfigError(option + " is at most " + std::to_string(k_max_server_timeout.count()) +
                          "ms (about 24.8 days), not \"" + text + "\"",
                      "PostgreSQL refuses a longer statement_timeout or lock_timeout");
  }
  if (value.count() == 0) {
    throw ConfigError(option + " must be above zero, not \"" + text + "\"",
                      "PostgreSQL reads 0 as \"wait forever\"; give a limit such as 30s");
  }
  return value;
}

} // namespace pgparity::core
