#include "hashing/row_throttle.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

using pgparity::hashing::RowThrottle;

// Readers on several threads share one ceiling: 20,000 rows at 100,000 rows/s cannot take less
// than 0.2 s, however many threads read them. (A lower bound only: the rate is a ceiling.)
TEST(RowThrottle, HoldsTheRateAcrossThreads) {
  RowThrottle throttle{100000};
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      for (int batch = 0; batch < 5000 / static_cast<int>(RowThrottle::k_batch) + 1; ++batch) {
        throttle.pass(RowThrottle::k_batch);
      }
    });
  }
  for (auto &reader : readers) {
    reader.join();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const double rows = 4.0 * (5000 / RowThrottle::k_batch + 1) * RowThrottle::k_batch;
  EXPECT_GE(seconds, rows / 100000 * 0.98);
}

// Idle time earns no burst: after a pause, reading is paced again from the first batch.
TEST(RowThrottle, NoBurstAfterIdleTime) {
  RowThrottle throttle{10000};
  throttle.pass(100);
  std::this_thread::sleep_for(std::chrono::milliseconds{50});
  const auto started = std::chrono::steady_clock::now();
  throttle.pass(500); // 50 ms at 10,000 rows/s
  throttle.pass(500);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_GE(seconds, 0.095);
}
