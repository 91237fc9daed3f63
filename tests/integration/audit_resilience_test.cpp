// `pgparity audit` when the servers misbehave under it: the exporting session of a snapshot is
// killed mid-run, a worker's statement fails, another session holds a table locked, a database
// has a foreign money format. Whatever happens, nothing is read outside the run's snapshot,
// nothing waits forever, and what was not compared is not_verified (exit 3), told once per
// cause.
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace pgparity;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using namespace std::chrono_literals;

struct Databases {
  std::string source;
  std::string target;
};

Databases scratch(const std::string &name) {
  return {test::scratch_database("source", name), test::scratch_database("target", name)};
}

// `count` tables public.t_000 … with `rows` rows each; `serial` gives each an owned sequence.
std::string many_tables_sql(int count, int rows, bool serial) {
  std::ostringstream sql;
  sql << "DO $$ BEGIN FOR i IN 0.." << count - 1 << " LOOP "
      << "EXECUTE format('CREATE TABLE public.%I (id " << (serial ? "serial" : "integer")
      << " PRIMARY KEY, v text)', 't_' || lpad(i::text, 3, '0')); "
      << "EXECUTE format('INSERT INTO public.%I (id, v) SELECT g, md5(g::text) FROM "
         "generate_series(1, "
      << rows << ") AS g', 't_' || lpad(i::text, 3, '0')); ";
  if (serial) {
    sql << "EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), " << rows
        << ")', 'public.t_' || lpad(i::text, 3, '0')); ";
  }
  sql << "END LOOP; END $$;";
  return sql.str();
}

std::string report_path(const std::string &label) {
  return test::fresh_temp_path("pgparity_resilience_" + label + ".json");
}

