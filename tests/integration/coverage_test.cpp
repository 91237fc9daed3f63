// The report's coverage table (docs/report.md, "Coverage") asserted on a database holding one
// object of every class: fixtures/coverage/every_class.sql, loaded on the source and copied into
// the target as a migration does (pg_dump -Fd, pg_restore --no-owner --no-acl; then the
// database's and its roles' settings, which pg_dump without --create does not carry, applied as
// migrate's post-restore phase applies them). On that faithful copy:
//
// - audit lists every class of core::object_class_keys() once, in that order, each with objects
//   on the source (but those every_class.sql cannot create), each compared or out of scope, and
//   the copy is clean (no finding at warning or error, exit 0);
// - audit --data-only and watch compare the tables' rows and skip the structural classes.
//
// The databases `cov_every_class` on both clusters are left behind for inspection and rebuilt
// when the suite runs again.
#include "checks/coverage.hpp"
#include "core/catalog_reader.hpp"
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace pgparity;
using nlohmann::json;

namespace {

constexpr const char *k_database = "cov_every_class";

// The classes every_class.sql does not create, and why: SQL alone cannot.
const std::map<std::string, std::string> &not_created() {
  static const std::map<std::string, std::string> classes{
      {"security_labels", "SECURITY LABEL needs a label provider module (sepgsql, "
                          "dummy_seclabel), which the test clusters do not load"},
  };
  return classes;
}

// Classes that pg_restore --no-acl leaves out on purpose: the faithful copy has none of them.
const std::set<std::string> &dropped_by_no_acl() {
  static const std::set<std::string> classes{"table_privileges", "column_privileges",
                                             "default_privileges"};
  return classes;
}

// The classes whose rows the data check compares, --data-only or not.
const std::set<std::string> &compared_by_rows() {
  static const std::set<std::string> classes{"tables", "partitioned_tables"};
  return classes;
}

// Classes whose count every_class.sql fixes exactly: what PostgreSQL makes as part of another
// object is not counted (the range type's constructor functions, and from PostgreSQL 14 its
// multirange constructors and range-to-multirange cast; a partition's clone of its parent's
// trigger, internal up to 14 and not from 15), else a copy into a newer major version would
// count more than its source.
const std::map<std::string, std::int64_t> &exact_counts() {
  static const std::map<std::string, std::int64_t> counts{
      {"functions", 10}, {"casts", 1}, {"triggers", 2}};
  return counts;
}

struct Copy {
  std::string source;
  std::string target;
};

// Loads every_class.sql on the source and copies it into the target, once per test program.
const Copy &every_class_copy() {
  static const Copy copy = [] {
    Copy made{test::scratch_database("source", k_database),
              test::scratch_database("target", k_database)};
    test::psql_file(made.source, test::repository_path("fixtures/coverage/every_class.sql"));
    test::restore_from_source(made.source, made.target, k_database);
    test::copy_database_settings(made.source, made.target);
    test::psql(made.source, "ANALYZE");
    test::psql(made.target, "ANALYZE");
    return made;
  }();
  return copy;
}

struct Outcome {
  test::ProcessResult process;
  json report;      // null when no report was written or it did not parse
  std::string path; // of the JSON report
};

Outcome run_pgparity_json(std::vector<std::string> args, const std::string &label) {
  const std::string path = test::fresh_temp_path("pgparity_coverage_" + label + ".json");
  args.insert(args.end(), {"--report-json", path});
  Outcome run{test::run_pgparity(args), json{}, path};
  const std::string text = test::read_file(path);
  if (!text.empty()) {
    run.report = json::parse(text, nullptr, false);
  }
  return run;
}

Outcome audit(const Copy &copy, const std::vector<std::string> &extra, const std::string &label) {
  std::vector<std::string> args{"audit", "--source", copy.source, "--target", copy.target};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_pgparity_json(args, label);
}

std::string describe(const Outcome &run) {
  std::ostringstream out;
  out << "exit code " << run.process.exit_code << "\n--- stdout\n"
      << run.process.out << "--- stderr\n"
      << run.process.err;
  if (run.report.is_object()) {
    out << "--- findings\n";
    for (const auto &finding : run.report.value("findings", json::array())) {
      out << "  " << finding.value("severity", "?") << " " << finding.value("id", "?") << " "
          << finding.value("object", "?") << ": " << finding.value("message", "") << "\n";
    }
    out << "--- coverage\n";
    for (const auto &row : run.report.value("coverage", json::array())) {
      out << "  " << row.dump() << "\n";
    }
    out << "--- incomplete_reasons\n" << run.report.value("incomplete_reasons", json::array());
  } else {
    out << "(no report)";
  }
  return out.str();
}

std::vector<std::string> coverage_classes(const json &report) {
  std::vector<std::string> classes;
  for (const auto &row : report.value("coverage", json::array())) {
    classes.push_back(row.value("class", ""));
  }
  return classes;
}

std::map<std::string, json> coverage_by_class(const json &report) {
  std::map<std::string, json> rows;
  for (const auto &row : report.value("coverage", json::array())) {
    rows[row.value("class", "")] = row;
  }
  return rows;
}

// The classes whose row is in none of `states`, "class (state: note)" each.
std::vector<std::string> rows_not_in(const json &report, const std::set<std::string> &states) {
  std::vector<std::string> others;
  for (const auto &row : report.value("coverage", json::array())) {
    if (states.count(row.value("status", "")) == 0) {
      others.push_back(row.value("class", "") + " (" + row.value("status", "") + ": " +
                       row.value("note", "") + ")");
    }
  }
  return others;
}

std::vector<std::string> findings_at_warning_or_error(const json &report) {
  std::vector<std::string> found;
  for (const auto &finding : report.value("findings", json::array())) {
    const std::string severity = finding.value("severity", "");
    if (severity == "warning" || severity == "error") {
      found.push_back(severity + " " + finding.value("id", "") + " " + finding.value("object", ""));
    }
  }
  return found;
}

// The fixture creates what it says: every class (but those listed) has objects on the source,
// and the copy has the same number of each, but what --no-acl drops.
TEST(Coverage, EveryClassHasObjectsInTheFixture) {
  const Copy &copy = every_class_copy();
  const Outcome run = audit(copy, {}, "counts");
  ASSERT_TRUE(run.report.is_object()) << describe(run);
  const auto rows = coverage_by_class(run.report);
  for (const auto &key : core::object_class_keys()) {
    ASSERT_EQ(rows.count(key), 1U) << key << "\n" << describe(run);
    const json &row = rows.at(key);
    const auto source = row.value("source", std::int64_t{-1});
    const auto target = row.value("target", std::int64_t{-1});
    if (const auto why = not_created().find(key); why != not_created().end()) {
      EXPECT_EQ(source, 0) << key << ": listed as not created (" << why->second
                           << "), yet the source has some";
      continue;
    }
    EXPECT_GE(source, 1) << key << ": every_class.sql creates none";
    if (const auto exact = exact_counts().find(key); exact != exact_counts().end()) {
      EXPECT_EQ(source, exact->second) << key << ": every_class.sql creates exactly so many";
    }
    if (dropped_by_no_acl().count(key) != 0) {
      EXPECT_EQ(target, 0) << key << ": pg_restore --no-acl should have left them out";
    } else if (key == "object_privileges") {
      // --no-acl leaves the source's out; the target keeps its own (initdb's on schema public)
      EXPECT_LT(target, source) << key << ": pg_restore --no-acl should have left some out";
    } else {
      EXPECT_EQ(target, source) << key << ": the faithful copy counts differently";
    }
  }
}

// The table lists every class once, in core::object_class_keys() order, each compared or out of
// scope; the faithful copy is clean.
TEST(Coverage, FaithfulCopyOfEveryClassIsCleanAndFullyCompared) {
  const Copy &copy = every_class_copy();
  const Outcome run = audit(copy, {}, "full");
  const std::string context = describe(run);
  ASSERT_TRUE(run.report.is_object()) << context;
  EXPECT_EQ(coverage_classes(run.report), core::object_class_keys()) << context;
  EXPECT_EQ(rows_not_in(run.report, {"compared", "out_of_scope"}), std::vector<std::string>{})
      << "classes neither compared nor out of scope";
  EXPECT_EQ(findings_at_warning_or_error(run.report), std::vector<std::string>{})
      << "findings on a faithful copy";
  EXPECT_EQ(run.report.value("status", ""), "clean");
  EXPECT_EQ(run.process.exit_code, 0);
  if (HasFailure()) {
    ADD_FAILURE() << "the run:\n" << context;
  }
}

// The state a class's row must have when only rows are compared; watch leaves materialized
// views out (each side refreshes them on its own schedule).
std::string data_only_state(const std::string &key, bool watch) {
  if (watch && key == "materialized_views") {
    return "skipped";
  }
  if (compared_by_rows().count(key) != 0) {
    return "compared";
  }
  const checks::ClassDecision *decision = checks::class_decision(key);
  if (decision != nullptr && decision->state == report::CoverageState::out_of_scope) {
    return "out_of_scope";
  }
  return decision != nullptr && decision->by_data ? "compared" : "skipped";
}

void expect_data_only_coverage(const Outcome &run, bool watch = false) {
  EXPECT_EQ(coverage_classes(run.report), core::object_class_keys());
  const auto rows = coverage_by_class(run.report);
  for (const auto &key : core::object_class_keys()) {
    const auto row = rows.find(key);
    if (row == rows.end()) {
      continue; // reported above
    }
    EXPECT_EQ(row->second.value("status", ""), data_only_state(key, watch)) << key;
  }
  // the structural classes in particular, compared or not in a full audit
  for (const char *key : {"schemas", "functions", "indexes", "rules", "comments"}) {
    EXPECT_EQ(rows.count(key) != 0 ? rows.at(key).value("status", "") : "", "skipped") << key;
  }
  EXPECT_EQ(findings_at_warning_or_error(run.report), std::vector<std::string>{});
  EXPECT_EQ(run.report.value("status", ""), "clean");
  EXPECT_EQ(run.process.exit_code, 0);
  if (::testing::Test::HasFailure()) {
    ADD_FAILURE() << "the run:\n" << describe(run);
  }
}

// --data-only compares the tables' rows and skips every structural class, whether a full audit
// would compare it or not: such a run is clean, its scope says data only.
TEST(Coverage, DataOnlySkipsStructuralClassesAndComparesRows) {
  const Copy &copy = every_class_copy();
  const Outcome run = audit(copy, {"--data-only"}, "data_only");
  ASSERT_TRUE(run.report.is_object()) << describe(run);
  EXPECT_EQ(run.report["scope"]["checks"], json::array({"data"})) << describe(run);
  expect_data_only_coverage(run);
}

// watch --data-only compares rows only: its report carries the same coverage table as audit
// --data-only.
TEST(Coverage, WatchDataOnlyReportSkipsStructuralClassesAndComparesRows) {
  const Copy &copy = every_class_copy();
  const Outcome run =
      run_pgparity_json({"watch", "--source", copy.source, "--target", copy.target, "--max-passes",
                         "1", "--recheck-delay", "100ms", "--data-only", "--quiet", "--events",
                         test::fresh_temp_path("coverage_watch_data_only.jsonl")},
                        "watch_data_only");
  ASSERT_TRUE(run.report.is_object()) << describe(run);
  EXPECT_EQ(run.report.value("command", ""), "watch") << describe(run);
  expect_data_only_coverage(run, true);
  // Without the structural checks the gate opens only when told to accept a data-only report.
  const auto gate = test::run_pgparity({"gate", run.path});
  EXPECT_EQ(gate.exit_code, 1) << gate.out << gate.err;
  EXPECT_NE(gate.out.find("--accept-scope data-only"), std::string::npos) << gate.out;
  EXPECT_EQ(test::run_pgparity({"gate", run.path, "--accept-scope", "data-only"}).exit_code, 0);
}

// watch runs audit's structural checks at its start and end: its report compares every class
// audit compares (materialized views' contents aside: each side refreshes them on its own
// schedule), the faithful copy is clean, and the gate opens on it with no scope accepted.
TEST(Coverage, WatchReportComparesStructuralClassesAndOpensTheGate) {
  const Copy &copy = every_class_copy();
  const Outcome full = audit(copy, {}, "watch_reference");
  ASSERT_TRUE(full.report.is_object()) << describe(full);
  const Outcome run = run_pgparity_json({"watch", "--source", copy.source, "--target", copy.target,
                                         "--max-passes", "1", "--recheck-delay", "100ms", "--quiet",
                                         "--events", test::fresh_temp_path("coverage_watch.jsonl")},
                                        "watch");
  const std::string context = describe(run);
  ASSERT_TRUE(run.report.is_object()) << context;
  EXPECT_EQ(run.report["scope"]["checks"], json::array({"structure", "data"})) << context;
  EXPECT_EQ(coverage_classes(run.report), core::object_class_keys()) << context;
  const auto audited = coverage_by_class(full.report);
  const auto watched = coverage_by_class(run.report);
  for (const auto &key : core::object_class_keys()) {
    if (audited.count(key) == 0 || watched.count(key) == 0) {
      continue; // reported above
    }
    const std::string expected =
        key == "materialized_views" ? std::string{"skipped"} : audited.at(key).value("status", "");
    EXPECT_EQ(watched.at(key).value("status", ""), expected) << key;
  }
  for (const char *key : {"schemas", "functions", "indexes", "rules", "comments"}) {
    EXPECT_EQ(watched.count(key) != 0 ? watched.at(key).value("status", "") : "", "compared")
        << key;
  }
  EXPECT_EQ(findings_at_warning_or_error(run.report), std::vector<std::string>{}) << context;
  EXPECT_EQ(run.report.value("status", ""), "clean") << context;
  EXPECT_EQ(run.process.exit_code, 0) << context;
  const auto gate = test::run_pgparity({"gate", run.path});
  EXPECT_EQ(gate.exit_code, 0) << gate.out << gate.err;
  EXPECT_EQ(gate.out.rfind("GATE OPEN", 0), 0U) << gate.out;
}

// The gate follows the coverage table of a real report: it opens on the faithful copy's report
// when every class is compared or out of scope, and while a class is left not compared it stays
// closed and names that class (the rules on a synthetic report: tests/unit/report/gate_test.cpp).
TEST(Coverage, GateFollowsTheCoverageTable) {
  const Copy &copy = every_class_copy();
  const Outcome run = audit(copy, {}, "gate");
  ASSERT_TRUE(run.report.is_object()) << describe(run);
  std::vector<std::string> not_compared;
  for (const auto &row : run.report.value("coverage", json::array())) {
    if (row.value("status", "") == "not_compared") {
      not_compared.push_back(row.value("class", ""));
    }
  }
  const auto decided = test::run_pgparity({"gate", run.path});
  if (not_compared.empty() && run.process.exit_code == 0) {
    EXPECT_EQ(decided.exit_code, 0) << decided.out << decided.err;
    EXPECT_EQ(decided.out.rfind("GATE OPEN", 0), 0U) << decided.out;
    return;
  }
  EXPECT_EQ(decided.exit_code, 1) << decided.out << decided.err;
  for (const auto &object_class : not_compared) {
    EXPECT_NE(decided.out.find("; " + object_class + " ("), std::string::npos)
        << object_class << " not named by the gate:\n"
        << decided.out;
  }
}

} // namespace
