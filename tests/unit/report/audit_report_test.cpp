#include "core/error.hpp"
#include "report/audit_report.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

using namespace pgparity::report;

namespace {

AuditReport report_with(std::vector<Finding> findings, std::vector<TableResult> tables) {
  AuditReport report;
  report.source = {"postgresql://app:***@src/db", "15.4"};
  report.target = {"postgresql://app:***@dst/db", "16.1"};
  report.findings = std::move(findings);
  report.tables = std::move(tables);
  return report;
}

} // namespace

TEST(AuditReport, VerdictRules) {
  EXPECT_EQ(report_with({}, {{.name = "s.t"}}).status(), Status::clean);
  EXPECT_EQ(report_with({make_finding("tables", "table.extra_on_target", "s.x", "m")}, {}).status(),
            Status::clean); // a warning does not fail by default
  auto strict = report_with({make_finding("tables", "table.extra_on_target", "s.x", "m")}, {});
  strict.fail_on = Severity::warning;
  strict.finished_at = std::chrono::system_clock::now();
  EXPECT_EQ(strict.status(), Status::failed);
  strict.waivers = {{"table.extra_on_target", "s.*", "kept on purpose", "dba"}};
  EXPECT_EQ(strict.status(), Status::clean); // a waived finding does not fail
  strict.waivers[0].expires = parse_iso_date("2000-01-01");
  EXPECT_EQ(strict.status(), Status::failed); // an expired waiver no longer applies
  EXPECT_EQ(report_with({make_finding("data", "data.row_changed", "s.t", "m")}, {}).status(),
            Status::failed);
  EXPECT_EQ(report_with({make_finding("data", "data.row_changed", "s.t", "m")},
                        {{.name = "s.u", .status = TableStatus::not_verified}})
                .status(),
            Status::incomplete); // unverified beats failed: never clean, never just "failed"
}

TEST(AuditReport, VerdictLineNeverSaysAllMatchUnderAWaiver) {
  auto report = report_with({make_finding("data", "data.row_changed", "s.t", "m")},
                            {{.name = "s.t", .status = TableStatus::mismatch}, {.name = "s.u"}});
  report.finished_at = std::chrono::system_clock::now();
  report.waivers = {{"data.row_changed", "s.t", "known drift", "dba"}};
  ASSERT_EQ(report.status(), Status::clean);
  const std::string line = verdict_line(report);
  EXPECT_EQ(line.find("all match"), std::string::npos) << line;
  EXPECT_EQ(line, "CLEAN: 2 tables compared, 1 match, 1 differ under waivers; no unwaived errors");
}

// A table only on the target (a warning) fails nothing, and no waiver is involved: the verdict
// line says so instead of "under waivers" (review finding 9); likewise a --severity override.
TEST(AuditReport, VerdictLineSaysWhyDifferingTablesLeaveItClean) {
  auto extra =
      report_with({make_finding("tables", "table.extra_on_target", "s.x", "m")},
                  {{.name = "s.t"}, {.name = "s.x", .status = TableStatus::extra_on_target}});
  extra.finished_at = std::chrono::system_clock::now();
  ASSERT_EQ(extra.status(), Status::clean);
  EXPECT_EQ(verdict_line(extra),
            "CLEAN: 2 tables compared, 1 match, 1 only on the target (warning); no errors");

  auto overridden =
      report_with({make_finding("data", "data.table_mismatch", "s.t", "m")},
                  {{.name = "s.t", .status = TableStatus::mismatch}, {.name = "s.u"}});
  overridden.finished_at = std::chrono::system_clock::now();
  overridden.scope.severity_overrides = {{"data.table_mismatch", Severity::warning}};
  apply_severity_overrides(overridden.findings, overridden.scope.severity_overrides);
  ASSERT_EQ(overridden.status(), Status::clean);
  EXPECT_EQ(verdict_line(overridden),
            "CLEAN: 2 tables compared, 1 match, 1 differ under --severity overrides; no errors");

  overridden.findings.push_back(extra.findings[0]);
  overridden.tables.push_back(extra.tables[1]);
  overridden.waivers = {{"data.table_mismatch", "s.t", "known drift", "dba"}};
  EXPECT_EQ(verdict_line(overridden), "CLEAN: 3 tables compared, 1 match, 1 differ under waivers, "
                                      "1 only on the target (warning); no unwaived errors");
}

