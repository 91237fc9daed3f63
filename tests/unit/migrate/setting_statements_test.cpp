#include "migrate/setting_statements.hpp"

#include <gtest/gtest.h>

using namespace pgparity;
using Strings = std::vector<std::string>;

TEST(SettingStatements, SplitsAQuotedListAsTheServerDoes) {
  EXPECT_EQ(migrate::split_quoted_list("app, public"), (Strings{"app", "public"}));
  EXPECT_EQ(migrate::split_quoted_list("\"$user\", app,\"My \"\"S\"\", x\"  ,  public"),
            (Strings{"$user", "app", "My \"S\", x", "public"}));
  EXPECT_EQ(migrate::split_quoted_list("\"\""), (Strings{""}));
  EXPECT_EQ(migrate::split_quoted_list("  "), Strings{});
  EXPECT_EQ(migrate::split_quoted_list("a,"), std::nullopt);
  EXPECT_EQ(migrate::split_quoted_list("\"open"), std::nullopt);
  EXPECT_EQ(migrate::split_quoted_list("a b"), std::nullopt);
}

TEST(SettingStatements, ListElementsBecomeLiteralsOtherValuesOneLiteral) {
  EXPECT_EQ(migrate::set_database_setting("shop", {"search_path", "\"$user\", app, \"My S\""}),
            "ALTER DATABASE \"shop\" SET \"search_path\" TO '$user', 'app', 'My S';");
  EXPECT_EQ(migrate::set_database_setting("Sh\"op", {"statement_timeout", "5min"}),
            "ALTER DATABASE \"Sh\"\"op\" SET \"statement_timeout\" TO '5min';");
  // DateStyle is a list, but not of quoted names: one literal, as stored.
  EXPECT_EQ(migrate::set_database_setting("shop", {"DateStyle", "ISO, MDY"}),
            "ALTER DATABASE \"shop\" SET \"DateStyle\" TO 'ISO, MDY';");
  EXPECT_EQ(migrate::set_database_setting("shop", {"app.note", "it's a\\b"}),
            "ALTER DATABASE \"shop\" SET \"app.note\" TO E'it''s a\\\\b';");
  EXPECT_EQ(migrate::set_role_setting("app", "shop", {"search_path", "\"\""}),
            "ALTER ROLE \"app\" IN DATABASE \"shop\" SET \"search_path\" TO '';");
  EXPECT_TRUE(migrate::is_quoted_list_setting("Search_Path"));
  EXPECT_FALSE(migrate::is_quoted_list_setting("DateStyle"));
}

TEST(SettingStatements, DatabaseConnectionLimitAndComment) {
  EXPECT_EQ(migrate::set_connection_limit("my \"db\"", 50),
            "ALTER DATABASE \"my \"\"db\"\"\" CONNECTION LIMIT 50;");
  EXPECT_EQ(migrate::set_connection_limit("shop", -1),
            "ALTER DATABASE \"shop\" CONNECTION LIMIT -1;");
  EXPECT_EQ(migrate::set_database_comment("shop", "the shop's data"),
            "COMMENT ON DATABASE \"shop\" IS 'the shop''s data';");
  EXPECT_EQ(migrate::set_database_comment("shop", "C:\\data"),
            "COMMENT ON DATABASE \"shop\" IS E'C:\\\\data';");
}
