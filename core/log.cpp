#include "core/log.hpp"

#include "core/utc_time.hpp"

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
    out = utc_timestamp(std::chrono::system_clock::now()) + " ";
  }
  out += "pgparity: ";
  out += k_prefix[static_cast<int>(level)];
  out += line;
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), m_stream); // one write per line
}

} // namespace pgparity::core