TEST(AuditReport, MaterializedViewsStaleOrNotCompared) {
  auto views = report_with(
      {make_finding("data", "matview.stale_on_source", "s.stale", "m")},
      {{.name = "s.cold",
        .kind = "materialized_view",
        .status = TableStatus::not_compared,
        .reason = "not populated on either side: contents not compared"},
       {.name = "s.stale", .kind = "materialized_view", .status = TableStatus::mismatch},
       {.name = "s.t"}});
  views.finished_at = std::chrono::system_clock::now();
  EXPECT_EQ(views.findings[0].severity, Severity::warning);
  ASSERT_EQ(views.status(), Status::clean); // not compared is not unverified: nothing failed
  EXPECT_EQ(verdict_line(views), "CLEAN: 3 tables compared, 1 match, 1 differ (warning), 1 not "
                                 "compared (no finding); no errors");
  const auto json = to_json(views);
  EXPECT_EQ(json["tables"][0]["kind"], "materialized_view");
  EXPECT_EQ(json["tables"][0]["status"], "not_compared");
  EXPECT_EQ(json["tables"][0]["reason"], "not populated on either side: contents not compared");
  EXPECT_FALSE(json["tables"][2].contains("kind")); // a table
}

TEST(AuditReport, JsonRecordsTheScope) {
  auto report = report_with({}, {{.name = "s.t"}});
  report.scope.checks = {"data"};
  report.scope.include = {"s.*"};
  report.scope.severity_overrides = {{"index.extra", Severity::info}};
  const auto json = to_json(report);
  EXPECT_EQ(json["scope"]["checks"], nlohmann::ordered_json::array({"data"}));
  EXPECT_EQ(json["scope"]["include"], nlohmann::ordered_json::array({"s.*"}));
  EXPECT_EQ(json["scope"]["partial"], false);
  EXPECT_EQ(json["scope"]["severity_overrides"]["index.extra"], "info");
  EXPECT_NE(render_summary(report).find("narrowed scope: no structure checks; --include s.*; "
                                        "--severity index.extra=info"),
            std::string::npos)
      << render_summary(report);
}

TEST(AuditReport, JsonHasTheContractFields) {
  auto report = report_with(
      {make_finding("data", "data.row_changed", "s.t", "row id=1 differs", {{"columns", {"v"}}})},
      {{.name = "s.t",
        .status = TableStatus::mismatch,
        .key = std::vector<std::string>{"id"},
        .rows_source = 3,
        .rows_target = 3,
        .chunks = 1,
        .mismatched_chunks = 1,
        .examples = {{"changed", Values{{"id", "1"}}, {"v"}, 1, {}, {}}}}});
  auto json = to_json(report);
  EXPECT_EQ(json["tool"], "pgparity");
  EXPECT_EQ(json["report_version"], 1);
  EXPECT_EQ(json["status"], "failed");
  EXPECT_EQ(json["source"]["url"], "postgresql://app:***@src/db");
  EXPECT_EQ(json["findings"][0]["severity"], "error");
  EXPECT_EQ(json["findings"][0]["object"], "s.t");
  EXPECT_EQ(json["tables"][0]["status"], "mismatch");
  EXPECT_EQ(json["tables"][0]["examples"][0]["key"]["id"], "1");
  EXPECT_TRUE(json["tables"][0]["examples"][0]["source"].is_null());
}

TEST(AuditReport, WritesAtomicallyAndSummaryStartsWithVerdict) {
  auto report = report_with({}, {{.name = "s.t"}});
  const std::string path = ::testing::TempDir() + "/pgparity_report_test.json";
  write_json(to_json(report), path);
  std::ifstream in{path};
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "{");
  std::remove(path.c_str());
  EXPECT_EQ(render_summary(report).rfind("CLEAN: 1 tables compared", 0), 0u);
  EXPECT_THROW(write_json(to_json(report), "/nonexistent-dir/x.json"), pgparity::ConfigError);
}

TEST(AuditReport, MarkdownAndHtmlShowTheMigrationSection) {
  auto report = report_with({}, {{.name = "s.t"}});
  report.command = "migrate";
  report.sections["migrate"] = {
      {"rehearsal", true},
      {"phases", {{{"phase", "dump"}, {"status", "completed"}, {"seconds", 1.5}}}},
      {"projected_downtime_seconds", 4.25},
      {"cutover", "not run: rehearsal"},
      {"post_restore", {"ANALYZE"}}};
  const std::string text = render_markdown(report);
  EXPECT_EQ(text.rfind("# pgparity migrate: clean\n", 0), 0u) << text;
  EXPECT_NE(text.find("| dump | completed | 1.50 |"), std::string::npos) << text;
  EXPECT_NE(text.find("Projected downtime (dump, restore, post-restore, verify): 4.2s (rehearsal)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("- ran on the target: `ANALYZE`"), std::string::npos) << text;
  EXPECT_EQ(to_json(report)["migrate"]["projected_downtime_seconds"], 4.25);
  const std::string page = render_html(report);
  EXPECT_NE(page.find("<td>dump</td><td>completed</td><td class=\"num\">1.50</td>"),
            std::string::npos);
  EXPECT_NE(page.find("Cutover: not run: rehearsal."), std::string::npos);
}
