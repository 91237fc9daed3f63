#include "core/log.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <string>

namespace pgparity::core {

void Log::write(LogLevel level, std::string_view line) const {
  if (level < m_threshold || m_threshold == LogLevel::quiet) {
    return;
  }
  static constexpr const char *k_prefix[] = {"debug: ", "", "warning: ", "error: "};
  std::string out;
  if (m_timestamps) {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    out = fmt::format("{:%Y-%m-%dT%H:%M:%SZ} ",
                      fmt::gmtime(std::chrono::system_clock::to_time_t(now)));
  }
  out += "pgparity: ";
  out += k_prefix[static_cast<int>(level)];
  out += line;
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), m_stream); // one write per line
}

} // namespace pgparity::core
