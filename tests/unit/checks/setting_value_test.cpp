#include "checks/setting_value.hpp"

#include <gtest/gtest.h>

using pgparity::checks::canonical_setting_value;

namespace {

std::string canonical(std::string_view value, std::string_view vartype, std::string_view unit) {
  return canonical_setting_value(value, vartype, unit).value_or("<invalid>");
}

} // namespace

TEST(SettingValue, TimeInTheBaseUnit) {
  EXPECT_EQ(canonical("5s", "integer", "ms"), "5000");
  EXPECT_EQ(canonical("5000ms", "integer", "ms"), "5000");
  EXPECT_EQ(canonical("5000", "integer", "ms"), "5000");
  EXPECT_EQ(canonical("5000 ms ", "integer", "ms"), "5000");
  EXPECT_EQ(canonical("1min", "integer", "ms"), "60000");
  EXPECT_EQ(canonical("1h", "integer", "s"), "3600");
  EXPECT_EQ(canonical("1d", "integer", "min"), "1440");
  EXPECT_EQ(canonical("1500000us", "integer", "ms"), "1500");
  EXPECT_EQ(canonical("1.5s", "integer", "ms"), "1500");
  EXPECT_EQ(canonical("90s", "integer", "min"), "2"); // 1.5 min rounds as the server does
  EXPECT_EQ(canonical("-1", "integer", "ms"), "-1");
  EXPECT_EQ(canonical("0x10", "integer", "ms"), "16"); // strtol's base 0, as the server
  EXPECT_EQ(canonical("2ms", "real", "ms"), canonical("2000us", "real", "ms"));
  EXPECT_EQ(canonical("0.5", "real", "ms"), "0.5");
}

TEST(SettingValue, MemoryInTheBaseUnit) {
  EXPECT_EQ(canonical("8MB", "integer", "kB"), "8192");
  EXPECT_EQ(canonical("8192kB", "integer", "kB"), "8192");
  EXPECT_EQ(canonical("8192", "integer", "kB"), "8192");
  EXPECT_EQ(canonical("1GB", "integer", "8kB"), "131072");
  EXPECT_EQ(canonical("131072", "integer", "8kB"), "131072");
  EXPECT_EQ(canonical("1TB", "integer", "MB"), "1048576");
  EXPECT_EQ(canonical("1024B", "integer", "kB"), "1");
  EXPECT_EQ(canonical("64kB", "integer", "B"), "65536");
  // A fraction is rounded to the next smaller unit first: 30.1GB is 30822MB.
  EXPECT_EQ(canonical("30.1GB", "integer", "kB"), std::to_string(30822 * 1024));
}

TEST(SettingValue, InvalidOrUnitlessValuesAreNotRead) {
  EXPECT_EQ(canonical("5 seconds", "integer", "ms"), "<invalid>");
  EXPECT_EQ(canonical("5S", "integer", "ms"), "<invalid>"); // units are case-sensitive
  EXPECT_EQ(canonical("5mb", "integer", "kB"), "<invalid>");
  EXPECT_EQ(canonical("5s", "integer", ""), "<invalid>"); // a setting without a unit
  EXPECT_EQ(canonical("5kB", "integer", "ms"), "<invalid>");
  EXPECT_EQ(canonical("", "integer", "ms"), "<invalid>");
  EXPECT_EQ(canonical("nan", "real", ""), "<invalid>");
  EXPECT_EQ(canonical("100", "integer", ""), "100");
  EXPECT_EQ(canonical("app, public", "string", ""), "<invalid>");
}

TEST(SettingValue, BooleansAndEnums) {
  for (const char *yes : {"on", "ON", "true", "t", "TRU", "yes", "y", "1"}) {
    EXPECT_EQ(canonical(yes, "bool", ""), "on") << yes;
  }
  for (const char *no : {"off", "of", "OFF", "false", "f", "no", "N", "0"}) {
    EXPECT_EQ(canonical(no, "bool", ""), "off") << no;
  }
  for (const char *neither : {"o", "truly", "2", "", " on"}) {
    EXPECT_EQ(canonical(neither, "bool", ""), "<invalid>") << neither;
  }
  EXPECT_EQ(canonical("WARNING", "enum", ""), "warning");
  EXPECT_EQ(canonical("Serializable", "enum", ""), canonical("serializable", "enum", ""));
}
