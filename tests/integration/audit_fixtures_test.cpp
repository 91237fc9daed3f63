// Every case under fixtures/data and fixtures/structure run through the real `pgparity audit`:
// each case is a directory with common.sql (loaded on both sides), optional source.sql and
// target.sql (loaded on one side after it) and expected.json:
//
//   {"exit_code": 0 | 1 | 3,
//    "findings": [["data.row_changed", "public.t"], ...],   the exact set of (id, object) pairs
//                                                            at severity warning or error
//    "tables": {"public.t": "mismatch", ...},                statuses of the tables named
//                                                            ("absent": not in the report)
//    "args": ["--chunk-size", "1000"],                       optional extra audit arguments
//    "examples": {"public.t": [{"kind": "changed", "key": {"id": "500"}, "columns": ["v"]}]}}
//
// A case directory holding an (empty) file `restore-from-source` builds its target by a real
// copy instead: common.sql (and source.sql) load on the source only, then `pg_dump -Fd` and
// `pg_restore --no-owner --no-acl` (from $PGPARITY_TEST_PG_BINDIR) copy it into the target, and
// target.sql, if any, runs after the restore.
//
// A case of a feature one PostgreSQL major has and the main clusters (Debian's 15) lack names it
// in expected.json, `"server_major": 18`: both its databases (`fx_<case>_source`,
// `fx_<case>_target`) are then made on the cluster of that major of the cross-version leg (the
// target of its pair: 17 of 13→17, 18 of 15→18). The client programs are version 15, whose
// pg_dump cannot read a newer server, so such a case loads common.sql on both sides (a copy by
// construction) and cannot be `restore-from-source`.
//
// A case is named by its directory alone (the test name, the database name), so case names are
// unique across both folders; AuditFixtures.CaseNamesAreUnique checks it.
//
// `examples`, when given for a table, is that table's complete list of examples in any order;
// each listed field must equal the reported one (`columns` compared as a set). Beyond the
// fixture, every case checks what docs/report.md promises for every report: the status matches
// the exit code, a case expecting no finding has every table at `match` (but for a table its
// expected.json gives another status, e.g. a materialized view `not_compared`), example values stay
// hidden without --show-values, and each example of a table has one data.row_* finding.
//
// Each case loads into fresh databases `fx_<case>` on both clusters (then ANALYZE on both); they
// are left behind for inspection and dropped when the case runs again. The cases are listed when
// the test program starts, so ctest sees a new case directory after the next build.
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

using namespace pgparity;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using FindingSet = std::set<std::pair<std::string, std::string>>;

// The folders holding case directories.
std::vector<fs::path> fixture_roots() {
  return {fs::path{test::repository_path("fixtures/data")},
          fs::path{test::repository_path("fixtures/structure")}};
}

