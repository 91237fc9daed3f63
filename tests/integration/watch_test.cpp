// `pgparity watch` while an application writes to both databases: the real binary against the
// two clusters, with pgparity_dual_writer (support/dual_writer.cpp) as the application. Writes
// in flight and rows that keep changing are never called diverged; a write that reached only
// the source is; the read rate stays under --max-rows-per-second; bad options exit 2.
#include "tests/integration/support/test_support.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

extern char **environ;

using namespace pgparity;
using namespace std::chrono_literals;

namespace {

// The complete JSON lines of an --events file (a line still being written is left out).
std::vector<nlohmann::json> read_events(const std::string &path) {
  std::vector<nlohmann::json> events;
  const std::string text = test::read_file(path);
  std::size_t begin = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', begin)) {
    if (end > begin) {
      events.push_back(nlohmann::json::parse(text.substr(begin, end - begin)));
    }
    begin = end + 1;
  }
  return events;
}

std::unique_ptr<test::BackgroundProcess>
start_writer(const std::string &source, const std::string &target, std::vector<std::string> extra) {
  std::vector<std::string> argv{
      PGPARITY_DUAL_WRITER, "--source", source, "--target", target, "--table", "app.items"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return std::make_unique<test::BackgroundProcess>(argv);
}

// Both sides hold the writer's table with its starting rows (the writer has prepared it).
bool writer_ready(const std::string &target) {
  try {
    return std::stoll(test::psql_value(target, "SELECT count(*) FROM app.items")) > 0;
  } catch (const std::exception &) {
    return false; // not created yet
  }
}

// The whole content of the writer's table, as one digest.
std::string table_digest(const std::string &url) {
  return test::psql_value(url, "SELECT count(*) || ':' || coalesce(md5(string_agg("
                               "format('%s|%s|%s|%s', id, v, n, updated_at), ',' ORDER BY id)), "
                               "'') FROM app.items");
}

std::vector<std::string> watch_args(const std::string &source, const std::string &target,
                                    std::vector<std::string> extra) {
  std::vector<std::string> args{
      test::pgparity_binary(), "watch", "--source", source, "--target", target};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

std::string dump(const std::vector<nlohmann::json> &events) {
  std::string text;
  for (const auto &event : events) {
    text += event.dump() + "\n";
  }
  return text;
}

// a. Inserts, updates and deletes reach the target 200 ms after the source: watch sees writes
// in flight but never a divergence. A pass whose chunks are equal or in flight within
// --max-lag is clean, so watch ends clean while the writer still writes.
TEST(Watch, DualWriteInFlightIsNeverDivergedAndEndsClean) {
  const std::string source = test::scratch_database("source", "watch_dual");
  const std::string target = test::scratch_database("target", "watch_dual");
  const std::string events_path = test::fresh_temp_path("watch_dual.jsonl");
  const std::string report_path = test::fresh_temp_path("watch_dual.json");
  auto writer = start_writer(source, target, {"--lag-ms", "200", "--writes-per-second", "50"});
  ASSERT_TRUE(test::wait_until([&] { return writer_ready(target) || !writer->running(); }, 30s));
  ASSERT_TRUE(writer->running()) << writer->wait(1s).err;

  test::BackgroundProcess watch{
      watch_args(source, target,
                 {"--until-clean", "2", "--recheck-delay", "500ms", "--rechecks", "4", "--events",
                  events_path, "--report-json", report_path, "--duration", "90s"})};
  watch.wait_while_running([] { return false; }, 60s);
  EXPECT_TRUE(writer->running()) << "the writer stopped before watch ended";
  writer->signal(SIGTERM);
  const auto written = writer->wait(20s);
  ASSERT_EQ(written.exit_code, 0) << written.err;
  // stdout is one line, "writes N".
  ASSERT_EQ(written.out.rfind("writes ", 0), 0u) << written.out;
  EXPECT_EQ(written.out.find('\n'), written.out.size() - 1) << written.out;
  EXPECT_GT(std::stoll(written.out.substr(7)), 50) << written.out;
  // The writer drained its queue: both sides are the same now.
  EXPECT_EQ(table_digest(source), table_digest(target));

  const auto watched = watch.wait(60s);
  ASSERT_EQ(watched.exit_code, 0) << watched.out << watched.err;
  const auto events = read_events(events_path);
  ASSERT_GE(events.size(), 2u) << dump(events);
  std::size_t mismatched = 0;
  for (const auto &event : events) {
    EXPECT_EQ(event["diverged"], 0) << dump(events);
    EXPECT_EQ(event["not_verified"], 0) << dump(events);
    EXPECT_EQ(event["tables"], 1) << dump(events);
    mismatched += event["mismatched"].get<std::size_t>();
  }
  // The writes in flight were seen (the target lags), and let through.
  EXPECT_GT(mismatched, 0u) << dump(events);
  EXPECT_EQ(events.back()["clean_streak"], 2) << dump(events);
  EXPECT_EQ(events.back()["unsettled"], 0) << dump(events);

  const auto report = nlohmann::json::parse(test::read_file(report_path));
  EXPECT_EQ(report["command"], "watch");
  EXPECT_EQ(report["status"], "clean") << report.dump(2);
  for (const auto &finding : report["findings"]) {
    EXPECT_NE(finding["severity"], "error") << finding.dump();
  }
}

// b. A write that reached only the source is diverged in the first pass, its row named.
TEST(Watch, WriteOnlyOnTheSourceIsDivergedAndNamed) {
  const std::string source = test::scratch_database("source", "watch_diverge");
  const std::string target = test::scratch_database("target", "watch_diverge");
  const std::string setup =
      "CREATE SCHEMA app;"
      "CREATE TABLE app.items (id bigint PRIMARY KEY, v text, n int, updated_at timestamptz);"
      "INSERT INTO app.items SELECT g, md5(g::text), g, '2024-01-01 00:00:00+00'::timestamptz "
      "+ g * interval '1 s' FROM generate_series(1, 2000) g;";
  test::psql(source, setup + "UPDATE app.items SET n = -1 WHERE id = 1417;");
  test::psql(target, setup);
  const std::string events_path = test::fresh_temp_path("watch_diverge.jsonl");
  const std::string report_path = test::fresh_temp_path("watch_diverge.json");
  const auto result =
      test::run_pgparity({"watch", "--source", source, "--target", target, "--max-passes", "2",
                          "--max-lag", "1s", "--recheck-delay", "500ms", "--rechecks", "3",
                          "--events", events_path, "--report-json", report_path});
  ASSERT_EQ(result.exit_code, 1) << result.out << result.err;
  const auto events = read_events(events_path);
  ASSERT_EQ(events.size(), 2u) << dump(events);
  for (const auto &event : events) {
    EXPECT_EQ(event["diverged"], 1) << dump(events);
    EXPECT_EQ(event["unsettled"], 0) << dump(events);
    EXPECT_EQ(event["clean_streak"], 0) << dump(events);
  }
  const auto report = nlohmann::json::parse(test::read_file(report_path));
  EXPECT_EQ(report["status"], "failed");
  bool named = false;
  for (const auto &finding : report["findings"]) {
    if (finding["id"] == "data.row_changed" && finding["object"] == "app.items") {
      EXPECT_EQ(finding["details"]["key"]["id"], "1417") << finding.dump();
      EXPECT_EQ(finding["details"]["columns"], nlohmann::json::array({"n"})) << finding.dump();
      named = true;
    }
    EXPECT_NE(finding["id"], "data.unsettled") << finding.dump();
  }
  EXPECT_TRUE(named) << report["findings"].dump(2);

  // Waiting for clean passes that never come does not turn the difference into "incomplete":
  // the last pass found diverged rows, so the verdict is failed (exit 1), not 3.
  const auto waited = test::run_pgparity({"watch",
                                          "--source",
                                          source,
                                          "--target",
                                          target,
                                          "--until-clean",
                                          "2",
                                          "--max-passes",
                                          "2",
                                          "--max-lag",
                                          "1s",
                                          "--recheck-delay",
                                          "500ms",
                                          "--rechecks",
                                          "3",
                                          "--quiet",
                                          "--events",
                                          events_path,
                                          "--report-json",
                                          report_path});
  EXPECT_EQ(waited.exit_code, 1) << waited.out << waited.err;
  const auto waited_report = nlohmann::json::parse(test::read_file(report_path));
  EXPECT_EQ(waited_report["status"], "failed") << waited_report["incomplete_reasons"].dump();
}

// --changed-column: between full passes only rows whose last-change column is recent are read.
// An old difference (target only, last change a year ago) is seen by the full first pass only;
// a recent write that reached only the source is seen by the narrowed second pass too.
TEST(Watch, ChangedColumnPassesReadOnlyRecentRows) {
  const std::string source = test::scratch_database("source", "watch_changed");
  const std::string target = test::scratch_database("target", "watch_changed");
  const std::string setup =
      "CREATE SCHEMA app;"
      "CREATE TABLE app.items (id bigint PRIMARY KEY, v text, updated_at timestamptz NOT NULL);"
      "INSERT INTO app.items SELECT g, md5(g::text), now() - interval '1 year' "
      "FROM generate_series(1, 5000) g;";
  test::psql(source, setup + "UPDATE app.items SET v = 'new', updated_at = now() WHERE id = 20;");
  test::psql(target, setup + "UPDATE app.items SET v = 'stale' WHERE id = 10;");
  const std::string events_path = test::fresh_temp_path("watch_changed.jsonl");
  const std::string report_path = test::fresh_temp_path("watch_changed.json");
  const auto result = test::run_pgparity({"watch",
                                          "--source",
                                          source,
                                          "--target",
                                          target,
                                          "--max-passes",
                                          "2",
                                          "--max-lag",
                                          "1s",
                                          "--recheck-delay",
                                          "600ms",
                                          "--rechecks",
                                          "2",
                                          "--changed-column",
                                          "app.items.updated_at",
                                          "--full-every",
                                          "5",
                                          "--events",
                                          events_path,
                                          "--report-json",
                                          report_path,
                                          "--quiet"});
  ASSERT_EQ(result.exit_code, 1) << result.out << result.err;
  const auto events = read_events(events_path);
  ASSERT_EQ(events.size(), 2u) << dump(events);
  EXPECT_EQ(events[0]["full"], true);
  EXPECT_EQ(events[0]["source_rows"], 5000);
  EXPECT_EQ(events[1]["full"], false);
  EXPECT_EQ(events[1]["source_rows"], 1) << dump(events); // only row 20 changed recently
  EXPECT_EQ(events[1]["diverged"], 1) << dump(events);
  // The report is the narrowed last pass: row 20, not the old row 10.
  const auto report = nlohmann::json::parse(test::read_file(report_path));
  std::vector<std::string> keys;
  for (const auto &finding : report["findings"]) {
    if (finding["id"].get<std::string>().rfind("data.row_", 0) == 0) {
      keys.push_back(finding["details"]["key"]["id"].get<std::string>());
    }
  }
  EXPECT_EQ(keys, std::vector<std::string>{"20"}) << report["findings"].dump(2);
}

// c. A row the application updates at every tick (and the target 200 ms later) keeps its chunk
// moving: unsettled at worst, never diverged.
TEST(Watch, ContinuouslyUpdatedRowIsNeverDiverged) {
  const std::string source = test::scratch_database("source", "watch_hot");
  const std::string target = test::scratch_database("target", "watch_hot");
  const std::string events_path = test::fresh_temp_path("watch_hot.jsonl");
  const std::string report_path = test::fresh_temp_path("watch_hot.json");
  auto writer = start_writer(source, target, {"--lag-ms", "200", "--hot-row", "7"});
  ASSERT_TRUE(test::wait_until([&] { return writer_ready(target) || !writer->running(); }, 30s));
  ASSERT_TRUE(writer->running()) << writer->wait(1s).err;

  test::BackgroundProcess watch{
      watch_args(source, target,
                 {"--max-passes", "4", "--recheck-delay", "300ms", "--rechecks", "3", "--events",
                  events_path, "--report-json", report_path})};
  const auto watched = watch.wait(60s);
  const bool writing_throughout = writer->running();
  writer->signal(SIGTERM);
  const auto written = writer->wait(20s);
  ASSERT_EQ(written.exit_code, 0) << written.err;
  EXPECT_TRUE(writing_throughout) << "the writer stopped before watch ended";
  EXPECT_EQ(table_digest(source), table_digest(target));

  EXPECT_TRUE(watched.exit_code == 0 || watched.exit_code == 3) << watched.exit_code << "\n"
                                                                << watched.out << watched.err;
  const auto events = read_events(events_path);
  ASSERT_EQ(events.size(), 4u) << dump(events) << watched.err;
  std::size_t mismatched = 0;
  for (const auto &event : events) {
    EXPECT_EQ(event["diverged"], 0) << dump(events);
    mismatched += event["mismatched"].get<std::size_t>();
  }
  EXPECT_GT(mismatched, 0u) << "the hot row was never seen in flight\n" << dump(events);
  const auto report = nlohmann::json::parse(test::read_file(report_path));
  EXPECT_NE(report["status"], "failed") << report.dump(2);
  for (const auto &finding : report["findings"]) {
    const std::string id = finding["id"];
    EXPECT_TRUE(id == "data.unsettled" || finding["severity"] != "error") << finding.dump();
  }
}

// Issue 13, point 1: a write applied to the source only, after a clean pass, while the
// application keeps writing to the same table (so its chunk never settles as a whole): watch
// judges it row by row and reports it diverged within --max-lag plus one pass. The old rule
// called the moving chunk unsettled forever and never reported the lost write.
TEST(Watch, LostWriteAfterACleanPassIsDivergedWithinMaxLagPlusOnePass) {
  const std::string source = test::scratch_database("source", "watch_lost");
  const std::string target = test::scratch_database("target", "watch_lost");
  const std::string events_path = test::fresh_temp_path("watch_lost.jsonl");
  const std::string report_path = test::fresh_temp_path("watch_lost.json");
  auto writer = start_writer(source, target, {"--lag-ms", "200", "--writes-per-second", "10"});
  ASSERT_TRUE(test::wait_until([&] { return writer_ready(target) || !writer->running(); }, 30s));
  ASSERT_TRUE(writer->running()) << writer->wait(1s).err;
  constexpr auto k_max_lag = 5s;
  test::BackgroundProcess watch{
      watch_args(source, target,
                 {"--max-lag", "5s", "--recheck-delay", "500ms", "--rechecks", "3", "--events",
                  events_path, "--report-json", report_path, "--duration", "30s", "--quiet"})};
  const auto clean_pass = [&] {
    for (const auto &event : read_events(events_path)) {
      if (event["clean_streak"].get<int>() >= 1) {
        return true;
      }
    }
    return false;
  };
  ASSERT_TRUE(watch.wait_while_running(clean_pass, 60s)) << dump(read_events(events_path));
  const std::size_t passes_before = read_events(events_path).size();
  // The lost write: a row the writer never touches, inserted on the source only.
  test::psql(source, "INSERT INTO app.items VALUES (999999, 'lost', 1, now())");
  const auto written = std::chrono::steady_clock::now();
  std::optional<std::chrono::steady_clock::time_point> reported;
  watch.wait_while_running(
      [&] {
        const auto events = read_events(events_path);
        for (std::size_t i = passes_before; i < events.size(); ++i) {
          if (events[i]["diverged"].get<int>() > 0) {
            reported = std::chrono::steady_clock::now();
            return true;
          }
        }
        return false;
      },
      60s);
  const auto watched = watch.wait(60s); // ends after --duration
  writer->signal(SIGTERM);
  ASSERT_EQ(writer->wait(20s).exit_code, 0);
  const auto events = read_events(events_path);
  ASSERT_TRUE(reported.has_value()) << "the lost write was never reported\n" << dump(events);
  double longest_pass = 0;
  for (const auto &event : events) {
    longest_pass = std::max(longest_pass, event["seconds"].get<double>());
  }
  const double seconds = std::chrono::duration<double>(*reported - written).count();
  std::printf("[ measured ] lost write to its report: %.1f s (--max-lag 5s, longest pass %.1f s, "
              "--recheck-delay 500ms between passes)\n",
              seconds, longest_pass);
  // Generous: max-lag, the pass under way when the write was made, one more pass and its
  // pause, and slack for a slow machine.
  EXPECT_LE(seconds,
            std::chrono::duration<double>(k_max_lag).count() + 2 * (longest_pass + 0.5) + 10)
      << dump(events);
  // Nothing diverged before the lost write.
  for (std::size_t i = 0; i < passes_before; ++i) {
    EXPECT_EQ(events[i]["diverged"], 0) << dump(events);
  }
  // The last pass still finds it (diverged, or open): failed, the lost row named.
  EXPECT_EQ(watched.exit_code, 1) << watched.err;
  const auto report = nlohmann::json::parse(test::read_file(report_path));
  bool named = false;
  for (const auto &finding : report["findings"]) {
    named |= finding["id"] == "data.row_missing_on_target" &&
             finding["details"]["key"]["id"] == "999999";
    // The writer's rows in flight in the same chunk are not named.
    if (finding["id"].get<std::string>().rfind("data.row_", 0) == 0) {
      EXPECT_EQ(finding["details"]["key"]["id"], "999999") << finding.dump();
    }
  }
  EXPECT_TRUE(named) << report["findings"].dump(2);
}

// Issue 13, point 1: the target stops receiving writes (the writer queues them for ten minutes)
// while the source keeps changing: once the target trails by more than --max-lag, diverged. The
// old rule called the ever-moving source unsettled and never diverged.
TEST(Watch, TargetThatStopsReceivingWritesIsDiverged) {
  const std::string source = test::scratch_database("source", "watch_stopped");
  const std::string target = test::scratch_database("target", "watch_stopped");
  const std::string events_path = test::fresh_temp_path("watch_stopped.jsonl");
  auto writer = start_writer(source, target,
                             {"--lag-ms", "600000", "--writes-per-second", "5", "--hot-row", "7"});
  ASSERT_TRUE(test::wait_until([&] { return writer_ready(target) || !writer->running(); }, 30s));
  ASSERT_TRUE(writer->running()) << writer->wait(1s).err;
  const auto result = test::run_pgparity(
      {"watch", "--source", source, "--target", target, "--max-lag", "3s", "--recheck-delay",
       "300ms", "--rechecks", "2", "--duration", "20s", "--events", events_path, "--quiet"});
  const bool writing_throughout = writer->running();
  writer->signal(SIGTERM);
  ASSERT_EQ(writer->wait(30s).exit_code, 0);
  EXPECT_TRUE(writing_throughout);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  const auto events = read_events(events_path);
  ASSERT_FALSE(events.empty());
  EXPECT_GT(events.back()["diverged"].get<int>() + events.back()["open"].get<int>(), 0)
      << dump(events);
  // Per table, the worst lag seen is past --max-lag.
  EXPECT_GT(events.back()["tables_detail"][0]["worst_lag_seconds"].get<double>(), 3.0)
      << dump(events);
}

// Issue 13, point 1: a target 3 s behind under continuous writes (three a second, so the source
// is often still through a short recheck while the target holds a state no read has seen) is
// never diverged with --max-lag 15s: its rows each equal a recent state of their source. The
// old rule called such a chunk diverged.
TEST(Watch, TargetLaggingUnderMaxLagIsNeverDiverged) {
  const std::string source = test::scratch_database("source", "watch_lagging");
  const std::string target = test::scratch_database("target", "watch_lagging");
  const std::string events_path = test::fresh_temp_path("watch_lagging.jsonl");
  const std::string report_path = test::fresh_temp_path("watch_lagging.json");
  auto writer = start_writer(source, target, {"--lag-ms", "3000", "--writes-per-second", "3"});
  ASSERT_TRUE(test::wait_until([&] { return writer_ready(target) || !writer->running(); }, 30s));
  ASSERT_TRUE(writer->running()) << writer->wait(1s).err;
  const auto result =
      test::run_pgparity({"watch", "--source", source, "--target", target, "--max-lag", "15s",
                          "--recheck-delay", "100ms", "--rechecks", "1", "--duration", "25s",
                          "--events", events_path, "--report-json", report_path, "--quiet"});
  const bool writing_throughout = writer->running();
  writer->signal(SIGTERM);
  ASSERT_EQ(writer->wait(30s).exit_code, 0);
  EXPECT_TRUE(writing_throughout);
  EXPECT_EQ(table_digest(source), table_digest(target));
  const auto events = read_events(events_path);
  ASSERT_GE(events.size(), 3u) << dump(events);
  for (const auto &event : events) {
    EXPECT_EQ(event["diverged"], 0) << dump(events);
  }
  std::size_t in_flight = 0;
  for (const auto &event : events) {
    EXPECT_EQ(event["open"], 0) << dump(events);
    in_flight += event["in_flight"].get<std::size_t>();
    EXPECT_LE(event["tables_detail"][0]["worst_lag_seconds"].get<double>(), 15.0);
  }
  EXPECT_GT(in_flight, 0u) << "the lag was never seen\n" << dump(events);
  EXPECT_NE(result.exit_code, 1) << result.out << result.err;
  const auto report = nlohmann::json::parse(test::read_file(report_path));
  EXPECT_NE(report["status"], "failed") << report["findings"].dump(2);
}

// Issue 13, point 2: with --changed-column, a divergence found by the full first pass (an old
// row, never changed since) stays open through the narrowed passes that do not read it:
// --until-clean is not reached and the verdict is failed. The old code counted the narrowed
// passes clean and exited 0.
TEST(Watch, ChangedColumnDivergenceStaysOpenThroughNarrowedPasses) {
  const std::string source = test::scratch_database("source", "watch_open");
  const std::string target = test::scratch_database("target", "watch_open");
  const std::string setup =
      "CREATE SCHEMA app;"
      "CREATE TABLE app.items (id bigint PRIMARY KEY, v text, updated_at timestamptz NOT NULL);"
      "INSERT INTO app.items SELECT g, md5(g::text), now() - interval '1 year' "
      "FROM generate_series(1, 3000) g;";
  test::psql(source, setup);
  test::psql(target, setup + "UPDATE app.items SET v = 'stale' WHERE id = 10;");
  const std::string events_path = test::fresh_temp_path("watch_open.jsonl");
  const std::string report_path = test::fresh_temp_path("watch_open.json");
  const auto result = test::run_pgparity({"watch",
                                          "--source",
                                          source,
                                          "--target",
                                          target,
                                          "--max-passes",
                                          "4",
                                          "--until-clean",
                                          "2",
                                          "--max-lag",
                                          "1s",
                                          "--recheck-delay",
                                          "500ms",
                                          "--rechecks",
                                          "3",
                                          "--changed-column",
                                          "app.items.updated_at",
                                          "--full-every",
                                          "10",
                                          "--events",
                                          events_path,
                                          "--report-json",
                                          report_path,
                                          "--quiet"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  const auto events = read_events(events_path);
  ASSERT_EQ(events.size(), 4u) << dump(events);
  EXPECT_EQ(events[0]["diverged"], 1) << dump(events);
  for (std::size_t i = 1; i < events.size(); ++i) {
    EXPECT_EQ(events[i]["full"], false) << dump(events);
    EXPECT_EQ(events[i]["diverged"], 0) << dump(events);
    EXPECT_EQ(events[i]["open"], 1) << dump(events);
    EXPECT_EQ(events[i]["clean_streak"], 0) << dump(events);
  }
  const auto report = nlohmann::json::parse(test::read_file(report_path));
  EXPECT_EQ(report["status"], "failed");
  bool open = false;
  for (const auto &finding : report["findings"]) {
    open |= finding["id"] == "data.divergence_open" && finding["object"] == "app.items";
  }
  EXPECT_TRUE(open) << report["findings"].dump(2);
  EXPECT_EQ(report["watch"]["tables"][0]["open_divergences"], 1) << report["watch"].dump();
}

// d. --max-rows-per-second holds the measured source read rate under the ceiling; without it
// the same table reads faster (so the ceiling is what held it).
TEST(Watch, ThrottleHoldsTheReadRate) {
  const std::string source = test::scratch_database("source", "watch_throttle");
  const std::string target = test::scratch_database("target", "watch_throttle");
  const std::string setup =
      "CREATE SCHEMA app;"
      "CREATE TABLE app.big (id bigint PRIMARY KEY, v text, n int);"
      "INSERT INTO app.big SELECT g, md5(g::text), g % 1000 FROM generate_series(1, 60000) g;"
      "ANALYZE app.big;";
  test::psql(source, setup);
  test::psql(target, setup);
  constexpr double k_ceiling = 20000;
  double wall_seconds = 0; // of the last run, seen from outside
  const auto measure = [&](const std::string &name, std::vector<std::string> extra) {
    const std::string events_path = test::fresh_temp_path(name);
    std::vector<std::string> args{"watch",        "--source", source,     "--target",  target,
                                  "--max-passes", "1",        "--events", events_path, "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto started = std::chrono::steady_clock::now();
    const auto result = test::run_pgparity(args);
    wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    const auto events = read_events(events_path);
    EXPECT_EQ(events.size(), 1u) << dump(events);
    if (events.empty()) {
      return 0.0;
    }
    EXPECT_EQ(events[0]["source_rows"], 60000) << dump(events);
    return events[0]["rows_per_second"].get<double>();
  };
  const double throttled =
      measure("watch_throttled.jsonl", {"--max-rows-per-second", std::to_string(k_ceiling)});
  const double throttled_wall = wall_seconds;
  const double unthrottled = measure("watch_unthrottled.jsonl", {});
  std::printf("[ measured ] --max-rows-per-second %.0f: %.0f rows/s (whole run %.2f s); "
              "unthrottled: %.0f rows/s (whole run %.2f s)\n",
              k_ceiling, throttled, throttled_wall, unthrottled, wall_seconds);
  EXPECT_GT(throttled, 0);
  EXPECT_LE(throttled, k_ceiling * 1.05);
  // Seen from outside too: reading 60,000 rows at the ceiling takes at least this long.
  EXPECT_GE(throttled_wall, 60000 / (k_ceiling * 1.05));
  EXPECT_GT(unthrottled, k_ceiling);
}

// e. Bad options exit 2 naming the option; the first and last are refused before connecting
// (the source here is unreachable, which would otherwise exit 3).
TEST(Watch, BadOptionsAreUsageErrors) {
  const std::string target = test::scratch_database("target", "watch_bad");
  const std::string source = test::scratch_database("source", "watch_bad");
  const std::string setup = "CREATE SCHEMA app; CREATE TABLE app.items (id int PRIMARY KEY);";
  test::psql(source, setup);
  test::psql(target, setup);
  const std::string unreachable = "postgresql://u@127.0.0.1:1/db";

  auto result = test::run_pgparity({"watch", "--source", unreachable, "--target", target,
                                    "--max-passes", "1", "--ignore-column", "items.updated_at"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("--ignore-column items.updated_at"), std::string::npos) << result.err;

  result = test::run_pgparity({"watch", "--source", source, "--target", target, "--max-passes", "1",
                               "--changed-column", "app.items.updated_at"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("--changed-column app.items.updated_at"), std::string::npos)
      << result.err;

  result = test::run_pgparity({"watch", "--source", source, "--target", target, "--max-passes", "1",
                               "--ignore-column", "app.items.no_such_column"});
  EXPECT_EQ(result.exit_code, 2) << result.err; // a typo would silently compare everything
  EXPECT_NE(result.err.find("--ignore-column app.items.no_such_column"), std::string::npos)
      << result.err;

  for (const std::string lag : {"0s", "500ms", "8d", "soon"}) {
    result = test::run_pgparity({"watch", "--source", unreachable, "--target", target,
                                 "--max-passes", "1", "--max-lag", lag});
    EXPECT_EQ(result.exit_code, 2) << lag << ": " << result.err;
    EXPECT_NE(result.err.find("--max-lag"), std::string::npos) << result.err;
  }

  result = test::run_pgparity({"watch", "--source", unreachable, "--target", target, "--max-passes",
                               "1", "--events", "/no-such-dir/events.jsonl"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("--events"), std::string::npos) << result.err;
}

// e2. --ignore-column may not name a column of the key a table is chunked by (the primary key,
// else the unique key used), nor leave a table with no column compared: exit 2, one line naming
// the column or table and why.
TEST(Watch, IgnoringAKeyOrEveryColumnIsRefused) {
  const std::string target = test::scratch_database("target", "watch_ignore_key");
  const std::string source = test::scratch_database("source", "watch_ignore_key");
  const std::string setup =
      "CREATE SCHEMA app; CREATE TABLE app.items (id int PRIMARY KEY, v text);"
      "CREATE TABLE app.pairs (a int NOT NULL UNIQUE, b text);"
      "CREATE TABLE app.loose (x text, y text);"
      "INSERT INTO app.items VALUES (1, 'a'); INSERT INTO app.pairs VALUES (1, 'b');"
      "INSERT INTO app.loose VALUES ('x', 'y');";
  test::psql(source, setup);
  test::psql(target, setup);
  const auto refused = [&](const std::vector<std::string> &ignored, const std::string &expected) {
    std::vector<std::string> argv{"watch", "--source",     source, "--target",
                                  target,  "--max-passes", "1"};
    for (const auto &column : ignored) {
      argv.insert(argv.end(), {"--ignore-column", column});
    }
    const auto result = test::run_pgparity(argv);
    EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
    EXPECT_NE(result.err.find(expected), std::string::npos) << result.err;
  };
  refused({"app.items.id"}, "--ignore-column app.items.id: a column of the primary key items_pkey");
  refused({"app.pairs.a"}, "--ignore-column app.pairs.a: a column of the unique key pairs_a_key");
  refused({"app.loose.x", "app.loose.y"}, "every column of app.loose is ignored");
  // Ignoring a column outside the key is still fine.
  const auto allowed = test::run_pgparity({"watch", "--source", source, "--target", target,
                                           "--max-passes", "1", "--ignore-column", "app.items.v"});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.out << allowed.err;
}

// f. A column each side sets for itself (a trigger's timestamp) differs everywhere: with
// --ignore-column it is left out and the tables match; without, every row differs.
TEST(Watch, IgnoreColumnLeavesAPerSideColumnOut) {
  const std::string source = test::scratch_database("source", "watch_ignore");
  const std::string target = test::scratch_database("target", "watch_ignore");
  const std::string setup =
      "CREATE SCHEMA app;"
      "CREATE TABLE app.items (id bigint PRIMARY KEY, v text, stamped_at timestamptz);"
      "CREATE FUNCTION app.stamp() RETURNS trigger LANGUAGE plpgsql AS "
      "$$BEGIN NEW.stamped_at := clock_timestamp(); RETURN NEW; END$$;"
      "CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON app.items "
      "FOR EACH ROW EXECUTE FUNCTION app.stamp();"
      "INSERT INTO app.items (id, v) SELECT g, md5(g::text) FROM generate_series(1, 500) g;";
  test::psql(source, setup);
  test::psql(target, setup);
  ASSERT_NE(test::psql_value(source, "SELECT stamped_at FROM app.items WHERE id = 1"),
            test::psql_value(target, "SELECT stamped_at FROM app.items WHERE id = 1"));
  const std::vector<std::string> common{
      "watch", "--source",        source,  "--target",  target, "--max-passes", "1", "--rechecks",
      "3",     "--recheck-delay", "500ms", "--max-lag", "1s",   "--quiet"};

  const std::string report_path = test::fresh_temp_path("watch_ignore.json");
  auto args = common;
  args.insert(args.end(),
              {"--ignore-column", "app.items.stamped_at", "--report-json", report_path});
  auto result = test::run_pgparity(args);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  const auto ignoring = nlohmann::json::parse(test::read_file(report_path));
  EXPECT_EQ(ignoring["status"], "clean");
  // The column left out is in the report's scope, and the gate refuses the report unless told
  // explicitly to accept it (review finding 6), naming the column.
  EXPECT_EQ(ignoring["scope"]["ignored_columns"], nlohmann::json::array({"app.items.stamped_at"}))
      << ignoring["scope"].dump();
  auto gate = test::run_pgparity({"gate", report_path, "--accept-scope", "data-only"});
  EXPECT_EQ(gate.exit_code, 1) << gate.out << gate.err;
  EXPECT_NE(gate.out.find("reason: columns were left out of the comparison (--ignore-column "
                          "app.items.stamped_at)"),
            std::string::npos)
      << gate.out;
  gate = test::run_pgparity({"gate", report_path, "--accept-scope", "data-only,ignored-columns"});
  EXPECT_EQ(gate.exit_code, 0) << gate.out << gate.err;

  args = common;
  args.insert(args.end(), {"--report-json", report_path});
  result = test::run_pgparity(args);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  const auto report = nlohmann::json::parse(test::read_file(report_path));
  bool stamped = false;
  for (const auto &finding : report["findings"]) {
    stamped |= finding["id"] == "data.row_changed" &&
               finding["details"]["columns"] == nlohmann::json::array({"stamped_at"});
  }
  EXPECT_TRUE(stamped) << report["findings"].dump(2);
}

} // namespace

// Each pass opens its own sessions and must close them: over many passes the number of the
// run's sessions on the source stays that of one pass (an exporter and --jobs workers), instead
// of growing until the server refuses connections.
TEST(Watch, PassesCloseTheirSessions) {
  const std::string setup = "CREATE TABLE public.a (id int PRIMARY KEY, v int);"
                            "INSERT INTO public.a SELECT g, g FROM generate_series(1, 100) g;";
  const auto source = test::scratch_database("source", "watch_sessions");
  const auto target = test::scratch_database("target", "watch_sessions");
  test::psql(source, setup);
  test::psql(target, setup);
  test::BackgroundProcess watch{{test::pgparity_binary(), "watch", "--source", source, "--target",
                                 target, "--jobs", "2", "--until-clean", "12", "--recheck-delay",
                                 "200ms", "--quiet", "--events", "/dev/null"}};
  const std::string admin = test::with_database(source, "postgres");
  int most = 0;
  watch.wait_while_running(
      [&] {
        most = std::max(most,
                        std::stoi(test::psql_value(admin, "SELECT count(*) FROM pg_stat_activity "
                                                          "WHERE datname = 'watch_sessions'")));
        return false;
      },
      60s);
  const auto result = watch.wait(10s);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_LE(most, 6) << "sessions of the run seen at once on the source";
}
