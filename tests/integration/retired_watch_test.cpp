// `pgparity retired`, the straggler watch on the old database after the cutover: the real binary
// against a scratch database of the source cluster, written by real clients (libpq connections
// held by the test, named by application_name) that stay connected. A single insert from an idle
// client is reported with its application_name; a client idle inside a transaction that holds
// a transaction id is a write in progress; a quiet database is clean; a statistics reset makes
// the run incomplete; a TRUNCATE is a rewrite; a role without pg_monitor sees who but not what;
// PostgreSQL 13 (the statistics collector, from the cross-version pair) works the same; bad
// input exits 2 naming the side.
#include "tests/integration/support/test_support.hpp"

#include <libpq-fe.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace pgparity;
using namespace std::chrono_literals;

namespace {

// An application's connection to the retired database, open until destroyed.
class Client {
public:
  Client(const std::string &url, const std::string &application)
      : m_conn(PQconnectdb((url + "?application_name=" + application).c_str())) {
    if (PQstatus(m_conn) != CONNECTION_OK) {
      throw std::runtime_error("client cannot connect: " + std::string{PQerrorMessage(m_conn)});
    }
  }
  ~Client() { PQfinish(m_conn); }
  Client(const Client &) = delete;
  Client &operator=(const Client &) = delete;

  void run(const std::string &sql) {
    PGresult *result = PQexec(m_conn, sql.c_str());
    const auto status = PQresultStatus(result);
    const std::string error = PQresultErrorMessage(result);
    PQclear(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      throw std::runtime_error("client: " + sql + ": " + error);
    }
  }

private:
  PGconn *m_conn;
};

// A retired database with one table that has seen writes before the watch, all published.
std::string retired_database(const std::string &name) {
  const std::string url = test::scratch_database("source", name);
  test::psql(url, "CREATE SCHEMA shop; CREATE TABLE shop.orders (id int PRIMARY KEY, note text);"
                  "INSERT INTO shop.orders SELECT g, 'old' FROM generate_series(1, 10) g;");
  // psql has exited, so its counters are published (PostgreSQL 15+: at the end of the session).
  EXPECT_TRUE(test::wait_until(
      [&] {
        return test::psql_value(url, "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = "
                                     "'orders'") == "10";
      },
      30s));
  return url;
}

// `pgparity retired` in the background, watching `url` for `duration` then `settle` more.
struct Watch {
  std::string report;
  std::string events;
  std::unique_ptr<test::BackgroundProcess> process;
};

Watch start_watch(const std::string &url, const std::string &label, const std::string &duration,
                  const std::string &settle) {
  Watch watch{test::fresh_temp_path(label + ".json"), test::fresh_temp_path(label + ".jsonl"), {}};
  std::vector<std::string> argv{test::pgparity_binary(),
                                "retired",
                                "--db",
                                url,
                                "--interval",
                                "1s",
                                "--settle",
                                settle,
                                "--report-json",
                                watch.report,
                                "--events",
                                watch.events};
  if (!duration.empty()) { // else until interrupted
    argv.insert(argv.end(), {"--duration", duration});
  }
  watch.process = std::make_unique<test::BackgroundProcess>(argv);
  // The baseline has been taken once look 0 is written: writes from now on are the watch's.
  EXPECT_TRUE(watch.process->wait_while_running(
      [&] { return test::read_file(watch.events).find("\"look\":0") != std::string::npos; }, 30s));
  return watch;
}

bool has_application(const nlohmann::json &sessions, const std::string &application) {
  for (const auto &s : sessions) {
    if (s["application_name"] == application) {
      return true;
    }
  }
  return false;
}

// The settle time of these tests: a client that published its counters (at connection) less
// than a second before its write publishes the write 10 s later (PGSTAT_IDLE_INTERVAL).
constexpr const char *k_settle = "12s";

} // namespace

TEST(RetiredWatch, ReportsOneInsertFromAnIdleClientThatStaysConnected) {
  const std::string url = retired_database("pgparity_retired_insert");
  auto watch = start_watch(url, "retired_insert", "3s", k_settle);
  Client straggler{url, "billing_worker"};
  const auto written = std::chrono::steady_clock::now();
  straggler.run("INSERT INTO shop.orders VALUES (11, 'late')");
  // The client stays connected and idle while the watch ends.
  const auto result = watch.process->wait(120s);
  ASSERT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("FAILED"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("billing_worker"), std::string::npos) << result.out;
  const auto report = nlohmann::json::parse(test::read_file(watch.report));
  EXPECT_EQ(report["command"], "retired");
  EXPECT_EQ(report["status"], "failed");
  ASSERT_EQ(report["writes"].size(), 1u) << report.dump(2);
  const auto &write = report["writes"][0];
  EXPECT_EQ(write["table"], "shop.orders");
  EXPECT_EQ(write["inserted"], 1);
  EXPECT_EQ(write["updated"], 0);
  EXPECT_EQ(write["deleted"], 0);
  bool named = false;
  for (const auto &name : write["connected_when_seen"]) {
    named = named || name.get<std::string>().rfind("billing_worker (pid ", 0) == 0;
  }
  EXPECT_TRUE(named) << write.dump(2);
  EXPECT_TRUE(has_application(report["clients"], "billing_worker")) << report.dump(2);
  // Measured once, not asserted: from the insert to the look that reported it.
  std::size_t first = 0;
  for (const auto &look : report["looks"]) {
    if (look["inserted"] == 1 && first == 0) {
      first = look["look"].get<std::size_t>();
    }
  }
  std::printf("insert reported at look %zu (1 s apart) of %zu; the watch ended %.1f s after it\n",
              first, report["looks"].size(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - written).count());
}

