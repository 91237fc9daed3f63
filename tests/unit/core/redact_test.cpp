#include "core/redact.hpp"

#include <gtest/gtest.h>

using pgparity::core::redact_secrets;

TEST(RedactSecrets, UrlPasswords) {
  EXPECT_EQ(redact_secrets("failed for postgresql://bob:hunter2@h:5432/db now"),
            "failed for postgresql://bob:***@h:5432/db now");
  EXPECT_EQ(redact_secrets("postgres://:pw@h/db"), "postgres://:***@h/db");
}

TEST(RedactSecrets, KeywordPasswords) {
  EXPECT_EQ(redact_secrets("host=h password=hunter2 user=u"), "host=h password=*** user=u");
  EXPECT_EQ(redact_secrets("host=h password = 'a b\\'c' user=u"), "host=h password = *** user=u");
  EXPECT_EQ(redact_secrets("postgresql://h/db?password=pw&sslmode=require"),
            "postgresql://h/db?password=***&sslmode=require");
  EXPECT_EQ(redact_secrets("sslpassword=k"), "sslpassword=***");
}

TEST(RedactSecrets, ReplacesRawSourceEverywhere) {
  EXPECT_EQ(redact_secrets("bad \"x y\" and again x y", "x y", "<c>"), "bad \"<c>\" and again <c>");
}

TEST(RedactSecrets, LeavesOrdinaryTextAlone) {
  EXPECT_EQ(redact_secrets("password authentication failed for user \"app\""),
            "password authentication failed for user \"app\"");
}
