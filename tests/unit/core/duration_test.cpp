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

// Huge values are refused at parse time (review finding 7): "9999999999999h" once overflowed
// the gate's arithmetic (a crash, or a gate closed on a fresh report).
TEST(Duration, RefusesValuesBeyondTheBound) {
  EXPECT_EQ(parse_duration("36500d", "--x"), pgparity::core::k_max_duration);
  for (const char *huge :
       {"36501d", "100000000h", "9999999999999h", "99999999999999999999999", "876001h"}) {
    try {
      parse_duration(huge, "--max-age");
      ADD_FAILURE() << huge;
    } catch (const pgparity::ConfigError &e) {
      EXPECT_EQ(std::string{e.what()}.rfind("--max-age is at most 36500d", 0), 0u) << e.what();
    }
  }
  EXPECT_THROW(parse_duration("2s", "--x", 1s), pgparity::ConfigError);
  EXPECT_EQ(parse_duration("1000ms", "--x", 1s), 1s);
}

// Session timeouts must be values PostgreSQL accepts, and never 0 ("wait forever").
TEST(Duration, ServerTimeoutsAreAboveZeroAndWithinPostgresLimit) {
  using pgparity::core::parse_server_timeout;
  EXPECT_EQ(parse_server_timeout("30s", "--lock-timeout"), 30s);
  EXPECT_EQ(parse_server_timeout("2147483647ms", "--lock-timeout"), 2147483647ms);
  for (const char *bad : {"0", "0ms", "0s", "25d", "2147483648ms", "30d"}) {
    try {
      parse_server_timeout(bad, "--lock-timeout");
      ADD_FAILURE() << bad;
    } catch (const pgparity::ConfigError &e) {
      EXPECT_EQ(std::string{e.what()}.rfind("--lock-timeout ", 0), 0u) << e.what();
    }
  }
}