TEST(RetiredWatch, ReportsAWriteInProgressFromAClientIdleInTransaction) {
  const std::string url = retired_database("pgparity_retired_open");
  auto watch = start_watch(url, "retired_open", "3s", "2s");
  Client straggler{url, "report_cron"};
  // Inside a transaction it never ends: nothing reaches the counters, but it holds an xid.
  straggler.run("BEGIN");
  straggler.run("UPDATE shop.orders SET note = 'touched' WHERE id = 1");
  const auto result = watch.process->wait(120s);
  ASSERT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("write in progress"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("report_cron"), std::string::npos) << result.out;
  const auto report = nlohmann::json::parse(test::read_file(watch.report));
  EXPECT_EQ(report["status"], "failed");
  EXPECT_TRUE(report["writes"].empty()) << report.dump(2); // the counters show nothing yet
  ASSERT_TRUE(has_application(report["writing_sessions"], "report_cron")) << report.dump(2);
  EXPECT_FALSE(report["writing_sessions"][0]["held_xid"].is_null());
  EXPECT_EQ(report["writing_sessions"][0]["state"], "idle in transaction");
}

TEST(RetiredWatch, QuietDatabaseWithAConnectedReaderIsClean) {
  const std::string url = retired_database("pgparity_retired_quiet");
  Client reader{url, "dashboard"};
  reader.run("SELECT count(*) FROM shop.orders");
  auto watch = start_watch(url, "retired_quiet", "3s", "2s");
  reader.run("SELECT count(*) FROM shop.orders");
  const auto result = watch.process->wait(120s);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out.rfind("CLEAN", 0), 0u) << result.out;
  const auto report = nlohmann::json::parse(test::read_file(watch.report));
  EXPECT_EQ(report["status"], "clean");
  EXPECT_TRUE(report["writes"].empty());
  EXPECT_TRUE(report["writing_sessions"].empty());
  EXPECT_FALSE(report["covered_until"].is_null());
  // A connected client that does not write is listed, not failed.
  EXPECT_TRUE(has_application(report["clients"], "dashboard")) << report.dump(2);
  // The gate opens a cutover on a comparison, and says this is none.
  const auto gate = test::run_pgparity({"gate", watch.report});
  EXPECT_EQ(gate.exit_code, 2) << gate.out << gate.err;
  EXPECT_NE(gate.err.find("pgparity retired"), std::string::npos) << gate.err;
}

TEST(RetiredWatch, StatisticsResetDuringTheWatchIsIncomplete) {
  const std::string url = retired_database("pgparity_retired_reset");
  auto watch = start_watch(url, "retired_reset", "3s", "2s");
  test::psql(url, "SELECT pg_stat_reset()");
  const auto result = watch.process->wait(120s);
  ASSERT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_EQ(result.out.rfind("INCOMPLETE", 0), 0u) << result.out;
  const auto report = nlohmann::json::parse(test::read_file(watch.report));
  EXPECT_EQ(report["status"], "incomplete");
  EXPECT_FALSE(report["resets"].empty()) << report.dump(2);
}

TEST(RetiredWatch, EndedBeforeSettleIsIncomplete) {
  const std::string url = retired_database("pgparity_retired_short");
  auto watch = start_watch(url, "retired_short", "", "30s");
  watch.process->signal(SIGINT);
  const auto result = watch.process->wait(60s);
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  const auto report = nlohmann::json::parse(test::read_file(watch.report));
  EXPECT_EQ(report["status"], "incomplete");
  EXPECT_TRUE(report["covered_until"].is_null());
}

TEST(RetiredWatch, BadInputExitsTwoNamingTheSide) {
  const auto malformed = test::run_pgparity({"retired", "--db", "postgresql://[::1"});
  EXPECT_EQ(malformed.exit_code, 2) << malformed.err;
  EXPECT_NE(malformed.err.find("retired"), std::string::npos) << malformed.err;
  const auto unknown = test::run_pgparity(
      {"retired", "--db", test::with_database(test::cluster_url("source"), "pgparity_no_such_db"),
       "--duration", "1s"});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.err;
  EXPECT_NE(unknown.err.find("retired"), std::string::npos) << unknown.err;
  const auto bad_settle =
      test::run_pgparity({"retired", "--db", test::cluster_url("source"), "--settle", "500ms"});
  EXPECT_EQ(bad_settle.exit_code, 2) << bad_settle.err;
}

