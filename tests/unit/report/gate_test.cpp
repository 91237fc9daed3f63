#include "core/error.hpp"
#include "report/audit_report.hpp"
#include "report/gate.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

using namespace pgparity::report;
using nlohmann::ordered_json;

namespace {

std::string fake_digest(std::string_view text) { return "len:" + std::to_string(text.size()); }

ordered_json whole_scope() {
  return {{"checks", {"structure", "data"}},
          {"include", ordered_json::array()},
          {"exclude", ordered_json::array()},
          {"partial", false},
          {"partial_reason", ""},
          {"severity_overrides", ordered_json::object()},
          {"ignored_columns", ordered_json::array()}};
}

ordered_json report(std::string status, ordered_json findings = ordered_json::array()) {
  return {{"tool", "pgparity"},
          {"report_version", 1},
          {"status", std::move(status)},
          {"finished_at", "2026-11-23T12:00:00Z"},
          {"scope", whole_scope()},
          {"findings", std::move(findings)},
          {"tables", ordered_json::array()}};
}

// A stand-in signature: the key and the text's length (the real HMAC is tested in hashing/).
Signer fake_signer(std::string key) {
  return [key](std::string_view text) { return key + ":" + std::to_string(text.size()); };
}
Verifier fake_verifier(std::string key) {
  return [key](std::string_view text, std::string_view signature) {
    return signature == key + ":" + std::to_string(text.size());
  };
}

ordered_json finding(std::string id, std::string severity, std::string object = "s.t") {
  return {{"id", std::move(id)},
          {"severity", std::move(severity)},
          {"object", std::move(object)},
          {"message", "m"}};
}

std::chrono::system_clock::time_point at(int hour) {
  return std::chrono::system_clock::from_time_t(1795420800 + hour * 3600); // 2026-11-23 08:00
}

std::string write(const std::string &name, const std::string &text) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream{path} << text;
  return path;
}

} // namespace

TEST(Gate, ReadsBackOnlyWhatPgparityWroteUnchanged) {
  const auto signed_report = seal(report("clean"), fake_digest);
  EXPECT_EQ(read_report(write("ok.json", signed_report.dump(2)), fake_digest)["status"], "clean");

  std::string text = signed_report.dump(2);
  EXPECT_THROW(read_report(write("cut.json", text.substr(0, text.size() / 2)), fake_digest),
               pgparity::ConfigError);
  auto edited = signed_report;
  edited["status"] = "clean ";
  EXPECT_THROW(read_report(write("edited.json", edited.dump()), fake_digest),
               pgparity::ConfigError);
  auto future = report("clean");
  future["report_version"] = 2;
  EXPECT_THROW(read_report(write("v2.json", seal(future, fake_digest).dump()), fake_digest),
               pgparity::ConfigError);
  EXPECT_THROW(read_report(write("unsigned.json", report("clean").dump()), fake_digest),
               pgparity::ConfigError);
  EXPECT_THROW(read_report(::testing::TempDir() + "/no-such-report.json", fake_digest),
               pgparity::ConfigError);
}

TEST(Gate, ReportWithInvalidUtf8ReadsBack) {
  // A value from a SQL_ASCII database need not be UTF-8: written and read back, same digest.
  const auto content_digest = [](std::string_view text) {
    return std::to_string(std::hash<std::string_view>{}(text));
  };
  auto document = report("failed", ordered_json::array({finding("data.row_changed", "error")}));
  document["findings"][0]["message"] = "value caf\xe9 differs";
  const std::string path = ::testing::TempDir() + "/latin1.json";
  write_json(seal(document, content_digest), path);
  EXPECT_EQ(read_report(path, content_digest)["findings"][0]["message"], "value caf\uFFFD differs");
}

TEST(Gate, DecisionRules) {
  GatePolicy policy;
  policy.now = at(5); // 13:00, an hour after the report finished
  EXPECT_TRUE(decide(report("clean"), policy).passed);

  const auto failed =
      report("failed", {finding("index.missing", "error"), finding("index.extra", "info")});
  auto closed = decide(failed, policy);
  EXPECT_FALSE(closed.passed);
  ASSERT_EQ(closed.reasons.size(), 1u);
  EXPECT_NE(closed.reasons[0].find("index.missing"), std::string::npos);

  EXPECT_FALSE(decide(report("incomplete"), policy).passed);

  policy.max_age = std::chrono::minutes{30};
  EXPECT_FALSE(decide(report("clean"), policy).passed); // an hour old
  policy.max_age = std::chrono::hours{2};
  EXPECT_TRUE(decide(report("clean"), policy).passed);

  policy.waivers = {
      {"index.missing", "s.*", "dropped on purpose", "dba", parse_iso_date("2026-12-31")}};
  auto waived = decide(failed, policy);
  EXPECT_TRUE(waived.passed);
  ASSERT_EQ(waived.applied_waivers.size(), 1u);
  EXPECT_NE(waived.applied_waivers[0].find("dropped on purpose (dba)"), std::string::npos);

  policy.waivers[0].expires = parse_iso_date("2026-11-23"); // today: still applies
  EXPECT_TRUE(decide(failed, policy).passed);
  policy.waivers[0].expires = parse_iso_date("2026-11-22"); // yesterday
  auto expired = decide(failed, policy);
  EXPECT_FALSE(expired.passed);
  EXPECT_EQ(expired.expired_waivers.size(), 1u);

  policy.waivers.clear();
  policy.fail_on = Severity::info;
  EXPECT_FALSE(decide(report("clean", {finding("index.extra", "info")}), policy).passed);
}

