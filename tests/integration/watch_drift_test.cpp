// `pgparity watch` while the schema changes (issue 13, point 3): the real binary against the two
// clusters, with pgparity_dual_writer (support/dual_writer.cpp) as the application where writes
// are needed. A table or column changed on one side only during the watch is reported
// (schema_drift.*); the same migration run on both sides is followed (a new table compared from
// then on, a dropped one no longer); audit's structural checks run at the start and the end, so
// a defect present at the start is reported and a clean report opens the gate on its own; the
// target's sequences may trail the source's (the application takes ids there) but not the
// target's own column maxima.
#include "tests/integration/support/test_support.hpp"

#include <signal.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

using namespace pgparity;
using namespace std::chrono_literals;

namespace {

// How many passes the --events file tells as finished (one complete line each).
std::size_t passes_done(const std::string &events_path) {
  const std::string text = test::read_file(events_path);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// A watch's command line (the binary first), its --events and --report-json files named after
// `label`.
struct WatchRun {
  std::vector<std::string> argv;
  std::string events;
  std::string report;
};

WatchRun watch_run(const std::string &source, const std::string &target, const std::string &label,
                   std::vector<std::string> extra) {
  WatchRun run{{}, test::fresh_temp_path(label + ".jsonl"), test::fresh_temp_path(label + ".json")};
  run.argv = {test::pgparity_binary(), "watch",    "--source",   source, "--target", target,
              "--recheck-delay",       "300ms",    "--rechecks", "3",    "--events", run.events,
              "--report-json",         run.report, "--quiet"};
  run.argv.insert(run.argv.end(), extra.begin(), extra.end());
  return run;
}

const nlohmann::json *find(const nlohmann::json &report, const std::string &id,
                           const std::string &object) {
  for (const auto &finding : report["findings"]) {
    if (finding["id"] == id && finding["object"] == object) {
      return &finding;
    }
  }
  return nullptr;
}

// Findings that name `object` or something inside it (its columns).
std::vector<std::string> findings_on(const nlohmann::json &report, const std::string &object) {
  std::vector<std::string> found;
  for (const auto &finding : report["findings"]) {
    const std::string name = finding["object"];
    if (name == object || name.rfind(object + ".", 0) == 0) {
      found.push_back(finding["id"].get<std::string>() + " " + name);
    }
  }
  return found;
}

const nlohmann::json *table_result(const nlohmann::json &report, const std::string &name) {
  for (const auto &table : report["tables"]) {
    if (table["name"] == name) {
      return &table;
    }
  }
  return nullptr;
}

} // namespace

// While the application writes: a column added on the source only is reported; the migration
// run on both sides (a column added, a table created, a table dropped) is no finding, and the
// new table is compared from then on, the dropped one no longer.
TEST(WatchDrift, OneSidedColumnIsReportedWhileTheMigrationOnBothSidesIsFollowed) {
  const std::string source = test::scratch_database("source", "watch_drift_columns");
  const std::string target = test::scratch_database("target", "watch_drift_columns");
  const std::string setup =
      "CREATE SCHEMA app; CREATE TABLE app.old (id int PRIMARY KEY, v text);"
      "INSERT INTO app.old SELECT g, md5(g::text) FROM generate_series(1, 20) g;";
  test::psql(source, setup);
  test::psql(target, setup);
  test::BackgroundProcess writer{{PGPARITY_DUAL_WRITER, "--source", source, "--target", target,
                                  "--table", "app.items", "--lag-ms", "200", "--writes-per-second",
                                  "20"}};
  ASSERT_TRUE(test::wait_until(
      [&] {
        try {
          return !writer.running() ||
                 std::stoll(test::psql_value(target, "SELECT count(*) FROM app.items")) > 0;
        } catch (const std::exception &) {
          return false; // not created yet
        }
      },
      30s));
  ASSERT_TRUE(writer.running()) << writer.wait(1s).err;

  const auto run = watch_run(source, target, "watch_drift_columns", {"--max-passes", "9"});
  const std::string &events_path = run.events;
  const std::string &report_path = run.report;
  test::BackgroundProcess watch{run.argv};
  ASSERT_TRUE(
      test::wait_until([&] { return passes_done(events_path) >= 1 || !watch.running(); }, 60s));
  ASSERT_TRUE(watch.running()) << watch.wait(1s).err;
  // The application's migration, on the source and then on the target.
  for (const auto &side : {source, target}) {
    test::psql(side, "ALTER TABLE app.items ADD COLUMN shared text;"
                     "CREATE TABLE app.fresh (id int PRIMARY KEY, v text);"
                     "INSERT INTO app.fresh SELECT g, md5(g::text) FROM generate_series(1, 50) g;"
                     "DROP TABLE app.old;");
  }
  // A change that reached the source only.
  test::psql(source, "ALTER TABLE app.items ADD COLUMN only_here text");
  // Writes go on for a few more passes, then stop, so that the last passes judge settled rows.
  ASSERT_TRUE(
      test::wait_until([&] { return passes_done(events_path) >= 4 || !watch.running(); }, 60s));
  writer.signal(SIGTERM);
  const auto written = writer.wait(20s);
  ASSERT_EQ(written.exit_code, 0) << written.err;

  const auto watched = watch.wait(90s);
  EXPECT_EQ(watched.exit_code, 1) << watched.out << watched.err;
  const auto report = nlohmann::json::parse(test::read_file(report_path));
  const auto *drift = find(report, "schema_drift.column", "app.items.only_here");
  ASSERT_NE(drift, nullptr) << report["findings"].dump(2);
  EXPECT_EQ((*drift)["severity"], "error");
  EXPECT_EQ((*drift)["details"]["side"], "source") << drift->dump();
  EXPECT_EQ((*drift)["details"]["change"], "added") << drift->dump();
  EXPECT_EQ(findings_on(report, "app.items.shared"), std::vector<std::string>{});
  EXPECT_EQ(findings_on(report, "app.fresh"), std::vector<std::string>{});
  EXPECT_EQ(findings_on(report, "app.old"), std::vector<std::string>{});
  const auto *fresh = table_result(report, "app.fresh");
  ASSERT_NE(fresh, nullptr) << "the table created on both sides is not compared\n"
                            << report["tables"].dump(2);
  EXPECT_EQ((*fresh)["status"], "match") << fresh->dump();
  EXPECT_EQ(table_result(report, "app.old"), nullptr) << report["tables"].dump(2);
  const auto *items = table_result(report, "app.items");
  ASSERT_NE(items, nullptr) << report["tables"].dump(2);
  EXPECT_EQ((*items)["status"], "match") << items->dump();
}

// A table dropped on the target only during the watch is reported.
TEST(WatchDrift, TableDroppedOnTheTargetOnlyIsReported) {
  const std::string source = test::scratch_database("source", "watch_drift_tables");
  const std::string target = test::scratch_database("target", "watch_drift_tables");
  const std::string setup =
      "CREATE SCHEMA app;"
      "CREATE TABLE app.items (id int PRIMARY KEY, v text);"
      "CREATE TABLE app.extra (id int PRIMARY KEY, v text);"
      "INSERT INTO app.items SELECT g, md5(g::text) FROM generate_series(1, 100) g;"
      "INSERT INTO app.extra SELECT g, md5(g::text) FROM generate_series(1, 100) g;";
  test::psql(source, setup);
  test::psql(target, setup);
  const auto run = watch_run(source, target, "watch_drift_tables", {"--max-passes", "4"});
  const std::string &events_path = run.events;
  const std::string &report_path = run.report;
  test::BackgroundProcess watch{run.argv};
  ASSERT_TRUE(
      test::wait_until([&] { return passes_done(events_path) >= 1 || !watch.running(); }, 60s));
  ASSERT_TRUE(watch.running()) << watch.wait(1s).err;
  test::psql(target, "DROP TABLE app.extra");
  const auto watched = watch.wait(90s);
  EXPECT_EQ(watched.exit_code, 1) << watched.out << watched.err;
  const auto report = nlohmann::json::parse(test::read_file(report_path));
  const auto *drift = find(report, "schema_drift.table", "app.extra");
  ASSERT_NE(drift, nullptr) << report["findings"].dump(2);
  EXPECT_EQ((*drift)["details"]["side"], "target") << drift->dump();
  EXPECT_EQ((*drift)["details"]["change"], "dropped") << drift->dump();
  EXPECT_EQ(findings_on(report, "app.items"), std::vector<std::string>{});
}

// A structural defect present at the start (an index missing on the target) is in watch's
// final report: the structural checks ran, and the coverage says so.
TEST(WatchDrift, StructuralDefectAtTheStartIsReported) {
  const std::string source = test::scratch_database("source", "watch_drift_index");
  const std::string target = test::scratch_database("target", "watch_drift_index");
  const std::string setup =
      "CREATE SCHEMA app; CREATE TABLE app.items (id int PRIMARY KEY, v text);"
      "INSERT INTO app.items SELECT g, md5(g::text) FROM generate_series(1, 100) g;";
  test::psql(source, setup + "CREATE INDEX items_v ON app.items (v);");
  test::psql(target, setup);
  const auto run = watch_run(source, target, "watch_drift_index", {"--max-passes", "1"});
  const auto result = test::run_pgparity({run.argv.begin() + 1, run.argv.end()});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  const auto report = nlohmann::json::parse(test::read_file(run.report));
  EXPECT_NE(find(report, "index.missing", "app.items_v"), nullptr) << report["findings"].dump(2);
  bool indexes_compared = false;
  for (const auto &row : report["coverage"]) {
    indexes_compared |= row["class"] == "indexes" && row["status"] == "compared";
  }
  EXPECT_TRUE(indexes_compared) << report["coverage"].dump(2);
}

// During dual-write the application takes ids from the source's sequences: a target sequence
// behind the source's is information, and the clean report opens the gate with no scope
// accepted; a target sequence whose next value collides with the target's own rows is an error.
TEST(WatchDrift, SequenceTrailingTheSourceIsNoErrorButBehindTheTargetsMaximumIs) {
  const std::string source = test::scratch_database("source", "watch_drift_sequence");
  const std::string target = test::scratch_database("target", "watch_drift_sequence");
  // Rows written with the source's ids on both sides; the target's own sequence never used.
  const std::string setup =
      "CREATE SCHEMA app; CREATE TABLE app.orders (id bigserial PRIMARY KEY, v text);"
      "INSERT INTO app.orders SELECT g, md5(g::text) FROM generate_series(1, 400) g;";
  test::psql(source, setup + "SELECT setval('app.orders_id_seq', 1000);");
  test::psql(target, setup + "SELECT setval('app.orders_id_seq', 500);");
  const auto run = watch_run(source, target, "watch_drift_sequence", {"--max-passes", "1"});
  auto result = test::run_pgparity({run.argv.begin() + 1, run.argv.end()});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  auto report = nlohmann::json::parse(test::read_file(run.report));
  EXPECT_EQ(report["status"], "clean") << report["findings"].dump(2);
  const auto *trailing = find(report, "sequence.trails_source", "app.orders_id_seq");
  ASSERT_NE(trailing, nullptr) << report["findings"].dump(2);
  EXPECT_EQ((*trailing)["severity"], "info");
  EXPECT_EQ(find(report, "sequence.behind_source", "app.orders_id_seq"), nullptr);
  const auto gate = test::run_pgparity({"gate", run.report});
  EXPECT_EQ(gate.exit_code, 0) << gate.out << gate.err;

  // A row with id 600 on both sides: the target's next value, 501, no longer clears its own
  // maximum.
  for (const auto &side : {source, target}) {
    test::psql(side, "INSERT INTO app.orders VALUES (600, 'x')");
  }
  result = test::run_pgparity({run.argv.begin() + 1, run.argv.end()});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  report = nlohmann::json::parse(test::read_file(run.report));
  const auto *behind = find(report, "sequence.behind_max", "app.orders_id_seq");
  ASSERT_NE(behind, nullptr) << report["findings"].dump(2);
  EXPECT_EQ((*behind)["severity"], "error");
}
