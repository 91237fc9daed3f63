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

ordered_json report(std::string status, ordered_json findings = ordered_json::array()) {
  return {{"tool", "pgparity"},
          {"report_version", 1},
          {"status", std::move(status)},
          {"finished_at", "2026-11-23T12:00:00Z"},
          {"findings", std::move(findings)},
          {"tables", ordered_json::array()}};
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
  const auto signed_report = with_digest(report("clean"), fake_digest);
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
  EXPECT_THROW(read_report(write("v2.json", with_digest(future, fake_digest).dump()), fake_digest),
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
  write_json(with_digest(document, content_digest), path);
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

  policy.waivers = {{"index.missing", "s.*", "dropped on purpose", "dba", "2026-12-31"}};
  auto waived = decide(failed, policy);
  EXPECT_TRUE(waived.passed);
  ASSERT_EQ(waived.applied_waivers.size(), 1u);
  EXPECT_NE(waived.applied_waivers[0].find("dropped on purpose (dba)"), std::string::npos);

  policy.waivers[0].expires = "2026-11-22"; // yesterday
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
  EXPECT_THROW(read_waivers(write("date.json", R"({"waivers": [{"id": "x", "reason": "r",
               "accepted_by": "a", "expires": "soon"}]})")),
               pgparity::ConfigError);
  EXPECT_EQ(parse_severity_override("index.extra=error"),
            (std::pair<std::string, Severity>{"index.extra", Severity::error}));
  EXPECT_THROW(parse_severity_override("index.extra"), pgparity::ConfigError);
  EXPECT_THROW(parse_severity("fatal"), pgparity::ConfigError);
}
