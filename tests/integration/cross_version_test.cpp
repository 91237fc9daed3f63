// The cross-version leg (issue 12, points 7 and 8): for each pair of major versions of
// scripts/test (a PostgreSQL 13 source into a 17 target, 15 into 18), the sample database plus
// fixtures/cross_version/rich.sql (definitions that newer servers print differently) loaded into
// the source, copied with Debian's version 15 pg_dump -Fd and pg_restore --no-owner --no-acl,
// must audit clean, and so must a copy of fixtures/coverage/every_class.sql (one object of every
// class); and the same copy with one view's WHERE clause changed on the target must
// fail with exactly that finding. ICU collations created with old-style locale names, which 16+
// stores as BCP 47 tags, copy clean too (and a database's ICU locale, 15 into 18), while another
// ICU locale is caught. Without the pair's clusters every test fails, none skips.
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace pgparity;

namespace {

namespace fs = std::filesystem;

struct VersionPair {
  int source_major;
  int target_major;
};

// The pairs scripts/test starts (its CROSS_VERSION_PAIRS).
const std::vector<VersionPair> k_pairs{{13, 17}, {15, 18}};

std::string pair_name(const VersionPair &pair) {
  return "pg" + std::to_string(pair.source_major) + "_to_pg" + std::to_string(pair.target_major);
}

// How GoogleTest prints a pair in its messages.
void PrintTo(const VersionPair &pair, std::ostream *out) { *out << pair_name(pair); }

struct Databases {
  std::string source;
  std::string target;
};

void run_or_throw(const std::vector<std::string> &argv) {
  const test::ProcessResult result = test::run_process(argv);
  if (result.exit_code != 0) {
    throw std::runtime_error(argv[0] + " failed (" + std::to_string(result.exit_code) +
                             "): " + result.err);
  }
}

// The server's major version, from server_version_num.
int server_major(const std::string &url) {
  return std::stoi(test::psql_value(url, "SHOW server_version_num")) / 10000;
}

// Fresh databases `name` on both clusters of `pair`: the sample and the rich fixture loaded into
// the source, then copied into the target with the version 15 client programs, as a migration
// from an older managed server does; both analyzed.
Databases faithful_copy(const VersionPair &pair, const std::string &name) {
  const std::string source_admin =
      test::version_pair_url(pair.source_major, pair.target_major, "source");
  const std::string target_admin =
      test::version_pair_url(pair.source_major, pair.target_major, "target");
  // The pair must run the majors it is named after: a leg on other servers proves nothing.
  if (server_major(source_admin) != pair.source_major ||
      server_major(target_admin) != pair.target_major) {
    throw std::runtime_error("the clusters of " + pair_name(pair) + " run PostgreSQL " +
                             std::to_string(server_major(source_admin)) + " and " +
                             std::to_string(server_major(target_admin)));
  }
  Databases dbs{test::scratch_database_at(source_admin, name),
                test::scratch_database_at(target_admin, name)};
  test::psql_file(dbs.source, test::repository_path("fixtures/sample/sample.sql"));
  test::psql_file(dbs.source, test::repository_path("fixtures/cross_version/rich.sql"));

  const fs::path dump = test::fresh_temp_path("pgparity_xv_dump_" + name);
  run_or_throw({test::pg_program("pg_dump"), "--format=directory", "--file", dump.string(),
                "--dbname", dbs.source});
  run_or_throw({test::pg_program("pg_restore"), "--no-owner", "--no-acl", "--exit-on-error",
                "--dbname", dbs.target, dump.string()});
  std::error_code ignored;
  fs::remove_all(dump, ignored);
  test::psql(dbs.source, "ANALYZE");
  test::psql(dbs.target, "ANALYZE");
  return dbs;
}

struct AuditRun {
  test::ProcessResult process;
  nlohmann::json report;
};

AuditRun audit(const Databases &dbs, const std::string &name) {
  const fs::path report = test::fresh_temp_path("pgparity_xv_" + name + ".json");
  AuditRun run{test::run_pgparity({"audit", "--source", dbs.source, "--target", dbs.target,
                                   "--report-json", report.string()}),
               nlohmann::json{}};
  run.report = nlohmann::json::parse(test::read_file(report), nullptr, false);
  return run;
}

// pg_dump creates an extension without its version, so a newer target installs its own default
// one: a warning the user should read (functions may behave differently), expected on every
// cross-major copy of an extension the newer server ships in a newer version.
bool expected_on_a_newer_major(const nlohmann::json &finding) {
  return finding.value("id", "") == "extension.version_changed" &&
         finding.value("severity", "") == "warning";
}

// (id, object) of every finding at severity warning or error, but those expected on a newer
// major.
std::set<std::pair<std::string, std::string>> findings(const nlohmann::json &report) {
  std::set<std::pair<std::string, std::string>> out;
  if (!report.is_object() || !report.contains("findings")) {
    return out;
  }
  for (const auto &finding : report["findings"]) {
    if (expected_on_a_newer_major(finding)) {
      continue;
    }
    if (finding.value("severity", "") == "warning" || finding.value("severity", "") == "error") {
      out.emplace(finding.value("id", ""), finding.value("object", ""));
    }
  }
  return out;
}

std::string describe(const AuditRun &run) {
  std::string out = "exit code " + std::to_string(run.process.exit_code) + "\n--- stdout\n" +
                    run.process.out + "\n--- stderr\n" + run.process.err + "\n--- findings\n";
  if (run.report.is_object() && run.report.contains("findings")) {
    for (const auto &finding : run.report["findings"]) {
      out += finding.dump() + "\n";
    }
  }
  return out;
}

class CrossVersion : public ::testing::TestWithParam<VersionPair> {};

TEST_P(CrossVersion, FaithfulCopyIsClean) {
  const std::string name = "xv_clean_" + pair_name(GetParam());
  const Databases dbs = faithful_copy(GetParam(), name);
  const AuditRun run = audit(dbs, name);
  EXPECT_EQ(run.process.exit_code, 0) << describe(run);
  EXPECT_TRUE(findings(run.report).empty()) << describe(run);
}

// One object of every class of the coverage table (fixtures/coverage/every_class.sql), copied
// into a newer major: every catalog reader must work on both versions and mean the same.
TEST_P(CrossVersion, EveryClassCopyIsCleanAndFullyCompared) {
  const std::string name = "xv_every_class_" + pair_name(GetParam());
  const std::string source_admin =
      test::version_pair_url(GetParam().source_major, GetParam().target_major, "source");
  const std::string target_admin =
      test::version_pair_url(GetParam().source_major, GetParam().target_major, "target");
  const Databases dbs{test::scratch_database_at(source_admin, name),
                      test::scratch_database_at(target_admin, name)};
  test::psql_file(dbs.source, test::repository_path("fixtures/coverage/every_class.sql"));
  test::restore_from_source(dbs.source, dbs.target, name);
  test::copy_database_settings(dbs.source, dbs.target);
  test::psql(dbs.source, "ANALYZE");
  test::psql(dbs.target, "ANALYZE");
  const AuditRun run = audit(dbs, name);
  EXPECT_EQ(run.process.exit_code, 0) << describe(run);
  EXPECT_TRUE(findings(run.report).empty()) << describe(run);
  ASSERT_TRUE(run.report.contains("coverage")) << describe(run);
  for (const auto &row : run.report["coverage"]) {
    EXPECT_NE(row.value("status", ""), "not_compared") << row.dump();
  }
}

TEST_P(CrossVersion, ChangedViewWhereClauseIsCaught) {
  const std::string name = "xv_defect_" + pair_name(GetParam());
  const Databases dbs = faithful_copy(GetParam(), name);
  // Another constant in the WHERE clause of a single-table view: the spelling that differs
  // across versions must not hide a real change.
  test::psql(dbs.target, "CREATE OR REPLACE VIEW xv.v_simple AS "
                         "SELECT id, name FROM xv.customers WHERE region = 'south'");
  const AuditRun run = audit(dbs, name);
  EXPECT_EQ(run.process.exit_code, 1) << describe(run);
  EXPECT_EQ(findings(run.report), (std::set<std::pair<std::string, std::string>>{
                                      {"view.definition_changed", "xv.v_simple"}}))
      << describe(run);
}

// PostgreSQL 16+ stores an ICU locale as its BCP 47 tag: the collations a dump from an older
// server creates with old-style names (`de@colStrength=secondary`, `en_US`) hold
// `de-u-ks-level2` and `en-US` on the target. Same collators, so the copy is clean; a collation
// recreated with another locale on the target is still caught.
TEST_P(CrossVersion, OldStyleIcuCollationNamesAreTheSameCollation) {
  const std::string name = "xv_icu_" + pair_name(GetParam());
  const Databases dbs{
      test::scratch_database_at(
          test::version_pair_url(GetParam().source_major, GetParam().target_major, "source"), name),
      test::scratch_database_at(
          test::version_pair_url(GetParam().source_major, GetParam().target_major, "target"),
          name)};
  test::psql(dbs.source,
             "CREATE COLLATION public.de_ci (provider = icu, locale = 'de@colStrength=secondary',"
             " deterministic = false);"
             "CREATE COLLATION public.en_us (provider = icu, locale = 'en_US');"
             "CREATE COLLATION public.numeric (provider = icu, locale = 'und-u-kn-true');"
             "CREATE COLLATION public.sv_upper (provider = icu,"
             " locale = 'sv@colCaseFirst=upper;colNumeric=yes');"
             "CREATE TABLE public.t (id int PRIMARY KEY, name text COLLATE public.de_ci,"
             " code text COLLATE public.numeric);"
             "INSERT INTO public.t VALUES (1, 'Straße', 'a10'), (2, 'STRASSE', 'a9');");
  test::restore_from_source(dbs.source, dbs.target, name);
  // The scenario itself: the target spells the locales as tags.
  ASSERT_EQ(test::psql_value(dbs.target, "SELECT string_agg(colllocale, ' ' ORDER BY collname)"
                                         " FROM pg_collation WHERE collname IN ('de_ci', 'en_us')"),
            "de-u-ks-level2 en-US");
  test::psql(dbs.source, "ANALYZE");
  test::psql(dbs.target, "ANALYZE");
  AuditRun run = audit(dbs, name);
  EXPECT_EQ(run.process.exit_code, 0) << describe(run);
  EXPECT_TRUE(findings(run.report).empty()) << describe(run);

  test::psql(dbs.target, "DROP COLLATION public.en_us;"
                         "CREATE COLLATION public.en_us (provider = icu, locale = 'en_GB');");
  run = audit(dbs, name);
  EXPECT_EQ(run.process.exit_code, 1) << describe(run);
  EXPECT_EQ(findings(run.report),
            (std::set<std::pair<std::string, std::string>>{{"collation.changed", "public.en_us"}}))
      << describe(run);
}

INSTANTIATE_TEST_SUITE_P(Pairs, CrossVersion, ::testing::ValuesIn(k_pairs),
                         [](const ::testing::TestParamInfo<VersionPair> &param) {
                           return pair_name(param.param);
                         });

} // namespace

