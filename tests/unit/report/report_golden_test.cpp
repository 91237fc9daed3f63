// Golden files for the report forms of one fixed report (times injected, version pinned): any
// change to the JSON, terminal or Markdown output shows up as a diff to review. Regenerate with
// PGPARITY_UPDATE_GOLDEN=1 after a deliberate change and commit the files.
#include "report/audit_report.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace pgparity::report;

namespace {

std::chrono::system_clock::time_point at(std::int64_t unix_seconds) {
  return std::chrono::system_clock::time_point{std::chrono::seconds{unix_seconds}};
}

AuditReport fixed_report() {
  AuditReport report;
  report.started_at = at(1795435200); // 2026-11-23T12:00:00Z
  report.finished_at = at(1795435262);
  report.options = {{"jobs", 2}, {"chunk_size", 10000}};
  report.source = {"postgresql://app:***@old.example.com:5432/shop", "15.4"};
  report.target = {"postgresql://app:***@new.example.com:5432/shop", "16.1"};
  report.findings = {
      make_finding("data", "data.row_changed", "sales.Order Items", "row id=42 differs in total",
                   {{"key", {{"id", "42"}}}, {"columns", {"total"}}}),
      make_finding("sequences", "sequence.behind_max", "public.orders_id_seq",
                   "next value 10 is not past max(public.orders.id) = 327",
                   {{"fix", "SELECT setval('public.orders_id_seq', 327);"}}),
      make_finding("indexes", "index.extra", "public.orders_note_idx", "index only on the target"),
      make_finding("tables", "table.extra_on_target", "public.scratch | tmp",
                   "table only on the target"),
      make_finding("ownership", "ownership.changed", "public.orders",
                   "owner shop on the source, app on the target")};
  report.waivers = {{"table.extra_on_target", "public.scratch*", "scratch table kept on purpose",
                     "dba@example.com"}};
  report.tables = {
      {.name = "public.orders",
       .key = std::vector<std::string>{"id"},
       .rows_source = 327,
       .rows_target = 327,
       .chunks = 1,
       .seconds = 0.25},
      {.name = "sales.Order Items",
       .status = TableStatus::mismatch,
       .key = std::vector<std::string>{"id"},
       .rows_source = 1000,
       .rows_target = 1000,
       .chunks = 2,
       .mismatched_chunks = 1,
       .seconds = 0.5,
       .examples = {{"changed",
                     Values{{"id", "42"}},
                     {"total"},
                     1,
                     Values{{"total", "9.50"}},
                     Values{{"total", std::nullopt}}}}},
      {.name = "audit.event_log", .status = TableStatus::missing_on_target, .rows_source = 12}};
  report.coverage = {
      {"tables", 3, 4, pgparity::report::CoverageState::compared, "every row; columns"},
      {"rules", 0, 0, pgparity::report::CoverageState::compared, "definition"},
      {"subscriptions", 1, 0, pgparity::report::CoverageState::out_of_scope,
       "replication from another server"}};
  report.timings = {
      {"connect", 0.05}, {"catalog", 0.2}, {"schema", 0.01}, {"data", 1.5}, {"total", 62.0}};
  return report;
}

std::string golden_path(const std::string &name) {
  return std::string{PGPARITY_SOURCE_DIR} + "/tests/unit/report/golden/" + name;
}

void expect_golden(const std::string &name, const std::string &actual) {
  const std::string path = golden_path(name);
  if (std::getenv("PGPARITY_UPDATE_GOLDEN") != nullptr) {
    std::ofstream{path, std::ios::binary} << actual;
    return;
  }
  std::ifstream in{path, std::ios::binary};
  ASSERT_TRUE(in) << "missing golden file " << path << " (create it with PGPARITY_UPDATE_GOLDEN=1)";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str()) << "output differs from " << path
                                    << "; if the change is deliberate, regenerate with "
                                       "PGPARITY_UPDATE_GOLDEN=1 and review the diff";
}

} // namespace

TEST(ReportGolden, Json) {
  auto json = to_json(fixed_report());
  json["version"] = "golden"; // the tool version changes with every release
  expect_golden("report.json", json.dump(2) + "\n");
}

TEST(ReportGolden, TerminalPlain) { expect_golden("summary.txt", render_summary(fixed_report())); }

TEST(ReportGolden, TerminalColour) {
  expect_golden("summary-colour.txt", render_summary(fixed_report(), true));
}

TEST(ReportGolden, Markdown) { expect_golden("report.md", render_markdown(fixed_report())); }

TEST(ReportGolden, Html) { expect_golden("report.html", render_html(fixed_report())); }
