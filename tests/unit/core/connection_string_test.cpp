#include "core/connection_string.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

using pgparity::ConfigError;
using pgparity::core::ConnectionString;

namespace {

// PG* variables on the developer's machine must not leak into the expectations.
class ConnectionStringTest : public ::testing::Test {
protected:
  void SetUp() override {
    for (const char *name : {"PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE", "PGSSLMODE",
                             "PGCONNECT_TIMEOUT"}) {
      unsetenv(name);
    }
  }
};

TEST_F(ConnectionStringTest, RedactsUrlPassword) {
  auto url = ConnectionString::parse("source", "postgresql://app:s3cret@db.example.com:5433/shop");
  EXPECT_EQ(url.redacted(), "postgresql://app:***@db.example.com:5433/shop");
  EXPECT_EQ(url.side(), "source");
  EXPECT_EQ(url.redacted().find("s3cret"), std::string::npos);
}

TEST_F(ConnectionStringTest, KeepsSslModeAndDropsPasswordFromKeyValueForm) {
  auto url = ConnectionString::parse(
      "target",
      "host=rds.example.com port=5432 dbname=shop user=app password='p w' sslmode=require");
  EXPECT_EQ(url.redacted(), "postgresql://app:***@rds.example.com:5432/shop?sslmode=require");
}

TEST_F(ConnectionStringTest, ChildProgramsGetThePasswordOutsideTheConnectionString) {
  auto url = ConnectionString::parse(
      "source", "postgresql://app:p%27w%5Cd@db.example.com:5433/shop?sslmode=require");
  const auto child = url.for_child();
  EXPECT_EQ(child.password, "p'w\\d");
  EXPECT_EQ(child.conninfo.find("p'w"), std::string::npos) << child.conninfo;
  EXPECT_NE(child.conninfo.find("host='db.example.com'"), std::string::npos) << child.conninfo;
  EXPECT_NE(child.conninfo.find("sslmode='require'"), std::string::npos) << child.conninfo;
  EXPECT_NE(child.conninfo.find("connect_timeout='10'"), std::string::npos) << child.conninfo;
  const auto quoted = ConnectionString::parse("target", "dbname='it\\'s' user=app").for_child();
  EXPECT_EQ(quoted.password, "");
  EXPECT_NE(quoted.conninfo.find("dbname='it\\'s'"), std::string::npos) << quoted.conninfo;
}

TEST_F(ConnectionStringTest, HerokuStyleUrlWithQueryParameters) {
  auto url = ConnectionString::parse(
      "source", "postgres://u1:pw@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d9?sslmode=require");
  EXPECT_EQ(url.redacted(),
            "postgresql://u1:***@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d9?sslmode=require");
}

TEST_F(ConnectionStringTest, SocketDirectoryGoesToQuery) {
  auto url = ConnectionString::parse("database", "host=/var/run/postgresql dbname=app");
  EXPECT_EQ(url.redacted(), "postgresql:///app?host=%2Fvar%2Frun%2Fpostgresql");
}

TEST_F(ConnectionStringTest, EmptyStringTakesEnvironmentForDisplay) {
  setenv("PGHOST", "envhost", 1);
  setenv("PGDATABASE", "envdb", 1);
  auto url = ConnectionString::parse("database", "");
  EXPECT_EQ(url.redacted(), "postgresql://envhost/envdb");
}

TEST_F(ConnectionStringTest, AddsDefaultConnectTimeoutAndApplicationNameOnlyWhenUnset) {
  const std::string keepalives_url =
      "keepalives=1&keepalives_idle=60&keepalives_interval=10&keepalives_count=6";
  const std::string keepalives =
      "keepalives=1 keepalives_idle=60 keepalives_interval=10 keepalives_count=6";
  EXPECT_EQ(ConnectionString::parse("s", "postgresql://h/db").libpq_text(),
            "postgresql://h/db?connect_timeout=10&" + keepalives_url +
                "&fallback_application_name=pgparity");
  EXPECT_EQ(ConnectionString::parse("s", "postgresql://h/db?sslmode=disable").libpq_text(),
            "postgresql://h/db?sslmode=disable&connect_timeout=10&" + keepalives_url +
                "&fallback_application_name=pgparity");
  EXPECT_EQ(ConnectionString::parse("s", "host=h").libpq_text(),
            "host=h connect_timeout=10 " + keepalives + " fallback_application_name=pgparity");
  EXPECT_EQ(ConnectionString::parse("s", "host=h connect_timeout=3").libpq_text(),
            "host=h connect_timeout=3 " + keepalives + " fallback_application_name=pgparity");
  EXPECT_EQ(ConnectionString::parse("s", "").libpq_text(),
            "connect_timeout=10 " + keepalives + " fallback_application_name=pgparity");
  EXPECT_EQ(ConnectionString::parse("s", "postgresql://h/db").redacted(), "postgresql://h/db");
}

// A read from a server that vanished without closing the connection must end: every connection
// gets TCP keepalives, each setting only where the user's string leaves it out.
TEST_F(ConnectionStringTest, AddsTcpKeepalivesUnlessTheStringSetsThem) {
  const std::string defaulted = ConnectionString::parse("s", "host=h").libpq_text();
  for (const char *option :
       {"keepalives=1", "keepalives_idle=60", "keepalives_interval=10", "keepalives_count=6"}) {
    EXPECT_NE(defaulted.find(option), std::string::npos) << option << " in " << defaulted;
  }
  EXPECT_EQ(ConnectionString::parse("s", "host=h keepalives=0").libpq_text(),
            "host=h keepalives=0 connect_timeout=10 keepalives_idle=60 keepalives_interval=10 "
            "keepalives_count=6 fallback_application_name=pgparity");
  EXPECT_EQ(
      ConnectionString::parse("s", "postgresql://h/db?keepalives_idle=5&keepalives_count=2")
          .libpq_text(),
      "postgresql://h/db?keepalives_idle=5&keepalives_count=2&connect_timeout=10&keepalives=1&"
      "keepalives_interval=10&fallback_application_name=pgparity");
  // The child programs (pg_dump, pg_restore) get them too; the displayed URL does not.
  const auto child = ConnectionString::parse("s", "host=h").for_child();
  EXPECT_NE(child.conninfo.find("keepalives_idle='60'"), std::string::npos) << child.conninfo;
  EXPECT_EQ(ConnectionString::parse("s", "host=h").redacted(), "postgresql://h/");
}

TEST_F(ConnectionStringTest, MalformedStringIsConfigErrorWithoutPassword) {
  try {
    ConnectionString::parse("source", "postgresql://app:topsecret@host:5432/db?bogus=1");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError &e) {
    std::string message = e.what();
    EXPECT_EQ(message.rfind("source: malformed connection string", 0), 0u) << message;
    EXPECT_EQ(message.find("topsecret"), std::string::npos) << message;
    EXPECT_FALSE(e.hint().empty());
  }
}

TEST_F(ConnectionStringTest, UnknownKeywordIsConfigError) {
  EXPECT_THROW(ConnectionString::parse("target", "hots=localhost password=x"), ConfigError);
}

} // namespace
