// The cross-version leg (issue 12, points 7 and 8): for each pair of major versions of
// scripts/test (a PostgreSQL 13 source into a 17 target, 15 into 18), the sample database plus
// fixtures/cross_version/rich.sql (definitions that newer servers print differently) loaded into
// the source, copied with Debian's version 15 pg_dump -Fd and pg_restore --no-owner --no-acl,
// must audit clean, and so must a copy of fixtures/coverage/every_class.sql (one object of every
// class); and the same copy with one view's WHERE clause changed on the target must
// fail with exactly that finding. Without the pair's clusters every test fails, none skips.
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

INSTANTIATE_TEST_SUITE_P(Pairs, CrossVersion, ::testing::ValuesIn(k_pairs),
                         [](const ::testing::TestParamInfo<VersionPair> &param) {
                           return pair_name(param.param);
                         });

} // namespace
