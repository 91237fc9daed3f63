#include "core/duration.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>

using pgparity::core::parse_duration;
using namespace std::chrono_literals;

TEST(Duration, PlainSecondsAndUnits) {
  EXPECT_EQ(parse_duration("90", "--x"), 90s);
  EXPECT_EQ(parse_duration("500ms", "--x"), 500ms);
  EXPECT_EQ(parse_duration("10m", "--x"), 10min);
  EXPECT_EQ(parse_duration("1h", "--x"), 1h);
  EXPECT_EQ(parse_duration("2d", "--x"), 48h);
  for (const char *bad : {"", "m", "-5s", "5 s", "5y", "1.5h"}) {
    EXPECT_THROW(parse_duration(bad, "--max-age"), pgparity::ConfigError) << bad;
  }
}