TEST(Gate, WaiversFileAndSeverityWords) {
  const auto path = write("waivers.json", R"({"waivers": [
    {"id": "index.extra", "object": "public.*", "reason": "reporting index",
     "accepted_by": "ana", "expires": "2027-01-31"}]})");
  const auto waivers = read_waivers(path);
  ASSERT_EQ(waivers.size(), 1u);
  EXPECT_EQ(waivers[0].object, "public.*");
  EXPECT_THROW(read_waivers(write("bad.json", R"({"waivers": [{"id": "x"}]})")),
               pgparity::ConfigError);
  EXPECT_THROW(read_waivers(write("date.json", R"({"waivers": [{"id": "x", "object": "*",
               "reason": "r", "accepted_by": "a", "expires": "soon"}]})")),
               pgparity::ConfigError);
  EXPECT_EQ(parse_severity_override("index.extra=error"),
            (std::pair<std::string, Severity>{"index.extra", Severity::error}));
  EXPECT_THROW(parse_severity_override("index.extra"), pgparity::ConfigError);
  EXPECT_THROW(parse_severity("fatal"), pgparity::ConfigError);
}

TEST(Gate, ExpiryDatesAreStrictIsoDates) {
  EXPECT_TRUE(parse_iso_date("2026-01-05"));
  EXPECT_EQ(iso_date(*parse_iso_date("2026-01-05")), "2026-01-05");
  for (const char *bad : {"2026-1-5", "2026-01-5", "2026-02-30", "2026-13-01", "26-01-05",
                          "2026-01-05T00:00:00Z", " 2026-01-05", ""}) {
    EXPECT_FALSE(parse_iso_date(bad)) << bad;
  }
  const auto path = write("unpadded.json", R"({"waivers": [{"id": "index.extra", "object": "*",
      "reason": "r", "accepted_by": "a", "expires": "2026-1-5"}]})");
  try {
    read_waivers(path);
    FAIL() << "an unpadded date was accepted";
  } catch (const pgparity::ConfigError &e) {
    EXPECT_NE(std::string{e.what()}.find(path + ": waiver 1 (index.extra)"), std::string::npos)
        << e.what();
  }
  // Compared as dates: 2026-10-01 is after 2026-09-30 (a string comparison agrees only when
  // both are padded, which is why unpadded ones are refused).
  Waiver waiver{"x", "*", "r", "a", parse_iso_date("2026-10-01")};
  EXPECT_FALSE(expired(waiver, *parse_iso_date("2026-09-30")));
  EXPECT_FALSE(expired(waiver, *parse_iso_date("2026-10-01")));
  EXPECT_TRUE(expired(waiver, *parse_iso_date("2026-10-02")));
}

TEST(Gate, WaiverWithoutObjectIsRefused) {
  EXPECT_THROW(read_waivers(write("bare.json", R"({"waivers": [{"id": "index.missing",
      "reason": "r", "accepted_by": "a"}]})")),
               pgparity::ConfigError);
  EXPECT_EQ(read_waivers(write("star.json", R"({"waivers": [{"id": "index.missing",
      "object": "*", "reason": "r", "accepted_by": "a"}]})"))[0]
                .object,
            "*");
}

TEST(Gate, NarrowedScopeIsRefusedUnlessAccepted) {
  GatePolicy policy;
  policy.now = at(5);
  const auto narrowed = [](const char *field, ordered_json value) {
    auto document = report("clean");
    document["scope"][field] = std::move(value);
    return document;
  };
  const std::vector<std::pair<ordered_json, std::string>> cases{
      {narrowed("checks", {"data"}), "data-only"},
      {narrowed("include", {"public.*"}), "filtered"},
      {narrowed("exclude", {"audit.*"}), "filtered"},
      {narrowed("partial", true), "partial"},
      {narrowed("severity_overrides", {{"index.missing", "info"}}), "overrides"},
      {narrowed("ignored_columns", {"public.t.stamped_at"}), "ignored-columns"}};
  for (const auto &[document, name] : cases) {
    const auto refused = decide(document, policy);
    EXPECT_FALSE(refused.passed) << name;
    ASSERT_EQ(refused.reasons.size(), 1u) << name;
    EXPECT_NE(refused.reasons[0].find("--accept-scope " + name), std::string::npos)
        << refused.reasons[0];
    GatePolicy accepting = policy;
    accepting.accepted_scope = {name};
    const auto accepted = decide(document, accepting);
    EXPECT_TRUE(accepted.passed) << name;
    EXPECT_EQ(accepted.accepted_scope.size(), 1u) << name;
  }
  // A report without a scope (an older pgparity) covers an unknown scope: refused, always.
  auto old = report("clean");
  old.erase("scope");
  policy.accepted_scope = {"data-only", "filtered", "partial", "overrides"};
  EXPECT_FALSE(decide(old, policy).passed);
}