TEST(RetiredWatch, TruncateIsReportedAsARewrite) {
  const std::string url = retired_database("pgparity_retired_truncate");
  auto watch = start_watch(url, "retired_truncate", "3s", k_settle);
  Client straggler{url, "cleanup_job"};
  // TRUNCATE is not counted by n_tup_del: it shows as a new relfilenode.
  straggler.run("TRUNCATE shop.orders");
  const auto result = watch.process->wait(120s);
  ASSERT_EQ(result.exit_code, 1) << result.out << result.err;
  const auto report = nlohmann::json::parse(test::read_file(watch.report));
  ASSERT_EQ(report["writes"].size(), 1u) << report.dump(2);
  EXPECT_EQ(report["writes"][0]["table"], "shop.orders");
  EXPECT_EQ(report["writes"][0]["rewrites"], 1);
  EXPECT_EQ(report["writes"][0]["deleted"], 0);
}

TEST(RetiredWatch, OtherRolesStatementsShowOnlyWithPgMonitor) {
  const std::string url = retired_database("pgparity_retired_roles");
  test::psql(test::cluster_url("source"),
             "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
             "'pgparity_retired_monitor') THEN CREATE ROLE pgparity_retired_monitor LOGIN; "
             "END IF; END $$; GRANT pg_monitor TO pgparity_retired_monitor;");
  Client straggler{url, "hidden_app"}; // the superuser postgres: another role than the watch's
  straggler.run("BEGIN");
  straggler.run("UPDATE shop.orders SET note = 'x' WHERE id = 2");
  for (const std::string role : {"pgparity_reader", "pgparity_retired_monitor"}) {
    auto watch = start_watch(test::with_user(url, role), "retired_" + role, "2s", "1s");
    const auto result = watch.process->wait(120s);
    ASSERT_EQ(result.exit_code, 1) << role << result.out << result.err;
    const auto report = nlohmann::json::parse(test::read_file(watch.report));
    ASSERT_EQ(report["writing_sessions"].size(), 1u) << role << report.dump(2);
    const auto &session = report["writing_sessions"][0];
    // The application_name and the transaction id are shown to every role.
    EXPECT_EQ(session["application_name"], "hidden_app") << role;
    EXPECT_FALSE(session["held_xid"].is_null()) << role;
    if (role == "pgparity_reader") {
      EXPECT_FALSE(session["visible"].get<bool>());
      EXPECT_TRUE(session["last_statement"].is_null());
      EXPECT_NE(result.out.find("grant pg_monitor"), std::string::npos) << result.out;
    } else {
      EXPECT_TRUE(session["visible"].get<bool>());
      EXPECT_EQ(session["client_addr"], "127.0.0.1");
      EXPECT_EQ(session["last_statement"], "UPDATE shop.orders SET note = 'x' WHERE id = 2");
    }
  }
  // The role exists only on the source cluster: leave no difference for other tests.
  test::psql(test::cluster_url("source"), "DROP ROLE pgparity_retired_monitor");
}

TEST(RetiredWatch, SeesAnInsertOnPostgres13ThroughTheStatisticsCollector) {
  const std::string url =
      test::scratch_database_at(test::version_pair_url(13, 17, "source"), "pgparity_retired_pg13");
  test::psql(url, "CREATE TABLE public.events (id int PRIMARY KEY)");
  auto watch = start_watch(url, "retired_pg13", "3s", k_settle);
  Client straggler{url, "legacy_importer"};
  // Before 15 a backend sends its counters at most every 500 ms and keeps them while idle until
  // its next statement (a documented limit): the client reported at connection, so wait.
  std::this_thread::sleep_for(1s);
  straggler.run("INSERT INTO public.events VALUES (1)");
  const auto result = watch.process->wait(120s);
  ASSERT_EQ(result.exit_code, 1) << result.out << result.err;
  const auto report = nlohmann::json::parse(test::read_file(watch.report));
  EXPECT_EQ(report["retired"]["server_version_num"].get<int>() / 10000, 13);
  ASSERT_EQ(report["writes"].size(), 1u) << report.dump(2);
  EXPECT_EQ(report["writes"][0]["table"], "public.events");
  EXPECT_EQ(report["writes"][0]["inserted"], 1);
  EXPECT_TRUE(has_application(report["clients"], "legacy_importer"));
  // The report names the collector's limit.
  EXPECT_NE(report["limits"].dump().find("before 15"), std::string::npos);
}
