// Bad input gets one error line naming the side and the redacted URL, an optional hint line,
// the documented exit code, and never a password.
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

using namespace pgparity;

namespace {

void expect_one_error(const test::ProcessResult &result, int exit_code, const std::string &secret) {
  EXPECT_EQ(result.exit_code, exit_code) << result.err;
  EXPECT_TRUE(result.out.empty()) << result.out;
  EXPECT_EQ(result.err.rfind("pgparity: error: database: ", 0), 0u) << result.err;
  const auto lines = std::count(result.err.begin(), result.err.end(), '\n');
  EXPECT_GE(lines, 1);
  EXPECT_LE(lines, 2) << result.err; // the error and at most a hint
  if (!secret.empty()) {
    EXPECT_EQ(result.err.find(secret), std::string::npos) << result.err;
  }
}

std::string source_url_as(const std::string &user_and_password, const std::string &database) {
  return test::with_user(test::with_database(test::cluster_url("source"), database),
                         user_and_password);
}

TEST(BadInput, MalformedUrlIsUsageError) {
  auto result =
      test::run_pgparity({"inventory", "--db", "postgresql://app:topsecret@127.0.0.1/db?bogus=1"});
  expect_one_error(result, 2, "topsecret");
  EXPECT_NE(result.err.find("malformed connection string"), std::string::npos);
}

TEST(BadInput, InvalidOptionValueIsUsageError) {
  auto result =
      test::run_pgparity({"inventory", "--db", "postgresql://app:topsecret@127.0.0.1:notaport/db"});
  expect_one_error(result, 2, "topsecret");
  EXPECT_NE(result.err.find("notaport"), std::string::npos) << result.err;
}

TEST(BadInput, UnreachableServerIsIncomplete) {
  auto result =
      test::run_pgparity({"inventory", "--db", "postgresql://app:hunter2@127.0.0.1:1/db"});
  expect_one_error(result, 3, "hunter2");
  EXPECT_NE(result.err.find("cannot connect to postgresql://app:***@127.0.0.1:1/db"),
            std::string::npos)
      << result.err;
}

TEST(BadInput, WrongPasswordIsConfigurationError) {
  auto result = test::run_pgparity(
      {"inventory", "--db", source_url_as("pgparity_pw:wrong-pass", "postgres")});
  expect_one_error(result, 2, "wrong-pass");
  EXPECT_NE(result.err.find("password authentication failed"), std::string::npos) << result.err;
}

// pg_hba.conf refusing the connection (as RDS refuses one without TLS: "no encryption") is the
// server answering: the user must change the connection string. Judged by the SQLSTATE the
// server sent (28000), not by the wording.
TEST(BadInput, PgHbaRejectionIsConfigurationError) {
  auto result =
      test::run_pgparity({"inventory", "--db", source_url_as("pgparity_refused", "postgres")});
  expect_one_error(result, 2, "");
  EXPECT_NE(result.err.find("28000"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("\nhint: "), std::string::npos) << result.err;
}

// No server answered: exit 3, even when the words of the failure ("ssl", "invalid", "does not
// exist") would have read like a configuration problem.
TEST(BadInput, NoAnswerIsIncompleteWhateverTheWording) {
  auto result = test::run_pgparity(
      {"inventory", "--db", "host=/nonexistent/ssl-invalid-does-not-exist port=5999 user=x"});
  expect_one_error(result, 3, "");
}

// A value libpq would refuse only when connecting is refused before anything connects.
TEST(BadInput, InvalidSslmodeIsUsageError) {
  auto result = test::run_pgparity(
      {"inventory", "--db", "postgresql://app:topsecret@127.0.0.1/db?sslmode=sometimes"});
  expect_one_error(result, 2, "topsecret");
  EXPECT_NE(result.err.find("sslmode"), std::string::npos) << result.err;
}

TEST(BadInput, RightPasswordWorks) {
  auto result = test::run_pgparity(
      {"inventory", "--db", source_url_as("pgparity_pw:pgparity-secret", "postgres")});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.find("pgparity-secret"), std::string::npos);
  EXPECT_NE(result.out.find("pgparity_pw:***@"), std::string::npos) << result.out;
}

TEST(BadInput, UnknownDatabaseIsConfigurationError) {
  auto result =
      test::run_pgparity({"inventory", "--db", source_url_as("postgres", "no_such_database")});
  expect_one_error(result, 2, "");
  EXPECT_NE(result.err.find("no_such_database"), std::string::npos) << result.err;
}

TEST(BadInput, CommandLineMistakesAreUsageErrors) {
  EXPECT_EQ(test::run_pgparity({}).exit_code, 2);
  EXPECT_EQ(test::run_pgparity({"inventory"}).exit_code, 2);
  EXPECT_EQ(test::run_pgparity({"inventory", "--db", "x=y", "--bogus"}).exit_code, 2);
  EXPECT_EQ(test::run_pgparity({"no-such-command"}).exit_code, 2);
}

// Session timeouts PostgreSQL would refuse (over INT_MAX ms), or 0 ("wait forever"), are
// refused before connecting: exit 2 naming the option (review finding 8), never exit 3 from the
// server. The source here is unreachable, so anything that got as far as connecting exits 3.
TEST(BadInput, SessionTimeoutsOutOfRangeAreRefusedBeforeConnecting) {
  const std::string unreachable = "postgresql://postgres@127.0.0.1:1/postgres";
  const std::string target = test::cluster_url("target");
  for (const std::string command : {"audit", "migrate", "watch"}) {
    for (const auto &[option, value] :
         {std::pair{"--lock-timeout", "30d"}, std::pair{"--lock-timeout", "2147483648ms"},
          std::pair{"--statement-timeout", "9999999999999h"}, std::pair{"--lock-timeout", "0"},
          std::pair{"--statement-timeout", "0ms"}}) {
      std::vector<std::string> args{command, "--source", unreachable, "--target",
                                    target,  option,     value};
      if (command == "migrate") {
        args.insert(args.end(), {"--work-dir", test::fresh_temp_path("timeouts_work")});
      }
      auto result = test::run_pgparity(args);
      EXPECT_EQ(result.exit_code, 2) << command << " " << option << " " << value << result.err;
      EXPECT_EQ(result.err.rfind(std::string{"pgparity: error: "} + option + " ", 0), 0u)
          << result.err;
      EXPECT_EQ(result.err.find("SET"), std::string::npos) << result.err;
    }
  }
}

TEST(BadInput, HelpAndVersionSucceed) {
  auto help = test::run_pgparity({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("inventory"), std::string::npos);
  EXPECT_NE(help.out.find("Exit codes"), std::string::npos);
  auto version = test::run_pgparity({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_FALSE(version.out.empty());
}

} // namespace