TEST(Gate, DefaultMaxAgeIsADay) {
  GatePolicy policy;
  policy.now = at(4 + 25); // a day and an hour after the report finished
  const auto stale = decide(report("clean"), policy);
  EXPECT_FALSE(stale.passed);
  ASSERT_EQ(stale.reasons.size(), 1u);
  EXPECT_NE(stale.reasons[0].find("too old"), std::string::npos);
  policy.max_age.reset();
  EXPECT_TRUE(decide(report("clean"), policy).passed);
}

TEST(Gate, SignatureRequiredWhenAVerifierIsGiven) {
  const auto sealed = seal(report("clean"), fake_digest, fake_signer("key-a"));
  const auto path = write("sealed.json", sealed.dump(2));
  EXPECT_EQ(read_report(path, fake_digest, fake_verifier("key-a"))["status"], "clean");
  EXPECT_EQ(read_report(path, fake_digest)["status"], "clean"); // digest only, still readable
  EXPECT_THROW(read_report(path, fake_digest, fake_verifier("key-b")), pgparity::ConfigError);
  const auto unsigned_path = write("digest-only.json", seal(report("clean"), fake_digest).dump());
  EXPECT_THROW(read_report(unsigned_path, fake_digest, fake_verifier("key-a")),
               pgparity::ConfigError);
  // Edited, then its digest recomputed (anyone can): the signature no longer matches.
  auto edited = sealed;
  edited["status"] = "cleaner";
  edited = seal(edited, fake_digest); // drops the signature: as a forger without the key would
  edited["signature"] = sealed["signature"];
  EXPECT_THROW(
      read_report(write("forged.json", edited.dump()), fake_digest, fake_verifier("key-a")),
      pgparity::ConfigError);
}

TEST(Gate, ThousandsOfUnverifiedTablesAreNamedBriefly) {
  auto document = report("incomplete");
  document["incomplete_reasons"] = {"2000 tables not verified: target: snapshot lost (e.g. …)"};
  for (int i = 0; i < 2000; ++i) {
    document["tables"].push_back({{"name", "s.t" + std::to_string(i)}, {"status", "not_verified"}});
  }
  GatePolicy policy;
  policy.max_age.reset();
  const auto decision = decide(document, policy);
  ASSERT_FALSE(decision.passed);
  ASSERT_EQ(decision.reasons.size(), 1u) << decision.reasons.back();
  EXPECT_NE(decision.reasons[0].find("s.t4 not verified"), std::string::npos);
  EXPECT_EQ(decision.reasons[0].find("s.t5 not verified"), std::string::npos);
  EXPECT_NE(decision.reasons[0].find("and 1995 more tables not verified"), std::string::npos);
  EXPECT_LT(decision.reasons[0].size(), 400u);
}

// A coverage row left not compared makes the report incomplete, and the gate names the class;
// out of scope and skipped rows do not close it (skipped ones are judged by the report's scope).
TEST(Gate, CoverageLeftNotComparedIsRefusedAndNamed) {
  AuditReport written;
  written.finished_at = at(4);
  written.coverage = {{"tables", 2, 2, CoverageState::compared, "every row"},
                      {"subscriptions", 1, 1, CoverageState::out_of_scope, "cutover plan"},
                      {"rules", 0, 0, CoverageState::not_compared, "not compared"}};
  GatePolicy policy;
  policy.now = at(5);
  const auto clean = to_json(written);
  EXPECT_EQ(clean["status"], "clean") << clean.dump(2);
  EXPECT_TRUE(decide(clean, policy).passed) << clean.dump(2);

  written.coverage.back().target = 1; // a rule only on the target, never compared
  const auto incomplete = to_json(written);
  EXPECT_EQ(incomplete["status"], "incomplete") << incomplete.dump(2);
  const auto refused = decide(incomplete, policy);
  ASSERT_FALSE(refused.passed);
  ASSERT_EQ(refused.reasons.size(), 1u);
  EXPECT_NE(refused.reasons[0].find("; rules not compared"), std::string::npos)
      << refused.reasons[0];

  // named once when the report's own reasons name the class already (as audit writes them)
  written.incomplete_reasons = {"rules (0 on the source, 1 on the target) not compared: why"};
  const auto named = decide(to_json(written), policy);
  ASSERT_EQ(named.reasons.size(), 1u);
  EXPECT_EQ(named.reasons[0].find("; rules not compared"), std::string::npos) << named.reasons[0];
  EXPECT_NE(named.reasons[0].find("; rules (0 on the source"), std::string::npos)
      << named.reasons[0];

  // a document claiming clean while its coverage leaves objects unverified is refused too
  auto forged = incomplete;
  forged["status"] = "clean";
  const auto contradicted = decide(forged, policy);
  ASSERT_FALSE(contradicted.passed);
  EXPECT_NE(contradicted.reasons.back().find("coverage leaves rules not compared"),
            std::string::npos)
      << contradicted.reasons.back();
}
