// Connection failures are classified by cause: how far the attempt got and the SQLSTATE a
// refusing server sent, never by words in the message.
#include "core/connect.hpp"
#include "core/error.hpp"

#include <gtest/gtest.h>

using namespace pgparity;
using core::connect_failure_kind;
using core::ConnectAttempt;

TEST(ConnectFailure, RefusalsTheUserMustFixAreConfigurationErrors) {
  for (const char *state : {"28P01", "28000", "3D000", "42501", "55000"}) {
    EXPECT_EQ(connect_failure_kind({.server_answered = true, .sqlstate = state}), ErrorKind::config)
        << state;
  }
}

TEST(ConnectFailure, TransientRefusalsAreIncomplete) {
  for (const char *state : {"53300", "57P03", "08P01", "XX000"}) {
    EXPECT_EQ(connect_failure_kind({.server_answered = true, .sqlstate = state}),
              ErrorKind::connection)
        << state;
  }
}

TEST(ConnectFailure, NoAnswerIsIncompleteWhateverTheWording) {
  EXPECT_EQ(connect_failure_kind({}), ErrorKind::connection);
  EXPECT_EQ(connect_failure_kind({.server_answered = true, .timed_out = true}),
            ErrorKind::connection);
}

TEST(ConnectFailure, AnAnswerWithoutStateIsAConfigurationError) {
  // e.g. sslmode=require against a server without TLS, a certificate that does not verify
  EXPECT_EQ(connect_failure_kind({.server_answered = true}), ErrorKind::config);
}

TEST(ConnectFailure, SqlstateIsReadFromVerboseText) {
  EXPECT_EQ(core::sqlstate_in_connect_error(
                "connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  28P01: "
                "password authentication failed for user \"app\"\nLOCATION:  auth_failed\n"),
            "28P01");
  EXPECT_EQ(core::sqlstate_in_connect_error("could not translate host name \"ssl.invalid\" to "
                                            "address: Name or service not known\n"),
            "");
  // Several hosts tried: the last refusal counts.
  EXPECT_EQ(core::sqlstate_in_connect_error("… failed: FATAL:  57P03: the database system is "
                                            "starting up\n… failed: FATAL:  3D000: database "
                                            "\"x\" does not exist\n"),
            "3D000");
}

TEST(ConnectFailure, OnceStartedTurnsARefusalIntoIncomplete) {
  try {
    once_started([]() -> int { throw ConfigError("target: cannot connect: password changed"); });
    FAIL() << "no exception";
  } catch (const Error &e) {
    EXPECT_EQ(e.kind(), ErrorKind::connection);
    EXPECT_NE(std::string{e.what()}.find("after the run had started"), std::string::npos);
  }
}
