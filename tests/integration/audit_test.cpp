// `pgparity audit` guarantees beyond the data fixtures: it needs no right to create anything,
// survives a connection killed mid-COPY, and handles bad input like every command.
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <thread>

using namespace pgparity;

namespace {

nlohmann::json read_report(const std::string &path) {
  std::ifstream in{path};
  return nlohmann::json::parse(in);
}

std::string as_role(const std::string &url, const std::string &role) {
  return test::with_user(url, role);
}

// The same small schema on both sides.
std::pair<std::string, std::string> twin_databases(const std::string &name,
                                                   const std::string &sql) {
  const std::string source = test::scratch_database("source", name);
  const std::string target = test::scratch_database("target", name);
  test::psql(source, sql);
  test::psql(target, sql);
  return {source, target};
}

TEST(Audit, NeedsNoRightToCreateAnything) {
  const std::string setup =
      "CREATE TABLE public.t (id int PRIMARY KEY, v text);"
      "INSERT INTO public.t SELECT g, md5(g::text) FROM generate_series(1, 5000) g;"
      "CREATE TABLE public.loose (v text); INSERT INTO public.loose VALUES ('a'), ('a'), (NULL);"
      "ANALYZE;"
      "REVOKE CREATE ON SCHEMA public FROM PUBLIC;"
      "GRANT USAGE ON SCHEMA public TO pgparity_reader;"
      "GRANT SELECT ON ALL TABLES IN SCHEMA public TO pgparity_reader;"
      "DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', "
      "current_database()); END $$;";
  auto [source, target] = twin_databases("audit_no_rights", setup);
  const std::string report = ::testing::TempDir() + "/audit_no_rights.json";
  auto result = test::run_pgparity({"audit", "--source", as_role(source, "pgparity_reader"),
                                    "--target", as_role(target, "pgparity_reader"), "--report-json",
                                    report, "--chunk-size", "1000"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out.rfind("CLEAN: 2 tables compared", 0), 0u) << result.out;
  auto json = read_report(report);
  EXPECT_EQ(json["status"], "clean");
  EXPECT_EQ(json["tables"].size(), 2u);
  EXPECT_EQ(json["tables"][1]["rows_source"], 5000);
  EXPECT_EQ(json["tables"][1]["chunks"], 5);
}

TEST(Audit, RetriesAChunkWhoseConnectionIsKilled) {
  const std::string setup = "CREATE TABLE public.big (id bigint PRIMARY KEY, v text);"
                            "INSERT INTO public.big SELECT g, repeat(md5(g::text), 4) FROM "
                            "generate_series(1, 1000000) g;";
  auto [source, target] = twin_databases("audit_killed", setup);
  test::psql(source, "VACUUM ANALYZE public.big");
  test::psql(target, "VACUUM ANALYZE public.big");
  const std::string report = ::testing::TempDir() + "/audit_killed.json";
  test::ProcessResult result;
  std::thread audit{[&] {
    result = test::run_pgparity(
        {"audit", "--source", source, "--target", target, "--jobs", "1", "--report-json", report});
  }};
  // Kill the first COPY seen on the source; the exporting session (idle) is left alone.
  bool killed = false;
  for (int attempt = 0; attempt < 200 && !killed; ++attempt) {
    killed = test::psql_value(source, "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) "
                                      "FROM pg_stat_activity WHERE application_name = 'pgparity' "
                                      "AND state = 'active' AND query LIKE 'COPY%') k") == "1";
    if (!killed) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  audit.join();
  ASSERT_TRUE(killed) << "the audit finished before a COPY could be killed";
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  auto json = read_report(report);
  EXPECT_EQ(json["tables"][0]["status"], "match");
  EXPECT_EQ(json["tables"][0]["rows_source"], 1000000);
}

TEST(Audit, BadInputNamesTheSideAndNeverThePassword) {
  auto [source, target] = twin_databases("audit_bad_input", "CREATE TABLE public.t (i int)");
  auto unreachable = test::run_pgparity(
      {"audit", "--source", source, "--target", "postgresql://u:hunter2@127.0.0.1:1/db"});
  EXPECT_EQ(unreachable.exit_code, 3) << unreachable.err;
  EXPECT_EQ(unreachable.err.rfind("pgparity: error: target: cannot connect to "
                                  "postgresql://u:***@127.0.0.1:1/db",
                                  0),
            0u)
      << unreachable.err;
  EXPECT_EQ(unreachable.err.find("hunter2"), std::string::npos);

  auto wrong_password = test::run_pgparity(
      {"audit", "--source", as_role(source, "pgparity_pw:nope"), "--target", target});
  EXPECT_EQ(wrong_password.exit_code, 2) << wrong_password.err;
  EXPECT_EQ(wrong_password.err.rfind("pgparity: error: source: ", 0), 0u) << wrong_password.err;

  EXPECT_EQ(test::run_pgparity({"audit", "--source", source}).exit_code, 2);
  EXPECT_EQ(test::run_pgparity({"audit", "--source", source, "--target", target, "--jobs", "0"})
                .exit_code,
            2);
  auto unwritable = test::run_pgparity(
      {"audit", "--source", source, "--target", target, "--report-json", "/nonexistent/r.json"});
  EXPECT_EQ(unwritable.exit_code, 2) << unwritable.err;
}

TEST(Audit, UrlsMayComeFromTheEnvironment) {
  auto [source, target] = twin_databases("audit_env", "CREATE TABLE public.t (i int)");
  setenv("PGPARITY_SOURCE", source.c_str(), 1);
  setenv("PGPARITY_TARGET", target.c_str(), 1);
  auto result = test::run_pgparity({"audit"});
  unsetenv("PGPARITY_SOURCE");
  unsetenv("PGPARITY_TARGET");
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

} // namespace

namespace {

TEST(Audit, AmcheckChecksTargetIndexesOrSaysItCannot) {
  const std::string setup =
      "CREATE TABLE public.t (id int PRIMARY KEY, v text);"
      "CREATE INDEX t_v_idx ON public.t (v);"
      "INSERT INTO public.t SELECT g, md5(g::text) FROM generate_series(1, 2000) g;";
  auto [source, target] = twin_databases("audit_amcheck", setup);
  auto without =
      test::run_pgparity({"audit", "--source", source, "--target", target, "--amcheck", "--quiet"});
  EXPECT_EQ(without.exit_code, 3) << without.out << without.err; // asked for, could not run
  EXPECT_NE(without.out.find("amcheck extension is not installed"), std::string::npos)
      << without.out;

  test::psql(source, "CREATE EXTENSION amcheck");
  test::psql(target, "CREATE EXTENSION amcheck");
  auto with =
      test::run_pgparity({"audit", "--source", source, "--target", target, "--amcheck", "--quiet"});
  EXPECT_EQ(with.exit_code, 0) << with.out << with.err;
}

} // namespace
