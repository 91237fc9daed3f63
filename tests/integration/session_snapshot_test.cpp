// core::Session bound to a snapshot against a real server: it reads in its snapshot or not at
// all (after a failed statement, after its exporter ended), and the pinned settings hold in
// every transaction even when the session's own settings were reset (as a transaction-pooling
// proxy such as PgBouncer may do between transactions).
#include "core/error.hpp"
#include "core/session.hpp"
#include "core/snapshot_pool.hpp"
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace pgparity;
using pgparity::core::ConnectionString;
using pgparity::core::Session;

namespace {

ConnectionString scratch_url(const std::string &database) {
  return ConnectionString::parse("source", test::scratch_database("source", database));
}

// The settings a transaction of `session` reads with, as "name=value;…".
std::string settings_seen(Session &session) {
  const auto row =
      session
          .query("SELECT concat_ws(';', current_setting('TimeZone'), current_setting('DateStyle'),"
                 " current_setting('IntervalStyle'), current_setting('extra_float_digits'),"
                 " current_setting('bytea_output'), current_setting('lc_monetary'),"
                 " current_setting('search_path'), current_setting('row_security'),"
                 " current_setting('quote_all_identifiers'),"
                 " current_setting('lock_timeout'), current_setting('statement_timeout'),"
                 " 1234.5::money::text) AS s")
          .at(0);
  return row.text("s");
}

constexpr const char *k_pinned = "UTC;ISO, YMD;postgres;3;hex;C;\"\";off;off;2s;1min;$1,234.50";

// RESET ALL returns a connection's settings to the database's defaults, as a pooling proxy does
// when it hands a server connection to the next client. Pinned per transaction, they still hold
// in a transaction of the session's own and in its snapshot transaction.
TEST(SessionSnapshot, PinnedSettingsHoldInEveryTransactionAfterResetAll) {
  const auto url = scratch_url("session_reset_all");
  const std::string database = "ALTER DATABASE session_reset_all SET ";
  test::psql(url.libpq_text(),
             database + "TimeZone = 'America/New_York';" + database + "DateStyle = 'SQL, DMY';" +
                 database + "IntervalStyle = 'sql_standard';" + database +
                 "extra_float_digits = 0;" + database + "bytea_output = 'escape';" + database +
                 "lc_monetary = 'de_DE.UTF-8';" + database + "search_path = 'public';" + database +
                 "row_security = on;" + database + "quote_all_identifiers = on;");
  const core::SessionOptions options{.read_only = false,
                                     .statement_timeout = std::chrono::minutes{1},
                                     .lock_timeout = std::chrono::seconds{2}};
  Session session{url, options};
  EXPECT_EQ(settings_seen(session), k_pinned);
  session.query("RESET ALL"); // committed: the session's own settings are the database's now
  EXPECT_EQ(settings_seen(session), k_pinned);
  session.begin_snapshot();
  EXPECT_EQ(settings_seen(session), k_pinned);
  session.end_snapshot();
}

// A failed statement aborts a worker's snapshot transaction; the next statement adopts the same
// snapshot again (it still sees the rows as they were), not a transaction of its own.
TEST(SessionSnapshot, FailedStatementReadsOnInTheSameSnapshot) {
  const auto url = scratch_url("session_snapshot_failure");
  test::psql(url.libpq_text(), "CREATE TABLE public.t (i int); INSERT INTO public.t VALUES (1)");
  core::SnapshotPool pool{url, 1};
  test::psql(url.libpq_text(), "INSERT INTO public.t VALUES (2)");
  Session &worker = pool.session(0);
  EXPECT_THROW(worker.query("SELECT 1 / 0"), QueryError);
  EXPECT_EQ(worker.query("SELECT count(*) AS n FROM public.t").at(0).text("n"), "1");
  std::string copied;
  EXPECT_THROW(worker.copy_out("SELECT 1 / 0", [](std::string_view) {}), QueryError);
  worker.copy_out("SELECT count(*) FROM public.t", [&](std::string_view row) { copied = row; });
  EXPECT_EQ(copied, "1");
  pool.release_locks(0);
  EXPECT_EQ(worker.query("SELECT count(*) AS n FROM public.t").at(0).text("n"), "1");
}

// Once the exported snapshot cannot be adopted again (its exporter ended), a bound session
// refuses every read instead of running it outside the snapshot, until it is unbound.
TEST(SessionSnapshot, LostSnapshotRefusesEveryReadUntilEnded) {
  const auto url = scratch_url("session_snapshot_lost");
  test::psql(url.libpq_text(), "CREATE TABLE public.t (i int); INSERT INTO public.t VALUES (1)");
  Session exporter{url};
  exporter.begin_snapshot();
  const std::string id = exporter.export_snapshot();
  Session worker{url};
  worker.begin_snapshot(id);
  exporter.end_snapshot();
  test::psql(url.libpq_text(), "INSERT INTO public.t VALUES (2)");
  // The open transaction still reads in the snapshot.
  EXPECT_EQ(worker.query("SELECT count(*) AS n FROM public.t").at(0).text("n"), "1");
  try {
    worker.restart_snapshot();
    FAIL() << "adopted a snapshot whose exporter ended";
  } catch (const SnapshotLostError &e) {
    EXPECT_EQ(std::string{e.what()}.rfind("source: cannot return to the run's snapshot", 0), 0u)
        << e.what();
  }
  EXPECT_TRUE(worker.in_snapshot());
  EXPECT_THROW(worker.query("SELECT count(*) AS n FROM public.t"), SnapshotLostError);
  EXPECT_THROW(worker.copy_out("SELECT 1", [](std::string_view) {}), SnapshotLostError);
  worker.end_snapshot();
  EXPECT_EQ(worker.query("SELECT count(*) AS n FROM public.t").at(0).text("n"), "2");
}

} // namespace