// Every case directory of one folder, sorted by name.
std::vector<std::string> cases_in(const fs::path &root) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto &entry : fs::directory_iterator{root, error}) {
    if (entry.is_directory() && fs::exists(entry.path() / "expected.json")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The case names of all folders, sorted, each once (a name found in two folders is reported by
// AuditFixtures.CaseNamesAreUnique; listing it twice would abort the whole program); read when
// the test program starts.
std::vector<std::string> fixture_cases() {
  std::vector<std::string> names;
  for (const auto &root : fixture_roots()) {
    const auto found = cases_in(root);
    names.insert(names.end(), found.begin(), found.end());
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

// The directory of a case: the first folder that holds it.
fs::path case_dir(const std::string &name) {
  for (const auto &root : fixture_roots()) {
    if (fs::exists(root / name / "expected.json")) {
      return root / name;
    }
  }
  throw std::runtime_error("no fixture case " + name +
                           " under fixtures/data or fixtures/structure");
}

json read_json(const fs::path &path) {
  std::ifstream in{path};
  if (!in) {
    throw std::runtime_error("cannot read " + path.string());
  }
  return json::parse(in);
}

struct Databases {
  std::string source;
  std::string target;
};

// The `postgres` database of the cross-version leg's cluster running PostgreSQL `major`.
std::string cluster_of_major(int major) {
  switch (major) {
  case 17:
    return test::version_pair_url(13, 17, "target");
  case 18:
    return test::version_pair_url(15, 18, "target");
  default:
    throw std::runtime_error("no cluster of the cross-version leg runs PostgreSQL " +
                             std::to_string(major) + " (17 and 18 do)");
  }
}

// Fresh databases for the case: fx_<name> on both main clusters, or, for a case naming a
// server_major, fx_<name>_source and fx_<name>_target on the cluster of that major.
Databases scratch_databases(const std::string &name, const json &expected) {
  const std::string database = "fx_" + name;
  if (!expected.contains("server_major")) {
    return {test::scratch_database("source", database), test::scratch_database("target", database)};
  }
  const std::string admin = cluster_of_major(expected.at("server_major").get<int>());
  return {test::scratch_database_at(admin, database + "_source"),
          test::scratch_database_at(admin, database + "_target")};
}

// Fresh databases (scratch_databases) loaded with the case's SQL and analyzed.
Databases load_case(const std::string &name) {
  const fs::path dir = case_dir(name);
  const json expected = read_json(dir / "expected.json");
  const bool restore = fs::exists(dir / "restore-from-source");
  if (restore && expected.contains("server_major")) {
    throw std::runtime_error(name + ": a server_major case cannot be restore-from-source (the "
                                    "version 15 pg_dump cannot read a newer server)");
  }
  Databases dbs = scratch_databases(name, expected);
  test::psql_file(dbs.source, (dir / "common.sql").string());
  if (fs::exists(dir / "source.sql")) {
    test::psql_file(dbs.source, (dir / "source.sql").string());
  }
  if (restore) {
    test::restore_from_source(dbs.source, dbs.target, "fx_" + name);
  } else {
    test::psql_file(dbs.target, (dir / "common.sql").string());
  }
  if (fs::exists(dir / "target.sql")) {
    test::psql_file(dbs.target, (dir / "target.sql").string());
  }
  // audit sizes its chunk plan from the planner's row estimate: analyze now, so that the plan
  // does not depend on whether autovacuum has got round to these tables yet.
  test::psql(dbs.source, "ANALYZE");
  test::psql(dbs.target, "ANALYZE");
  return dbs;
}

struct AuditRun {
  test::ProcessResult process;
  json report; // null when no report was written or it did not parse
  std::string report_error;
};

AuditRun run_audit(const Databases &dbs, const std::vector<std::string> &args,
                   const std::string &label) {
  const fs::path report_path = fs::path{::testing::TempDir()} / ("pgparity_fx_" + label + ".json");
  std::error_code ignored;
  fs::remove(report_path, ignored);
  std::vector<std::string> argv{"audit",    "--source",      dbs.source,          "--target",
                                dbs.target, "--report-json", report_path.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  test::ProcessResult process = test::run_pgparity(argv);
  if (!fs::exists(report_path)) {
    return AuditRun{std::move(process), json{}, "no report was written to " + report_path.string()};
  }
  json report;
  std::string error;
  try {
    report = read_json(report_path);
  } catch (const std::exception &e) {
    error = std::string{"the report does not parse: "} + e.what();
  }
  return AuditRun{std::move(process), std::move(report), std::move(error)};
}

// What a failure message needs: exit code, both streams, findings and table statuses.
std::string describe(const AuditRun &run) {
  std::ostringstream out;
  out << "exit code " << run.process.exit_code << "\n";
  if (!run.report_error.empty()) {
    out << run.report_error << "\n";
  }
  out << "--- stdout\n" << run.process.out << "--- stderr\n" << run.process.err;
  if (run.report.is_object()) {
    out << "--- report findings\n";
    for (const auto &finding : run.report.value("findings", json::array())) {
      out << "  " << finding.value("severity", "?") << " " << finding.value("id", "?") << " "
          << finding.value("object", "?") << ": " << finding.value("message", "") << "\n";
    }
    out << "--- report tables\n";
    for (const auto &table : run.report.value("tables", json::array())) {
      out << "  " << table.value("name", "?") << " " << table.value("status", "?");
      if (table.contains("reason") && table["reason"].is_string()) {
        out << " (" << table["reason"].get<std::string>() << ")";
      }
      out << "\n";
    }
  }
  return out.str();
}

FindingSet reported_findings(const json &report) {
  FindingSet set;
  for (const auto &finding : report.value("findings", json::array())) {
    const std::string severity = finding.value("severity", "");
    if (severity == "error" || severity == "warning") {
      set.emplace(finding.value("id", ""), finding.value("object", ""));
    }
  }
  return set;
}

FindingSet expected_findings(const json &expected) {
  FindingSet set;
  for (const auto &pair : expected.value("findings", json::array())) {
    set.emplace(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
  }
  return set;
}

std::string to_string(const FindingSet &set) {
  std::string out;
  for (const auto &[id, object] : set) {
    out.append("  ").append(id).append("  ").append(object).append("\n");
  }
  return out.empty() ? "  (none)\n" : out;
}

std::map<std::string, json> tables_by_name(const json &report) {
  std::map<std::string, json> tables;
  for (const auto &table : report.value("tables", json::array())) {
    tables[table.value("name", "")] = table;
  }
  return tables;
}

const char *status_for_exit_code(int exit_code) {
  switch (exit_code) {
  case 0:
    return "clean";
  case 1:
    return "failed";
  case 3:
    return "incomplete";
  default:
    return "?";
  }
}

std::vector<std::string> sorted_strings(const json &array) {
  std::vector<std::string> strings;
  if (array.is_array()) {
    for (const auto &element : array) {
      strings.push_back(element.is_string() ? element.get<std::string>() : element.dump());
    }
  }
  std::sort(strings.begin(), strings.end());
  return strings;
}

// Each field the fixture lists must equal the reported one; `columns` is compared as a set.
bool example_matches(const json &wanted, const json &got) {
  for (const auto &[field, value] : wanted.items()) {
    if (!got.contains(field)) {
      return false;
    }
    if (field == "columns") {
      if (sorted_strings(value) != sorted_strings(got[field])) {
        return false;
      }
    } else if (got[field] != value) {
      return false;
    }
  }
  return true;
}

void expect_examples(const std::string &table, const json &wanted, const json &reported) {
  const json got = reported.is_array() ? reported : json::array();
  EXPECT_EQ(got.size(), wanted.size())
      << table << ": expected examples " << wanted.dump() << "\nreported " << got.dump();
  std::vector<bool> used(got.size(), false);
  for (const auto &example : wanted) {
    bool found = false;
    for (std::size_t i = 0; i < got.size() && !found; ++i) {
      if (!used[i] && example_matches(example, got[i])) {
        used[i] = true;
        found = true;
      }
    }
    EXPECT_TRUE(found) << table << ": no reported example matches " << example.dump()
                       << "\nreported " << got.dump();
  }
}

bool has_arg(const std::vector<std::string> &args, const std::string &arg) {
  return std::find(args.begin(), args.end(), arg) != args.end();
}

// Contract checks that hold for every report, whatever the case.
void expect_report_contract(const json &report, const std::vector<std::string> &args) {
  const bool show_values = has_arg(args, "--show-values");
  std::map<std::string, std::size_t> row_findings;
  for (const auto &finding : report.value("findings", json::array())) {
    const std::string id = finding.value("id", "");
    if (id.rfind("data.row_", 0) == 0) {
      ++row_findings[finding.value("object", "")];
    }
  }
  std::vector<std::string> names;
  for (const auto &table : report.value("tables", json::array())) {
    const std::string name = table.value("name", "");
    names.push_back(name);
    const json examples = table.value("examples", json::array());
    EXPECT_EQ(row_findings[name], examples.size())
        << name << ": one data.row_* finding per example";
    if (!show_values) {
      for (const auto &example : examples) {
        EXPECT_TRUE(example.value("source", json{}).is_null() &&
                    example.value("target", json{}).is_null())
            << name << ": values shown without --show-values: " << example.dump();
      }
    }
  }
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end())) << "tables are not sorted by name";
}

class AuditFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(AuditFixture, Case) {
  const std::string name = GetParam();
  const json expected = read_json(case_dir(name) / "expected.json");
  const auto args = expected.value("args", std::vector<std::string>{});
  const Databases dbs = load_case(name);

  const AuditRun run = run_audit(dbs, args, name);
  const std::string context = describe(run);
  ASSERT_TRUE(run.report.is_object()) << context;
  const int exit_code = expected.at("exit_code").get<int>();
  EXPECT_EQ(run.process.exit_code, exit_code) << context;
  EXPECT_EQ(run.report.value("status", ""), status_for_exit_code(exit_code)) << context;

  const FindingSet wanted = expected_findings(expected);
  const FindingSet got = reported_findings(run.report);
  EXPECT_EQ(got, wanted) << "findings at warning or error differ\nexpected:\n"
                         << to_string(wanted) << "reported:\n"
                         << to_string(got) << context;

  const auto tables = tables_by_name(run.report);
  const json expected_tables = expected.value("tables", json::object());
  for (const auto &[table, status] : expected_tables.items()) {
    const auto it = tables.find(table);
    if (status == "absent") {
      EXPECT_TRUE(it == tables.end()) << "the report should not list " << table << "\n" << context;
      continue;
    }
    if (it == tables.end()) {
      ADD_FAILURE() << "the report lists no table " << table << "\n" << context;
      continue;
    }
    EXPECT_EQ(it->second.value("status", ""), status.get<std::string>()) << table << "\n"
                                                                         << context;
  }
  if (wanted.empty()) { // every table matches, but for one whose other status is expected
    for (const auto &[table, entry] : tables) {
      if (!expected_tables.contains(table)) {
        EXPECT_EQ(entry.value("status", ""), "match") << table << "\n" << context;
      }
    }
  }
  const json expected_examples = expected.value("examples", json::object());
  for (const auto &[table, examples] : expected_examples.items()) {
    const auto it = tables.find(table);
    if (it == tables.end()) {
      ADD_FAILURE() << "the report lists no table " << table << "\n" << context;
      continue;
    }
    expect_examples(table, examples, it->second.value("examples", json::array()));
  }
  expect_report_contract(run.report, args);
}

std::string case_test_name(const ::testing::TestParamInfo<std::string> &info) {
  std::string name = info.param;
  for (char &c : name) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      c = '_';
    }
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, AuditFixture, ::testing::ValuesIn(fixture_cases()),
                         case_test_name);

// A case is known by its directory name alone, so no name may occur in both folders; and each
// folder holds cases (a wrong path would silently run none).
TEST(AuditFixtures, CaseNamesAreUnique) {
  std::map<std::string, std::vector<std::string>> folders_of;
  for (const auto &root : fixture_roots()) {
    const auto names = cases_in(root);
    EXPECT_FALSE(names.empty()) << "no case directory under " << root;
    for (const auto &name : names) {
      folders_of[name].push_back(root.filename().string());
    }
  }
  for (const auto &[name, folders] : folders_of) {
    EXPECT_EQ(folders.size(), 1U) << "case " << name << " is in fixtures/" << folders.front()
                                  << " and fixtures/" << folders.back();
  }
}

json without_seconds(json tables) {
  for (auto &table : tables) {
    table.erase("seconds");
  }
  return tables;
}

json sorted_examples(const json &table) {
  std::vector<std::string> dumps;
  for (const auto &example : table.value("examples", json::array())) {
    dumps.push_back(example.dump());
  }
  std::sort(dumps.begin(), dumps.end());
  return dumps;
}

// The output does not depend on how many workers read the chunks, and the verdict and the
// examples do not depend on how the table is cut into chunks.
TEST(AuditFixtures, DigestsIdenticalAcrossJobsAndChunkSizes) {
  const Databases dbs = load_case("changed_value_middle_chunk");
  const AuditRun one = run_audit(dbs, {"--chunk-size", "1000", "--jobs", "1"}, "jobs_1");
  const AuditRun eight = run_audit(dbs, {"--chunk-size", "1000", "--jobs", "8"}, "jobs_8");
  const AuditRun coarse = run_audit(dbs, {"--chunk-size", "3000"}, "chunk_3000");
  ASSERT_TRUE(one.report.is_object()) << describe(one);
  ASSERT_TRUE(eight.report.is_object()) << describe(eight);
  ASSERT_TRUE(coarse.report.is_object()) << describe(coarse);
  EXPECT_EQ(one.process.exit_code, 1) << describe(one);

  EXPECT_EQ(eight.process.exit_code, one.process.exit_code) << describe(eight);
  EXPECT_EQ(without_seconds(eight.report["tables"]), without_seconds(one.report["tables"]))
      << "--jobs 1:\n"
      << one.report["tables"].dump(2) << "\n--jobs 8:\n"
      << eight.report["tables"].dump(2);
  EXPECT_EQ(eight.report["findings"], one.report["findings"])
      << "--jobs 1:\n"
      << one.report["findings"].dump(2) << "\n--jobs 8:\n"
      << eight.report["findings"].dump(2);

  EXPECT_EQ(coarse.process.exit_code, one.process.exit_code) << describe(coarse);
  EXPECT_EQ(coarse.report.value("status", ""), one.report.value("status", ""));
  EXPECT_EQ(reported_findings(coarse.report), reported_findings(one.report))
      << "--chunk-size 1000:\n"
      << to_string(reported_findings(one.report)) << "--chunk-size 3000:\n"
      << to_string(reported_findings(coarse.report));
  const auto fine_tables = tables_by_name(one.report);
  const auto coarse_tables = tables_by_name(coarse.report);
  ASSERT_EQ(fine_tables.size(), coarse_tables.size()) << describe(coarse);
  for (const auto &[name, fine] : fine_tables) {
    ASSERT_TRUE(coarse_tables.count(name)) << name;
    const json &other = coarse_tables.at(name);
    EXPECT_EQ(other.value("status", ""), fine.value("status", "")) << name;
    EXPECT_EQ(other.value("rows_source", json{}), fine.value("rows_source", json{})) << name;
    EXPECT_EQ(other.value("rows_target", json{}), fine.value("rows_target", json{})) << name;
    EXPECT_EQ(sorted_examples(other), sorted_examples(fine)) << name;
  }
  // 10,000 rows in chunks of 1,000: the change really is in one chunk among several.
  ASSERT_TRUE(fine_tables.count("public.t"));
  EXPECT_GE(fine_tables.at("public.t").value("chunks", 0), 2) << fine_tables.at("public.t").dump(2);
}

// A table the target role may not read is named as not verified and makes the run incomplete;
// the readable tables are still compared.
TEST(AuditFixtures, UnreadableTableIsNotVerified) {
  const std::string database = "fx_unreadable_table";
  const Databases admin{test::scratch_database("source", database),
                        test::scratch_database("target", database)};
  const std::string schema = R"sql(
    CREATE TABLE public.readable_keyed (id integer PRIMARY KEY, v text);
    INSERT INTO public.readable_keyed SELECT i, 'row-' || i FROM generate_series(1, 500) AS i;
    CREATE TABLE public.readable_keyless (a integer, b text);
    INSERT INTO public.readable_keyless SELECT i % 50, 'b' || i FROM generate_series(1, 500) AS i;
    CREATE TABLE public.secret (id integer PRIMARY KEY, v text);
    INSERT INTO public.secret SELECT i, md5(i::text) FROM generate_series(1, 500) AS i;
  )sql";
  test::psql(admin.source, schema);
  test::psql(admin.target, schema);
  test::psql(admin.target, "REVOKE ALL ON public.secret FROM PUBLIC;"
                           "GRANT USAGE ON SCHEMA public TO pgparity_reader;"
                           "GRANT SELECT ON public.readable_keyed, public.readable_keyless"
                           " TO pgparity_reader;");
  Databases dbs = admin;
  dbs.target = test::with_user(dbs.target, "pgparity_reader");

  const AuditRun run = run_audit(dbs, {}, "unreadable_table");
  const std::string context = describe(run);
  ASSERT_TRUE(run.report.is_object()) << context;
  EXPECT_EQ(run.process.exit_code, 3) << context;
  EXPECT_EQ(run.report.value("status", ""), "incomplete") << context;
  const FindingSet wanted{{"table.not_verified", "public.secret"}};
  EXPECT_EQ(reported_findings(run.report), wanted)
      << "reported:\n"
      << to_string(reported_findings(run.report)) << context;

  const auto tables = tables_by_name(run.report);
  ASSERT_TRUE(tables.count("public.secret")) << context;
  const json &secret = tables.at("public.secret");
  EXPECT_EQ(secret.value("status", ""), "not_verified") << context;
  EXPECT_TRUE(secret.contains("reason") && secret["reason"].is_string() &&
              !secret["reason"].get<std::string>().empty())
      << secret.dump(2);
  for (const char *name : {"public.readable_keyed", "public.readable_keyless"}) {
    ASSERT_TRUE(tables.count(name)) << name << "\n" << context;
    EXPECT_EQ(tables.at(name).value("status", ""), "match") << name << "\n" << context;
  }
}

// Row-level security silently hides rows from a role without BYPASSRLS. A table read through a
// policy was not verified: with the same policy on both sides the visible halves match while a
// hidden row differs, and that must not come out clean (row_security = off turns the filtering
// into an error instead).
TEST(AuditFixtures, RowLevelSecurityIsNotVerified) {
  const std::string database = "fx_row_level_security";
  const Databases admin{test::scratch_database("source", database),
                        test::scratch_database("target", database)};
  const std::string schema = R"sql(
    CREATE TABLE public.guarded (id integer PRIMARY KEY, v text);
    INSERT INTO public.guarded SELECT i, 'row-' || i FROM generate_series(1, 500) AS i;
    ALTER TABLE public.guarded ENABLE ROW LEVEL SECURITY;
    CREATE POLICY even_rows ON public.guarded FOR SELECT TO pgparity_reader USING (id % 2 = 0);
    CREATE TABLE public.open (id integer PRIMARY KEY, v text);
    INSERT INTO public.open SELECT i, 'row-' || i FROM generate_series(1, 500) AS i;
    GRANT USAGE ON SCHEMA public TO pgparity_reader;
    GRANT SELECT ON public.guarded, public.open TO pgparity_reader;
  )sql";
  test::psql(admin.source, schema);
  test::psql(admin.target, schema);
  test::psql(admin.target, "UPDATE public.guarded SET v = 'hidden change' WHERE id = 1");
  Databases dbs = admin;
  dbs.source = test::with_user(dbs.source, "pgparity_reader");
  dbs.target = test::with_user(dbs.target, "pgparity_reader");

  const AuditRun run = run_audit(dbs, {}, "row_level_security");
  const std::string context = describe(run);
  ASSERT_TRUE(run.report.is_object()) << context;
  EXPECT_EQ(run.process.exit_code, 3) << context;
  EXPECT_EQ(run.report.value("status", ""), "incomplete") << context;
  const FindingSet wanted{{"table.not_verified", "public.guarded"}};
  EXPECT_EQ(reported_findings(run.report), wanted)
      << "reported:\n"
      << to_string(reported_findings(run.report)) << context;
  const auto tables = tables_by_name(run.report);
  ASSERT_TRUE(tables.count("public.guarded")) << context;
  EXPECT_EQ(tables.at("public.guarded").value("status", ""), "not_verified") << context;
  ASSERT_TRUE(tables.count("public.open")) << context;
  EXPECT_EQ(tables.at("public.open").value("status", ""), "match") << context;
}

} // namespace
