#include "core/utc_time.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace pgparity::core {

std::string utc_timestamp(std::chrono::system_clock::time_point at) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(at);
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(seconds)));
}

} // namespace pgparity::core
