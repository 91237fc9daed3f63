#include "report/audit_report.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace pgparity::report;

namespace {

std::size_t occurrences(const std::string &text, const std::string &needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

AuditReport failed_report() {
  AuditReport report;
  report.source = {"postgresql://app:***@src/db?x=1&y=2", "15.4"};
  report.target = {"postgresql://app:***@dst/db", "16.1"};
  report.finished_at = std::chrono::system_clock::now();
  report.findings = {
      make_finding("data", "data.row_changed", "s.<script>alert(1)</script>",
                   "row id=1 & \"v\" differs: 'x' < 'y'", {{"columns", {"<b>v</b>"}}}),
      make_finding("tables", "table.extra_on_target", "s.kept", "only on the target"),
      make_finding("indexes", "index.extra", "s.kept_idx", "only on the target"),
      make_finding("columns", "column.missing_on_target", "s.ok.c", "only on the source")};
  report.waivers = {{"table.extra_on_target", "s.*", "kept on purpose <ops>", "dba"}};
  report.tables = {{.name = "s.<script>alert(1)</script>",
                    .status = TableStatus::mismatch,
                    .rows_source = 3,
                    .rows_target = 3,
                    .chunks = 1,
                    .mismatched_chunks = 1,
                    .examples = {{"changed", Values{{"id", "1"}}, {"v"}, 1, {}, {}}}},
                   {.name = "s.ok", .rows_source = 10, .rows_target = 10, .chunks = 1},
                   {.name = "s.kept", .status = TableStatus::extra_on_target}};
  report.timings = {{"catalogs", 0.25}, {"data", 1.5}};
  return report;
}

} // namespace

TEST(AuditHtml, VerdictComesBeforeTheFindings) {
  const std::string html = render_html(failed_report());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  const auto verdict = html.find("<p id=\"verdict\" class=\"failed\">FAILED: 1 of 3 tables match");
  ASSERT_NE(verdict, std::string::npos) << html;
  const auto findings = html.find("id=\"findings\"");
  ASSERT_NE(findings, std::string::npos);
  EXPECT_LT(verdict, findings);
  // By severity (errors, warnings, info), then by check in check-name order.
  const std::vector<std::string> order{"Errors (2)",          "<h4>columns (1)</h4>",
                                       "<h4>data (1)</h4>",   "Warnings (1)",
                                       "<h4>tables (1)</h4>", "Info (1)",
                                       "<h4>indexes (1)</h4>"};
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto at = html.find(order[i]);
    ASSERT_NE(at, std::string::npos) << order[i];
    if (i > 0) {
      EXPECT_LT(html.find(order[i - 1]), at) << order[i];
    }
  }
  EXPECT_NE(html.find("catalogs</td><td class=\"num\">0.25</td>"), std::string::npos); // timings
}

TEST(AuditHtml, EscapesEverythingFromTheDatabase) {
  const std::string html = render_html(failed_report());
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("s.&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("row id=1 &amp; &quot;v&quot; differs: &#39;x&#39; &lt; &#39;y&#39;"),
            std::string::npos);
  EXPECT_NE(html.find("db?x=1&amp;y=2"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;v&lt;/b&gt;"), std::string::npos); // the details JSON
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  // Exactly one script element: the page's own.
  EXPECT_EQ(occurrences(html, "<script"), 1u);
}

TEST(AuditHtml, IsSelfContained) {
  const std::string html = render_html(failed_report());
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_NE(html.find("<style>"), std::string::npos);
  EXPECT_NE(html.find("document.body.dataset.ready = \"1\""), std::string::npos);
}

TEST(AuditHtml, ShowsWaivedFindingsWithTheirReason) {
  const std::string html = render_html(failed_report());
  const auto waived = html.find("<li class=\"finding warning waived\">");
  ASSERT_NE(waived, std::string::npos) << html;
  const auto reason = html.find("waived: kept on purpose &lt;ops&gt; &mdash; accepted by dba");
  ASSERT_NE(reason, std::string::npos);
  EXPECT_LT(waived, reason);
  // The index finding is not covered by the waiver.
  EXPECT_EQ(occurrences(html, " waived\">"), 1u);
}

TEST(AuditHtml, TableOfTablesHasOneRowPerTable) {
  const std::string html = render_html(failed_report());
  EXPECT_EQ(occurrences(html, "<tr data-name="), 3u);
  EXPECT_NE(html.find("<tr data-name=\"s.ok\" data-status=\"match\">"), std::string::npos);
  EXPECT_NE(html.find("data-status=\"extra_on_target\""), std::string::npos);
  EXPECT_NE(html.find("id=\"table-filter\""), std::string::npos);
  EXPECT_NE(html.find("<option value=\"not_verified\">"), std::string::npos);
  EXPECT_NE(html.find("changed: id=&quot;1&quot;; columns v"), std::string::npos);
}

TEST(AuditHtml, CleanAndIncompleteVerdicts) {
  AuditReport clean;
  clean.tables = {{.name = "s.t"}};
  const std::string clean_html = render_html(clean);
  EXPECT_NE(clean_html.find("<p id=\"verdict\" class=\"clean\">CLEAN: 1 tables compared"),
            std::string::npos);
  EXPECT_NE(clean_html.find("No findings."), std::string::npos);
  EXPECT_EQ(clean_html.find("id=\"findings\""), std::string::npos);

  AuditReport incomplete = clean;
  incomplete.incomplete_reasons = {"target: connection lost <reset>"};
  const std::string incomplete_html = render_html(incomplete);
  EXPECT_NE(incomplete_html.find("<p id=\"verdict\" class=\"incomplete\">INCOMPLETE:"),
            std::string::npos);
  EXPECT_NE(incomplete_html.find("<h2>Not verified</h2>\n<ul>\n<li>target: connection lost "
                                 "&lt;reset&gt;</li>"),
            std::string::npos);
}
