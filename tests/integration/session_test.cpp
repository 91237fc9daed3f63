// core::Session and core::SnapshotPool against a real server: canonical settings, read-only
// enforcement, one snapshot across a pool, errors carrying side and sqlstate.
#include "core/error.hpp"
#include "core/session.hpp"
#include "core/snapshot_pool.hpp"
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>

using namespace pgparity;
using pgparity::core::ConnectionString;
using pgparity::core::Session;

namespace {

ConnectionString source_url(const std::string &database) {
  return ConnectionString::parse("source", test::scratch_database("source", database));
}

TEST(Session, PinsCanonicalSettingsWhateverTheDatabaseDefaults) {
  auto url = source_url("session_settings");
  test::psql(url.libpq_text(), "ALTER DATABASE session_settings SET TimeZone = 'America/New_York';"
                               "ALTER DATABASE session_settings SET DateStyle = 'SQL, DMY';"
                               "ALTER DATABASE session_settings SET IntervalStyle = 'sql_standard';"
                               "ALTER DATABASE session_settings SET extra_float_digits = -3;"
                               "ALTER DATABASE session_settings SET bytea_output = 'escape';"
                               "ALTER DATABASE session_settings SET search_path = 'nowhere';");
  Session session{url};
  auto row = session
                 .query("SELECT '2024-01-02 03:04:05.123456+00'::timestamptz::text AS ts,"
                        " '2024-01-02'::date::text AS d, 0.1::float8::text AS f,"
                        " '\\x01ff'::bytea::text AS b, interval '1 day 2 hours'::text AS i,"
                        " current_setting('search_path') AS path,"
                        " current_setting('application_name') AS app")
                 .at(0);
  EXPECT_EQ(row.text("ts"), "2024-01-02 03:04:05.123456+00");
  EXPECT_EQ(row.text("d"), "2024-01-02");
  EXPECT_EQ(row.text("f"), "0.1");
  EXPECT_EQ(row.text("b"), "\\x01ff");
  EXPECT_EQ(row.text("i"), "1 day 02:00:00");
  EXPECT_EQ(row.text("path"), "\"\"");
  EXPECT_EQ(row.text("app"), "pgparity");
}

TEST(Session, RefusesWritesByDefault) {
  Session session{source_url("session_read_only")};
  try {
    session.query("CREATE TABLE must_not_exist (i int)");
    FAIL() << "a read-only session wrote";
  } catch (const QueryError &e) {
    EXPECT_EQ(e.sqlstate(), "25006") << e.what();
    EXPECT_EQ(std::string{e.what()}.rfind("source: query failed", 0), 0u) << e.what();
  }
}

TEST(Session, WritableSessionCommits) {
  auto url = source_url("session_writable");
  Session writer{url, core::SessionOptions{.read_only = false}};
  writer.execute("CREATE TABLE public.t (i int); INSERT INTO public.t VALUES (1)");
  EXPECT_EQ(test::psql_value(url.libpq_text(), "SELECT count(*) FROM t"), "1");
}

TEST(Session, PermissionDeniedNamesSideAndSqlstate) {
  auto admin = source_url("session_permission");
  test::psql(admin.libpq_text(), "CREATE TABLE secret (i int); INSERT INTO secret VALUES (1)");
  std::string reader_url = admin.libpq_text();
  reader_url = test::with_user(reader_url, "pgparity_reader");
  Session reader{ConnectionString::parse("source", reader_url)};
  try {
    reader.query("SELECT * FROM public.secret", {}, "public.secret");
    FAIL() << "expected permission denied";
  } catch (const QueryError &e) {
    EXPECT_EQ(e.sqlstate(), "42501") << e.what();
    EXPECT_NE(std::string{e.what()}.find("(public.secret)"), std::string::npos) << e.what();
    EXPECT_FALSE(e.hint().empty());
  }
}

TEST(Session, ParametersAndQuoting) {
  Session session{source_url("session_params")};
  auto rows = session.query("SELECT $1::text AS a, $2::int + 1 AS b", {"it's", "41"});
  EXPECT_EQ(rows.at(0).text("a"), "it's");
  EXPECT_EQ(rows.at(0).integer("b"), 42);
  EXPECT_EQ(session.quote_name("Order Items"), "\"Order Items\"");
  EXPECT_EQ(session.quote_name("plain"), "\"plain\""); // libpq always quotes
  EXPECT_GE(session.server_version_num(), 120000);
}

TEST(SnapshotPool, EverySessionSeesTheSameInstant) {
  auto url = source_url("snapshot_pool");
  test::psql(url.libpq_text(), "CREATE TABLE t (i int); INSERT INTO t VALUES (1)");
  core::SnapshotPool pool{url, 3};
  EXPECT_FALSE(pool.snapshot_id().empty());
  test::psql(url.libpq_text(), "INSERT INTO t VALUES (2)"); // after the snapshot
  for (std::size_t i = 0; i < pool.size(); ++i) {
    EXPECT_EQ(pool.session(i).query("SELECT count(*) AS n FROM public.t").at(0).integer("n"), 1)
        << "session " << i;
  }
  Session fresh{url};
  EXPECT_EQ(fresh.query("SELECT count(*) AS n FROM public.t").at(0).integer("n"), 2);
}

} // namespace
