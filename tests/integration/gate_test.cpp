// `pgparity gate` on reports written by a real audit: clean, failed, waived, expired waiver,
// stale, truncated, edited; and audit's own --fail-on / --waivers / --severity.
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace pgparity;

namespace {

class Gate : public ::testing::Test {
protected:
  // One pair of databases that differ by an extra index on the target (info) and a missing
  // index (error), audited once clean-by-waiver-able and once failing.
  static void SetUpTestSuite() {
    const std::string setup =
        "CREATE TABLE public.t (id int PRIMARY KEY, v text);"
        "INSERT INTO public.t SELECT g, g::text FROM generate_series(1, 100) g;";
    s_source = test::scratch_database("source", "gate_reports");
    s_target = test::scratch_database("target", "gate_reports");
    test::psql(s_source, setup + "CREATE INDEX t_v_idx ON public.t (v);");
    test::psql(s_target, setup);
    s_failed = ::testing::TempDir() + "/gate_failed.json";
    auto run = test::run_pgparity({"audit", "--source", s_source, "--target", s_target,
                                   "--report-json", s_failed, "--quiet"});
    ASSERT_EQ(run.exit_code, 1) << run.out << run.err;
    const std::string faithful = test::scratch_database("target", "gate_reports_faithful");
    test::psql(faithful, setup + "CREATE INDEX t_v_idx ON public.t (v);");
    s_clean = ::testing::TempDir() + "/gate_clean.json";
    run = test::run_pgparity(
        {"audit", "--source", s_source, "--target", faithful, "--report-json", s_clean, "--quiet"});
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  }

  static std::string s_source, s_target, s_failed, s_clean;
};

std::string Gate::s_source, Gate::s_target, Gate::s_failed, Gate::s_clean;

TEST_F(Gate, OpensOnCleanAndClosesOnFailedWithReasons) {
  auto clean = test::run_pgparity({"gate", s_clean, "--max-age", "1h"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_EQ(clean.out.rfind("GATE OPEN", 0), 0u) << clean.out;

  auto failed = test::run_pgparity({"gate", s_failed});
  EXPECT_EQ(failed.exit_code, 1) << failed.out << failed.err;
  EXPECT_NE(failed.out.find("index.missing public.t_v_idx"), std::string::npos) << failed.out;
}

// A --max-age too large to compute with is a one-line usage error (review finding 7): it once
// crashed the gate (9999999999999h) or closed it on a fresh report (100000000h, an overflow).
TEST_F(Gate, HugeMaxAgeIsAUsageError) {
  for (const std::string huge : {"100000000h", "9999999999999h", "36501d"}) {
    auto result = test::run_pgparity({"gate", s_clean, "--max-age", huge});
    EXPECT_EQ(result.exit_code, 2) << huge << result.out << result.err;
    EXPECT_EQ(result.err, "pgparity: error: --max-age is at most 36500d, not \"" + huge + "\"\n")
        << huge;
  }
  auto longest = test::run_pgparity({"gate", s_clean, "--max-age", "36500d"});
  EXPECT_EQ(longest.exit_code, 0) << longest.out << longest.err;
}

TEST_F(Gate, WaiversApplyUntilTheyExpire) {
  const auto waivers = test::write_temp_file("gate_waivers.json", R"({"waivers": [
    {"id": "index.missing", "object": "public.t_*", "reason": "index rebuilt after cutover",
     "accepted_by": "ana@example.com", "expires": "2999-12-31"}]})");
  auto waived = test::run_pgparity({"gate", s_failed, "--waivers", waivers});
  EXPECT_EQ(waived.exit_code, 0) << waived.out << waived.err;
  EXPECT_NE(waived.out.find("waived: index.missing public.t_v_idx: index rebuilt after cutover "
                            "(ana@example.com)"),
            std::string::npos)
      << waived.out;

  const auto expired = test::write_temp_file("gate_expired.json", R"({"waivers": [
    {"id": "index.missing", "object": "*", "reason": "r", "accepted_by": "ana",
     "expires": "2001-01-01"}]})");
  auto closed = test::run_pgparity({"gate", s_failed, "--waivers", expired});
  EXPECT_EQ(closed.exit_code, 1) << closed.out;
  EXPECT_NE(closed.out.find("expired waiver, not applied"), std::string::npos) << closed.out;

  // audit itself exits as the gate would, and lists the waiver in its report.
  const std::string report = ::testing::TempDir() + "/gate_audit_waived.json";
  auto audit = test::run_pgparity({"audit", "--source", s_source, "--target", s_target, "--waivers",
                                   waivers, "--report-json", report, "--quiet"});
  EXPECT_EQ(audit.exit_code, 0) << audit.out << audit.err;
  EXPECT_NE(
      test::read_file(report).find("\"waived\": \"index rebuilt after cutover (ana@example.com)\""),
      std::string::npos);
}

TEST_F(Gate, FailOnAndSeverityOverrides) {
  // An info finding (an index only on the target) fails only when asked to.
  auto reversed =
      test::run_pgparity({"audit", "--source", s_target, "--target", s_source, "--quiet"});
  EXPECT_EQ(reversed.exit_code, 0) << reversed.out;
  auto strict = test::run_pgparity(
      {"audit", "--source", s_target, "--target", s_source, "--fail-on", "info", "--quiet"});
  EXPECT_EQ(strict.exit_code, 1) << strict.out;
  auto promoted = test::run_pgparity({"audit", "--source", s_target, "--target", s_source,
                                      "--severity", "index.extra=error", "--quiet"});
  EXPECT_EQ(promoted.exit_code, 1) << promoted.out;
  EXPECT_EQ(test::run_pgparity(
                {"audit", "--source", s_target, "--target", s_source, "--severity", "index.extra"})
                .exit_code,
            2);
  EXPECT_EQ(test::run_pgparity({"audit", "--source", s_target, "--target", s_source, "--waivers",
                                "/no/such/file.json"})
                .exit_code,
            2);
}

TEST_F(Gate, RefusesDamagedReportsWithUsageExit) {
  const std::string text = test::read_file(s_clean);
  auto truncated = test::run_pgparity(
      {"gate", test::write_temp_file("gate_truncated.json", text.substr(0, text.size() / 2))});
  EXPECT_EQ(truncated.exit_code, 2) << truncated.out << truncated.err;

  std::string edited_text = text;
  edited_text.replace(edited_text.find("\"rows_source\": 100"), 18, "\"rows_source\": 101");
  auto edited =
      test::run_pgparity({"gate", test::write_temp_file("gate_edited.json", edited_text)});
  EXPECT_EQ(edited.exit_code, 2) << edited.out << edited.err;
  EXPECT_NE(edited.err.find("changed after pgparity wrote it"), std::string::npos) << edited.err;

  std::string future = text;
  future.replace(future.find("\"report_version\": 1"), 19, "\"report_version\": 9");
  auto unknown = test::run_pgparity({"gate", test::write_temp_file("gate_v9.json", future)});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.err;

  EXPECT_EQ(test::run_pgparity({"gate", "/no/such/report.json"}).exit_code, 2);
  EXPECT_EQ(test::run_pgparity({"gate", s_clean, "--max-age", "soon"}).exit_code, 2);
}

} // namespace