// A database created on 15 with an old-style ICU locale, and the target database created on 18
// for the restore with the same name, which 18 stores as its tag: the same default collation,
// so no server.collation_changed; another ICU locale on the target is one.
TEST(CrossVersionIcu, OldStyleDatabaseIcuLocaleIsTheSameCollation) {
  const std::string name = "xv_icu_database";
  const std::string source_admin = test::version_pair_url(15, 18, "source");
  const std::string target_admin = test::version_pair_url(15, 18, "target");
  const auto create = [&](const std::string &admin, const std::string &icu_locale) {
    test::scratch_database_at(admin, name);
    test::psql(admin, "DROP DATABASE \"" + name + "\" WITH (FORCE)");
    test::psql(admin, "CREATE DATABASE \"" + name +
                          "\" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '" + icu_locale +
                          "' LOCALE 'C.UTF-8'");
    const std::string url = test::with_database(admin, name);
    test::psql(url, "CREATE TABLE public.t (id int PRIMARY KEY, name text);"
                    "INSERT INTO public.t VALUES (1, 'a'), (2, 'B');");
    return url;
  };
  Databases dbs{create(source_admin, "de@colStrength=secondary"),
                create(target_admin, "de@colStrength=secondary")};
  ASSERT_EQ(test::psql_value(dbs.target, "SELECT datlocale FROM pg_database"
                                         " WHERE datname = current_database()"),
            "de-u-ks-level2");
  AuditRun run = audit(dbs, name);
  EXPECT_EQ(run.process.exit_code, 0) << describe(run);
  EXPECT_TRUE(findings(run.report).empty()) << describe(run);

  dbs.target = create(target_admin, "de@colStrength=primary");
  run = audit(dbs, name);
  EXPECT_EQ(run.process.exit_code, 1) << describe(run);
  EXPECT_EQ(findings(run.report),
            (std::set<std::pair<std::string, std::string>>{{"server.collation_changed", name}}))
      << describe(run);
}
