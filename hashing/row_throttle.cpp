#include "hashing/row_throttle.hpp"

#include <thread>

namespace pgparity::hashing {

void RowThrottle::pass(std::uint64_t rows) {
  std::chrono::steady_clock::time_point wake;
  {
    const std::lock_guard lock{m_mutex};
    const auto now = std::chrono::steady_clock::now();
    if (m_next_free < now) {
      m_next_free = now;
    }
    m_next_free += std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(static_cast<double>(rows) / m_rate));
    wake = m_next_free;
  }
  std::this_thread::sleep_until(wake);
}

} // namespace pgparity::hashing