std::vector<std::string> audit_args(const Databases &dbs, const std::string &report,
                                    const std::vector<std::string> &extra) {
  std::vector<std::string> args{"audit",    "--source",      dbs.source, "--target",
                                dbs.target, "--report-json", report,     "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

json read_report(const std::string &path) {
  const std::string text = test::read_file(path);
  return text.empty() ? json{} : json::parse(text, nullptr, false);
}

std::map<std::string, json> tables_by_name(const json &report) {
  std::map<std::string, json> tables;
  for (const auto &table : report.value("tables", json::array())) {
    tables[table.value("name", "")] = table;
  }
  return tables;
}

std::string describe(const test::ProcessResult &process, const json &report) {
  std::ostringstream out;
  out << "exit code " << process.exit_code << "\n--- stdout\n"
      << process.out << "--- stderr\n"
      << process.err;
  if (report.is_object()) {
    out << "--- incomplete_reasons\n" << report.value("incomplete_reasons", json::array()).dump(2);
    out << "\n--- findings\n";
    for (const auto &finding : report.value("findings", json::array())) {
      out << "  " << finding.value("id", "?") << " " << finding.value("object", "?") << ": "
          << finding.value("message", "") << "\n";
    }
    out << "--- tables not matching\n";
    for (const auto &table : report.value("tables", json::array())) {
      if (table.value("status", "") != "match") {
        out << "  " << table.value("name", "?") << " " << table.value("status", "?") << ": "
            << table.value("reason", "") << "\n";
      }
    }
  } else {
    out << "--- no report\n";
  }
  return out.str();
}

// The connection that exported the target's snapshot is killed (as an idle-in-transaction
// watchdog would) while a worker waits on a lock. The worker's open transaction still reads in
// the snapshot; once it restarts its transaction (every 64 tables) it cannot adopt the snapshot
// again, and every table after that is not_verified, never read in a transaction of its own.
// The one cause is told once, with a count and examples, not once per table.
TEST(AuditResilience, KilledSnapshotExporterLeavesTheRestNotVerifiedAndToldOnce) {
  const std::string database = "rs_killed_exporter";
  const Databases dbs = scratch(database);
  const std::string schema = many_tables_sql(200, 20, false);
  test::psql(dbs.source, schema);
  test::psql(dbs.target, schema);
  const std::string admin = test::with_database(dbs.target, "postgres");

  test::HeldLock lock{dbs.target, database, "public.t_000", "pgparity_test_locker"};
  const std::string report = report_path("killed_exporter");
  std::vector<std::string> argv{test::pgparity_binary()};
  for (const auto &arg : audit_args(dbs, report, {"--jobs", "1"})) {
    argv.push_back(arg);
  }
  test::BackgroundProcess audit{argv};
  const std::string in_database = "datname = '" + database + "' AND application_name = 'pgparity'";
  ASSERT_TRUE(audit.wait_while_running(
      [&] {
        return test::psql_value(admin, "SELECT count(*) FROM pg_stat_activity WHERE " +
                                           in_database + " AND wait_event_type = 'Lock'") != "0";
      },
      60s))
      << "the audit never waited for the held lock";
  EXPECT_EQ(test::psql_value(admin, "SELECT count(pg_terminate_backend(pid)) FROM "
                                    "pg_stat_activity WHERE " +
                                        in_database + " AND query LIKE '%pg_export_snapshot%'"),
            "1");
  lock.release();
  const test::ProcessResult process = audit.wait(180s);
  const json document = read_report(report);
  const std::string context = describe(process, document);
  ASSERT_TRUE(document.is_object()) << context;
  EXPECT_EQ(process.exit_code, 3) << context;
  EXPECT_EQ(document.value("status", ""), "incomplete") << context;

  std::size_t matched = 0;
  std::size_t lost = 0;
  for (const auto &[name, table] : tables_by_name(document)) {
    const std::string status = table.value("status", "");
    if (status == "match") {
      ++matched;
    } else {
      EXPECT_EQ(status, "not_verified") << name << "\n" << context;
      EXPECT_NE(table.value("reason", "").find("target: cannot return to the run's snapshot"),
                std::string::npos)
          << name << "\n"
          << context;
      ++lost;
    }
  }
  // The first transaction's 64 tables were read in the snapshot; the rest could not be.
  EXPECT_EQ(matched + lost, 200u) << context;
  EXPECT_GE(matched, 64u) << context;
  EXPECT_GE(lost, 100u) << context;

  // Told once: one incomplete reason with the count and examples, no finding per table.
  std::vector<std::string> grouped;
  for (const auto &reason : document.value("incomplete_reasons", json::array())) {
    grouped.push_back(reason.get<std::string>());
  }
  ASSERT_EQ(grouped.size(), 1u) << context;
  EXPECT_EQ(grouped[0].rfind(std::to_string(lost) +
                                 " tables not verified: target: cannot return to the run's "
                                 "snapshot",
                             0),
            0u)
      << context;
  EXPECT_NE(grouped[0].find("(e.g. public.t_"), std::string::npos) << context;
  for (const auto &finding : document.value("findings", json::array())) {
    EXPECT_NE(finding.value("id", ""), "table.not_verified") << context;
  }
  const std::string output = process.out + process.err;
  EXPECT_LT(std::count(output.begin(), output.end(), '\n'), 40) << context;
}

// A statement that fails inside a worker's snapshot transaction (a table the least-privilege
// role may not read, among many, each with a sequence whose column maximum is read) leaves only
// that table unverified: the next statement adopts the same snapshot again instead of failing
// in the aborted transaction, or reading outside it.
TEST(AuditResilience, FailedStatementInAWorkerLeavesOnlyItsTableNotVerified) {
  const std::string database = "rs_failed_statement";
  const Databases admin = scratch(database);
  const std::string schema = many_tables_sql(100, 20, true);
  test::psql(admin.source, schema);
  test::psql(admin.target, schema);
  test::psql(admin.target, "GRANT USAGE ON SCHEMA public TO pgparity_reader;"
                           "GRANT SELECT ON ALL TABLES IN SCHEMA public TO pgparity_reader;"
                           "GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO pgparity_reader;"
                           "REVOKE SELECT ON public.t_010 FROM pgparity_reader;");
  Databases dbs = admin;
  dbs.target = test::with_user(dbs.target, "pgparity_reader");

  const std::string report = report_path("failed_statement");
  const test::ProcessResult process = test::run_pgparity(audit_args(dbs, report, {"--jobs", "1"}));
  const json document = read_report(report);
  const std::string context = describe(process, document);
  ASSERT_TRUE(document.is_object()) << context;
  EXPECT_EQ(process.exit_code, 3) << context;
  const auto tables = tables_by_name(document);
  EXPECT_EQ(tables.size(), 100u) << context;
  for (const auto &[name, table] : tables) {
    EXPECT_EQ(table.value("status", ""), name == "public.t_010" ? "not_verified" : "match")
        << name << "\n"
        << context;
  }
  for (const auto &reason : document.value("incomplete_reasons", json::array())) {
    EXPECT_NE(reason.get<std::string>().find("t_010"), std::string::npos) << context;
  }
  for (const auto &finding : document.value("findings", json::array())) {
    if (finding.value("severity", "") != "info") {
      EXPECT_EQ(finding.value("object", ""), "public.t_010") << context;
    }
  }
}

// A table another session locks ACCESS EXCLUSIVE while the audit runs (a migration's ALTER
// TABLE, VACUUM FULL) is not waited for longer than --lock-timeout: it is not_verified, the
// others are compared. The lock is asked for once the data comparison began: it queues behind
// the locks the catalog read took, and is granted when the worker starts its next transaction.
TEST(AuditResilience, TableLockedDuringTheAuditIsNotVerifiedWithinTheLockTimeout) {
  const std::string database = "rs_locked_table";
  const Databases dbs = scratch(database);
  const std::string schema = many_tables_sql(200, 5000, false);
  test::psql(dbs.source, schema);
  test::psql(dbs.target, schema);
  const std::string admin = test::with_database(dbs.target, "postgres");

  const std::string report = report_path("locked_table");
  std::vector<std::string> argv{test::pgparity_binary()};
  for (const auto &arg : audit_args(dbs, report, {"--jobs", "1", "--lock-timeout", "1s"})) {
    argv.push_back(arg);
  }
  test::BackgroundProcess audit{argv};
  ASSERT_TRUE(audit.wait_while_running(
      [&] {
        return test::psql_value(admin, "SELECT count(*) FROM pg_stat_activity WHERE datname = '" +
                                           database +
                                           "' AND application_name = 'pgparity' AND query LIKE "
                                           "'COPY%'") != "0";
      },
      60s))
      << "the audit never began reading";
  const test::HeldLock lock{dbs.target, database, "public.t_199", "pgparity_test_locker_2"};
  const auto locked_at = std::chrono::steady_clock::now();
  const test::ProcessResult process = audit.wait(120s);
  const auto took = std::chrono::steady_clock::now() - locked_at;
  const json document = read_report(report);
  const std::string context = describe(process, document);
  ASSERT_TRUE(document.is_object()) << context;
  EXPECT_EQ(process.exit_code, 3) << context;
  EXPECT_LT(took, 100s) << context; // the rest of the reading, and at most 1s for t_199
  const auto tables = tables_by_name(document);
  EXPECT_EQ(tables.size(), 200u) << context;
  for (const auto &[name, table] : tables) {
    EXPECT_EQ(table.value("status", ""), name == "public.t_199" ? "not_verified" : "match")
        << name << "\n"
        << context;
  }
  ASSERT_TRUE(tables.count("public.t_199")) << context;
  EXPECT_NE(tables.at("public.t_199").value("reason", "").find("lock timeout"), std::string::npos)
      << context;
  EXPECT_EQ(document.value("options", json::object()).value("lock_timeout", ""), "1s") << context;
}

// A table locked before the audit starts stops the catalog read, which needs every table's
// definitions: after --lock-timeout the run ends incomplete (exit 3) and says why, instead of
// waiting for the lock forever.
TEST(AuditResilience, TableLockedBeforeTheAuditEndsItWithinTheLockTimeout) {
  const std::string database = "rs_locked_at_start";
  const Databases dbs = scratch(database);
  const std::string schema = many_tables_sql(3, 10, false);
  test::psql(dbs.source, schema);
  test::psql(dbs.target, schema);
  const test::HeldLock lock{dbs.target, database, "public.t_001", "pgparity_test_locker_3"};

  const auto started = std::chrono::steady_clock::now();
  const test::ProcessResult process =
      test::run_pgparity(audit_args(dbs, report_path("locked_at_start"), {"--lock-timeout", "1s"}));
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(process.exit_code, 3) << process.out << process.err;
  EXPECT_LT(took, 30s) << process.out << process.err;
  EXPECT_NE(process.err.find("lock timeout"), std::string::npos) << process.err;
}

// A database whose monetary locale differs prints money differently ("1.234,50 €" for
// "$1,234.50"); pgparity pins lc_monetary, so equal amounts compare equal. (The setting itself,
// database_setting.extra, is lowered to info: this test is about the rows.)
TEST(AuditResilience, MoneyComparesEqualUnderAnotherMonetaryLocale) {
  const std::string database = "rs_money_locale";
  const Databases dbs = scratch(database);
  const std::string schema = "CREATE TABLE public.prices (id integer PRIMARY KEY, amount money);"
                             "INSERT INTO public.prices SELECT g, g * 1234.5 FROM "
                             "generate_series(1, 100) AS g;";
  test::psql(dbs.source, schema);
  test::psql(dbs.target, schema);
  try {
    test::psql(dbs.target, "ALTER DATABASE " + database + " SET lc_monetary = 'de_DE.UTF-8'");
  } catch (const std::exception &e) {
    FAIL() << "the target cluster lacks the locale de_DE.UTF-8 (scripts/install-deps generates "
              "it; restart the clusters afterwards): "
           << e.what();
  }
  ASSERT_EQ(test::psql_value(dbs.target, "SELECT 1234.5::money::text"), "1.234,50 €");

  const std::string report = report_path("money_locale");
  const test::ProcessResult process =
      test::run_pgparity(audit_args(dbs, report, {"--severity", "database_setting.extra=info"}));
  const json document = read_report(report);
  EXPECT_EQ(process.exit_code, 0) << describe(process, document);
  EXPECT_EQ(tables_by_name(document)["public.prices"].value("status", ""), "match")
      << describe(process, document);
}

} // namespace

// A materialized view whose contents differ is judged by running its query on the source; when
// the role may not run it (here a function it may not execute), a stale source cannot be told
// from a wrong copy: the view is not_verified and the run incomplete, never an error verdict
// built on a guess, nor clean.
TEST(AuditResilience, MaterializedViewQueryTheRoleCannotRunLeavesItNotVerified) {
  const std::string database = "rs_matview_query_denied";
  const Databases admin = scratch(database);
  const std::string schema =
      "CREATE FUNCTION public.bucket_of(integer) RETURNS integer IMMUTABLE LANGUAGE sql "
      "AS 'SELECT $1 % 10';"
      "REVOKE EXECUTE ON FUNCTION public.bucket_of(integer) FROM PUBLIC;"
      "CREATE TABLE public.t (id integer PRIMARY KEY, qty integer NOT NULL);"
      "INSERT INTO public.t SELECT i, i % 7 FROM generate_series(1, 1000) AS i;"
      "CREATE MATERIALIZED VIEW public.t_totals AS "
      "SELECT public.bucket_of(id) AS bucket, sum(qty) AS qty FROM public.t GROUP BY 1;"
      "GRANT USAGE ON SCHEMA public TO pgparity_reader;"
      "GRANT SELECT ON ALL TABLES IN SCHEMA public TO pgparity_reader;";
  test::psql(admin.source, schema);
  test::psql(admin.target, schema);
  // The target's view refreshed over other rows, which are then put back: it differs.
  test::psql(admin.target, "UPDATE public.t SET qty = qty + 1 WHERE id = 5;"
                           "REFRESH MATERIALIZED VIEW public.t_totals;"
                           "UPDATE public.t SET qty = qty - 1 WHERE id = 5;");
  Databases dbs = admin;
  dbs.source = test::with_user(dbs.source, "pgparity_reader");

  const std::string report = report_path("matview_query_denied");
  const test::ProcessResult process = test::run_pgparity(audit_args(dbs, report, {}));
  const json document = read_report(report);
  const std::string context = describe(process, document);
  ASSERT_TRUE(document.is_object()) << context;
  EXPECT_EQ(process.exit_code, 3) << context;
  const auto tables = tables_by_name(document);
  ASSERT_EQ(tables.count("public.t_totals"), 1u) << context;
  EXPECT_EQ(tables.at("public.t").value("status", ""), "match") << context;
  const json &view = tables.at("public.t_totals");
  EXPECT_EQ(view.value("status", ""), "not_verified") << context;
  EXPECT_NE(view.value("reason", "").find("could not be run on the source"), std::string::npos)
      << context;
  EXPECT_NE(view.value("reason", "").find("bucket_of"), std::string::npos) << context;
  for (const auto &finding : document.value("findings", json::array())) {
    EXPECT_NE(finding.value("id", ""), "data.table_mismatch") << context;
  }
}
