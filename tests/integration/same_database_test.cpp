// Comparing, watching or migrating a database onto itself is refused with exit 2 however the
// two connection strings spell it, and nothing is touched; two databases of one server are
// still compared.
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace pgparity;

namespace {

std::string output(const test::ProcessResult &result) {
  return "exit code " + std::to_string(result.exit_code) + "\n--- stdout\n" + result.out +
         "\n--- stderr\n" + result.err;
}

// A small database on the source cluster.
std::string small_database(const std::string &name) {
  const std::string url = test::scratch_database("source", name);
  test::psql(url, "CREATE TABLE public.items (id int PRIMARY KEY, label text);"
                  "INSERT INTO public.items SELECT g, 'item ' || g FROM generate_series(1, 100) g");
  return url;
}

// The same database as `url` (on the source cluster), spelled as key=value pairs.
std::string spelled_otherwise(const std::string &database) {
  return "host=127.0.0.1 port=" + test::cluster_port("source") +
         " user=postgres dbname=" + database + " application_name=another_name";
}

void expect_refused(const test::ProcessResult &result) {
  EXPECT_EQ(result.exit_code, 2) << output(result);
  EXPECT_NE(result.err.find("source and target are the same database"), std::string::npos)
      << output(result);
  EXPECT_EQ(result.out.find("CLEAN"), std::string::npos) << output(result);
}

TEST(SameDatabase, AuditOfADatabaseWithItselfIsRefused) {
  const std::string url = small_database("same_db_audit");
  expect_refused(test::run_pgparity({"audit", "--source", url, "--target", url, "--quiet"}));
}

TEST(SameDatabase, AnotherSpellingOfTheSameDatabaseIsRefused) {
  const std::string url = small_database("same_db_spelling");
  const std::string other = spelled_otherwise("same_db_spelling");
  expect_refused(test::run_pgparity({"audit", "--source", url, "--target", other, "--quiet"}));
  expect_refused(test::run_pgparity(
      {"watch", "--source", other, "--target", url, "--max-passes", "1", "--quiet"}));
}

TEST(SameDatabase, MigrateOntoTheSourceIsRefusedAndChangesNothing) {
  const std::string url = small_database("same_db_migrate");
  const auto dir = test::fresh_temp_path("pgparity_same_db_migrate");
  const auto result = test::run_pgparity({"migrate", "--source", url, "--target",
                                          spelled_otherwise("same_db_migrate"), "--clean",
                                          "--work-dir", dir, "--quiet"});
  EXPECT_EQ(result.exit_code, 2) << output(result);
  EXPECT_NE(result.err.find("FAIL  source and target are different databases"), std::string::npos)
      << output(result);
  EXPECT_EQ(test::psql_value(url, "SELECT count(*) FROM public.items"), "100");
}

TEST(SameDatabase, TwoDatabasesOfOneServerAreCompared) {
  const std::string a = small_database("same_server_a");
  const std::string b = small_database("same_server_b");
  const auto result = test::run_pgparity({"audit", "--source", a, "--target", b, "--quiet"});
  EXPECT_EQ(result.exit_code, 0) << output(result);
}

} // namespace
