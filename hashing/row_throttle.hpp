// A ceiling on rows read per second, shared by every session of one side (the source serving
// the live application, for `watch`). Readers account rows in small batches and sleep while
// they are ahead of the rate; idle time earns no burst.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>

namespace pgparity::hashing {

class RowThrottle {
public:
  // `rows_per_second` must be positive.
  explicit RowThrottle(double rows_per_second) : m_rate(rows_per_second) {}

  // Accounts `rows` just read; sleeps until reading them fits the rate. Thread-safe.
  void pass(std::uint64_t rows);

  // The batch size readers should account in: small enough to keep the rate smooth.
  static constexpr std::uint64_t k_batch = 256;

private:
  double m_rate;
  std::mutex m_mutex;
  std::chrono::steady_clock::time_point m_next_free{};
};

} // namespace pgparity::hashing
