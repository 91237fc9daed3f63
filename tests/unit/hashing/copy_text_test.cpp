#include "hashing/copy_text.hpp"

#include <gtest/gtest.h>

using namespace pgparity::hashing;

TEST(CopyText, SplitsOnEveryTabKeepingEmptyFields) {
  std::vector<std::string_view> fields;
  split_copy_fields("a\t\t\\N\tb\\tc", fields);
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[0], "a");
  EXPECT_EQ(fields[1], "");
  EXPECT_EQ(fields[2], "\\N");
  EXPECT_EQ(fields[3], "b\\tc");
  split_copy_fields("", fields);
  ASSERT_EQ(fields.size(), 1u);
  split_copy_fields("a\tbb\tc\td", fields, 2);
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[1], "bb");
}

TEST(CopyText, UnescapesValuesAndTellsNullFromEmpty) {
  EXPECT_EQ(unescape_copy_field("\\N"), std::nullopt);
  EXPECT_EQ(unescape_copy_field(""), std::string{});
  EXPECT_EQ(unescape_copy_field("a\\tb\\nc\\\\d\\re"), std::string{"a\tb\nc\\d\re"});
  EXPECT_EQ(unescape_copy_field("\\x41\\101"), std::string{"AA"});
  EXPECT_EQ(unescape_copy_field("\\\\N"), std::string{"\\N"});
}
