// What a report can be trusted for, through the real binary against the real clusters: a run
// that fails, cannot connect or is interrupted never leaves an earlier clean verdict behind
// (issue 11, point 6); the gate reads the report's scope, its waivers strictly and refuses stale
// reports by default (point 7); a report signed with the user's key cannot be edited, forged or
// re-signed without the gate noticing, and an unsigned gate says integrity is not proven
// (point 8).
#include "hashing/digest.hpp"
#include "tests/integration/support/test_support.hpp"

#include <signal.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

using namespace pgparity;
using namespace std::chrono_literals;

namespace {

using Json = nlohmann::ordered_json;

Json read_json(const std::string &path) { return Json::parse(test::read_file(path)); }

// What a forger without the key can do: rewrite the report, then recompute its digest (the
// canonical text of docs/report.md: the document without digest and signature, compact).
void write_redigested(Json document, const std::string &path) {
  document.erase("digest");
  const Json signature = document.contains("signature") ? document["signature"] : Json{};
  document.erase("signature");
  const std::string text = document.dump(-1, ' ', false, Json::error_handler_t::replace);
  document["digest"] = hashing::document_digest(text);
  if (!signature.is_null()) {
    document["signature"] = signature; // kept as it was: the forger cannot compute a new one
  }
  test::write_temp_file(path.substr(path.rfind('/') + 1), document.dump(2) + "\n");
}

std::string unreachable_url() { return "postgresql://postgres@127.0.0.1:1/postgres"; }

// Sets an environment variable for one scope (pgparity inherits the test's environment).
class ScopedEnv {
public:
  ScopedEnv(const char *name, const std::string &value) : m_name(name) {
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() { unsetenv(m_name); }
  ScopedEnv(const ScopedEnv &) = delete;
  ScopedEnv &operator=(const ScopedEnv &) = delete;

private:
  const char *m_name;
};

// The tables every database of these tests starts with.
constexpr const char *k_tables_sql =
    "CREATE TABLE public.t (id int PRIMARY KEY, v text);"
    "CREATE TABLE public.u (id int PRIMARY KEY);"
    "INSERT INTO public.t SELECT g, g::text FROM generate_series(1, 200) g;"
    "INSERT INTO public.u SELECT generate_series(1, 10);";

// A target database `name` holding a faithful copy of the source, then changed by `change`.
std::string copy_changed_by(const std::string &name, const std::string &change) {
  const auto target = test::scratch_database("target", name);
  test::psql(target, std::string{k_tables_sql} + "CREATE INDEX t_v_idx ON public.t (v);" + change);
  return target;
}

class ReportTrust : public ::testing::Test {
protected:
  // Two equal databases, and a target that lacks an index of the source (index.missing, an
  // error of the structural checks) while its rows match.
  static void SetUpTestSuite() {
    const std::string setup = k_tables_sql;
    s_source = test::scratch_database("source", "trust_source");
    s_same = test::scratch_database("target", "trust_same");
    s_index = test::scratch_database("target", "trust_index");
    test::psql(s_source, setup + "CREATE INDEX t_v_idx ON public.t (v);");
    test::psql(s_same, setup + "CREATE INDEX t_v_idx ON public.t (v);");
    test::psql(s_index, setup);
    s_key = test::write_temp_file("trust_key_a", "0123456789abcdef0123456789abcdef-a");
    s_other_key = test::write_temp_file("trust_key_b", "0123456789abcdef0123456789abcdef-b");
  }

  static test::ProcessResult audit(const std::string &target, std::vector<std::string> extra) {
    std::vector<std::string> args{"audit", "--source", s_source, "--target", target, "--quiet"};
    args.insert(args.end(), extra.begin(), extra.end());
    return test::run_pgparity(args);
  }

  static std::string s_source, s_same, s_index, s_key, s_other_key;
};

std::string ReportTrust::s_source, ReportTrust::s_same, ReportTrust::s_index, ReportTrust::s_key,
    ReportTrust::s_other_key;

// --- point 6: no stale verdict ---------------------------------------------------------------

TEST_F(ReportTrust, UnreachableRunReplacesAnEarlierCleanReport) {
  const auto json = test::fresh_temp_path("stale.json");
  const auto markdown = test::fresh_temp_path("stale.md");
  const auto html = test::fresh_temp_path("stale.html");
  const std::vector<std::string> forms{"--report-json", json, "--report-md", markdown,
                                       "--report-html", html};
  auto clean = audit(s_same, forms);
  ASSERT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  ASSERT_EQ(read_json(json)["status"], "clean");
  ASSERT_EQ(test::run_pgparity({"gate", json}).exit_code, 0);

  auto refused = audit(unreachable_url(), forms);
  EXPECT_EQ(refused.exit_code, 3) << refused.out << refused.err;
  const auto report = read_json(json);
  EXPECT_EQ(report["status"], "incomplete");
  ASSERT_EQ(report["incomplete_reasons"].size(), 1u) << report.dump(2);
  const std::string reason = report["incomplete_reasons"][0];
  EXPECT_EQ(reason.rfind("the run did not finish: ", 0), 0u) << reason;
  EXPECT_NE(reason.find("target"), std::string::npos) << reason; // the error, naming the side
  auto gate = test::run_pgparity({"gate", json});
  EXPECT_EQ(gate.exit_code, 1) << gate.out << gate.err;
  EXPECT_NE(gate.out.find("the run did not finish"), std::string::npos) << gate.out;
  for (const auto &path : {markdown, html}) {
    const std::string text = test::read_file(path);
    EXPECT_EQ(text.find("CLEAN"), std::string::npos) << path;
    EXPECT_NE(text.find("INCOMPLETE"), std::string::npos) << path;
  }
}

TEST_F(ReportTrust, UnreachableWatchAndMigrateReplaceAnEarlierCleanReport) {
  const auto json = test::fresh_temp_path("stale_other.json");
  for (const std::string command : {"watch", "migrate"}) {
    auto clean = audit(s_same, {"--report-json", json});
    ASSERT_EQ(clean.exit_code, 0) << clean.out << clean.err;
    std::vector<std::string> args{command,           "--source",      s_source, "--target",
                                  unreachable_url(), "--report-json", json,     "--quiet"};
    if (command == "watch") {
      args.insert(args.end(), {"--max-passes", "1"});
    } else {
      args.insert(args.end(), {"--work-dir", test::fresh_temp_path("stale_migrate_work")});
    }
    auto refused = test::run_pgparity(args);
    EXPECT_NE(refused.exit_code, 0) << command << refused.out << refused.err;
    const auto report = read_json(json);
    EXPECT_EQ(report["command"], command);
    EXPECT_EQ(report["status"], "incomplete") << command;
    EXPECT_EQ(test::run_pgparity({"gate", json}).exit_code, 1) << command;
  }
}

// A run refused on its input (exit 2) replaces the report files it names too (review finding
// 5): bad or missing waivers, a bad --severity, a bad signing key, CLI11's own range checks. An
// earlier clean verdict once survived them, and the gate opened on it.
TEST_F(ReportTrust, UsageErrorReplacesAnEarlierCleanReport) {
  const auto json = test::fresh_temp_path("usage_stale.json");
  const auto markdown = test::fresh_temp_path("usage_stale.md");
  const auto html = test::fresh_temp_path("usage_stale.html");
  const std::vector<std::string> forms{"--report-json", json, "--report-md", markdown,
                                       "--report-html", html};
  const auto bad_waivers = test::write_temp_file(
      "usage_bad_waivers.json", R"({"waivers": [{"id": "index.missing", "object": "public.t",
       "reason": "r", "accepted_by": "a", "expires": "2026-1-5"}]})");
  const auto short_key = test::write_temp_file("usage_short_key", "short");
  const std::vector<std::vector<std::string>> refusals{{"--waivers", bad_waivers},
                                                       {"--waivers", "/no/such/waivers.json"},
                                                       {"--severity", "bogus"},
                                                       {"--signing-key-file", short_key},
                                                       {"--jobs", "0"},
                                                       {"--chunk-size", "0"},
                                                       {"--lock-timeout", "0"}};
  for (const std::string command : {"audit", "watch", "migrate"}) {
    for (const auto &refusal : refusals) {
      auto clean = audit(s_same, forms);
      ASSERT_EQ(clean.exit_code, 0) << clean.out << clean.err;
      ASSERT_EQ(read_json(json)["status"], "clean");

      std::vector<std::string> args{command, "--source", s_source, "--target", s_same, "--quiet"};
      args.insert(args.end(), forms.begin(), forms.end());
      args.insert(args.end(), refusal.begin(), refusal.end());
      if (command == "watch") {
        args.insert(args.end(), {"--max-passes", "1"});
      } else if (command == "migrate") {
        args.insert(args.end(), {"--work-dir", test::fresh_temp_path("usage_migrate_work")});
      }
      const std::string what = command + " " + refusal[0] + " " + refusal[1];
      auto refused = test::run_pgparity(args);
      EXPECT_EQ(refused.exit_code, 2) << what << refused.out << refused.err;
      const auto report = read_json(json);
      EXPECT_EQ(report["status"], "incomplete") << what;
      EXPECT_EQ(report["command"], command) << what;
      ASSERT_EQ(report["incomplete_reasons"].size(), 1u) << what << report.dump(2);
      const std::string reason = report["incomplete_reasons"][0];
      EXPECT_EQ(reason.rfind("the run did not start: ", 0), 0u) << what << reason;
      auto gate = test::run_pgparity({"gate", json});
      EXPECT_EQ(gate.exit_code, 1) << what << gate.out << gate.err;
      for (const auto &path : {markdown, html}) {
        const std::string text = test::read_file(path);
        EXPECT_EQ(text.find("CLEAN"), std::string::npos) << what << path;
        EXPECT_NE(text.find("INCOMPLETE"), std::string::npos) << what << path;
      }
    }
  }
}

// The audit is held up deterministically: another session holds a lock on the table, so the
// audit waits while it is signalled; once the lock goes, it must stop instead of comparing.
TEST_F(ReportTrust, SigtermDuringAuditLeavesAnIncompleteReportAndExit3) {
  const std::string setup = "CREATE TABLE public.held (id int PRIMARY KEY, v text);"
                            "INSERT INTO public.held SELECT g, md5(g::text) "
                            "FROM generate_series(1, 1000) g;";
  const auto source = test::scratch_database("source", "trust_sigterm");
  const auto target = test::scratch_database("target", "trust_sigterm");
  test::psql(source, setup);
  test::psql(target, setup);
  test::HeldLock lock{target, "trust_sigterm", "public.held", "pgparity_test_sigterm"};
  const auto json = test::fresh_temp_path("sigterm.json");
  test::BackgroundProcess run{{test::pgparity_binary(), "audit", "--source", source, "--target",
                               target, "--jobs", "1", "--report-json", json}};
  const std::string admin = test::with_database(target, "postgres");
  ASSERT_TRUE(run.wait_while_running(
      [&] {
        return test::psql_value(admin, "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                       "'trust_sigterm' AND application_name = 'pgparity' AND "
                                       "wait_event_type = 'Lock'") != "0";
      },
      60s))
      << "the audit never waited for the held lock";
  run.signal(SIGTERM);
  lock.release();
  const auto result = run.wait(60s);
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  const auto report = read_json(json);
  EXPECT_EQ(report["status"], "incomplete");
  EXPECT_NE(report["incomplete_reasons"].dump().find("interrupted"), std::string::npos)
      << report["incomplete_reasons"].dump();
  EXPECT_EQ(result.out.rfind("INCOMPLETE", 0), 0u) << result.out;
}

// --- point 7: the gate reads what the report covers --------------------------------------------

TEST_F(ReportTrust, DataOnlyReportIsRefusedUnlessAccepted) {
  const auto json = test::fresh_temp_path("data_only.json");
  // The missing index is a structural finding: a data-only audit does not see it.
  auto run = audit(s_index, {"--data-only", "--report-json", json});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("narrowed scope: no structure checks"), std::string::npos) << run.out;
  EXPECT_EQ(read_json(json)["scope"]["checks"], Json::array({"data"}));
  auto refused = test::run_pgparity({"gate", json});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.out.find("reason: the report is data only"), std::string::npos) << refused.out;
  auto accepted = test::run_pgparity({"gate", json, "--accept-scope", "data-only"});
  EXPECT_EQ(accepted.exit_code, 0) << accepted.out << accepted.err;
  EXPECT_NE(accepted.out.find("narrowed scope: the report is data only"), std::string::npos);
  // The full audit of the same pair fails on the index.
  EXPECT_EQ(audit(s_index, {}).exit_code, 1);
}

TEST_F(ReportTrust, FilteredReportIsRefusedUnlessAccepted) {
  const auto json = test::fresh_temp_path("filtered.json");
  auto run = audit(s_same, {"--include", "public.t", "--report-json", json});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  auto refused = test::run_pgparity({"gate", json});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.out.find("the report is filtered (--include public.t)"), std::string::npos)
      << refused.out;
  EXPECT_EQ(test::run_pgparity({"gate", json, "--accept-scope", "data-only"}).exit_code, 1);
  auto accepted = test::run_pgparity({"gate", json, "--accept-scope", "filtered"});
  EXPECT_EQ(accepted.exit_code, 0) << accepted.out;

  run = audit(s_same, {"--exclude", "public.u", "--data-only", "--report-json", json});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(test::run_pgparity({"gate", json, "--accept-scope", "filtered"}).exit_code, 1);
  accepted = test::run_pgparity({"gate", json, "--accept-scope", "filtered,data-only"});
  EXPECT_EQ(accepted.exit_code, 0) << accepted.out;
  EXPECT_EQ(test::run_pgparity({"gate", json, "--accept-scope", "everything"}).exit_code, 2);
}

TEST_F(ReportTrust, SeverityOverrideIsAReasonAtTheGate) {
  const auto json = test::fresh_temp_path("override.json");
  auto run = audit(s_index, {"--severity", "index.missing=info", "--report-json", json});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err; // the override made the audit pass
  auto refused = test::run_pgparity({"gate", json});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.out.find("reason: severity override at audit time: index.missing=info"),
            std::string::npos)
      << refused.out;
  EXPECT_EQ(test::run_pgparity({"gate", json, "--accept-scope", "overrides"}).exit_code, 0);
}

TEST_F(ReportTrust, WatchReportFromANarrowedPassIsPartial) {
  const std::string setup =
      "CREATE TABLE public.items (id int PRIMARY KEY, v text, updated_at timestamptz NOT NULL);"
      "INSERT INTO public.items SELECT g, md5(g::text), '2025-01-01T00:00:00Z' "
      "FROM generate_series(1, 500) g;";
  const auto source = test::scratch_database("source", "trust_partial");
  const auto target = test::scratch_database("target", "trust_partial");
  test::psql(source, setup);
  test::psql(target, setup);
  const auto json = test::fresh_temp_path("partial.json");
  const auto watch = [&](const std::string &passes) {
    return test::run_pgparity(
        {"watch", "--source", source, "--target", target, "--max-passes", passes, "--recheck-delay",
         "100ms", "--changed-column", "public.items.updated_at", "--full-every", "5", "--events",
         test::fresh_temp_path("partial.events"), "--report-json", json, "--quiet"});
  };
  // One pass: the first pass is full, so the report is not partial.
  auto run = watch("1");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(read_json(json)["scope"]["partial"], false);
  EXPECT_EQ(test::run_pgparity({"gate", json, "--accept-scope", "data-only"}).exit_code, 0);
  // Two passes: the last one read only changed rows.
  run = watch("2");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(read_json(json)["scope"]["partial"], true);
  auto refused = test::run_pgparity({"gate", json, "--accept-scope", "data-only"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.out.find("reason: the report is partial: the last pass read only rows "
                             "changed"),
            std::string::npos)
      << refused.out;
  EXPECT_EQ(test::run_pgparity({"gate", json, "--accept-scope", "data-only,partial"}).exit_code, 0);
}

TEST_F(ReportTrust, DefaultMaxAgeRefusesAnOldReport) {
  const auto json = test::fresh_temp_path("old.json");
  ASSERT_EQ(audit(s_same, {"--report-json", json}).exit_code, 0);
  auto old = read_json(json);
  old["finished_at"] = "2020-01-01T00:00:00Z";
  write_redigested(old, json);
  auto refused = test::run_pgparity({"gate", json});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.out.find("the report is too old"), std::string::npos) << refused.out;
  EXPECT_EQ(test::run_pgparity({"gate", json, "--max-age", "none"}).exit_code, 0);
}

TEST_F(ReportTrust, UnpaddedExpiryAndBareWaiverAreUsageErrors) {
  const auto json = test::fresh_temp_path("waived_failed.json");
  ASSERT_EQ(audit(s_index, {"--report-json", json}).exit_code, 1);
  const auto unpadded = test::write_temp_file("unpadded_waivers.json", R"({"waivers": [
    {"id": "index.missing", "object": "public.t_v_idx", "reason": "r", "accepted_by": "ana",
     "expires": "2999-1-5"}]})");
  const auto bare = test::write_temp_file("bare_waivers.json", R"({"waivers": [
    {"id": "index.missing", "reason": "r", "accepted_by": "ana"}]})");
  for (const auto &waivers : {unpadded, bare}) {
    auto gate = test::run_pgparity({"gate", json, "--waivers", waivers});
    EXPECT_EQ(gate.exit_code, 2) << gate.out << gate.err;
    EXPECT_NE(gate.err.find("waivers file " + waivers + ": waiver 1 (index.missing)"),
              std::string::npos)
        << gate.err;
    auto run = audit(s_index, {"--waivers", waivers});
    EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
    EXPECT_NE(run.err.find("waiver 1 (index.missing)"), std::string::npos) << run.err;
  }
}

TEST_F(ReportTrust, SummaryNeverSaysAllMatchUnderAWaivedMismatch) {
  const auto target =
      copy_changed_by("trust_changed", "UPDATE public.t SET v = 'changed' WHERE id = 7;");
  const auto waivers = test::write_temp_file("row_waivers.json", R"({"waivers": [
    {"id": "data.row_changed", "object": "public.t", "reason": "known drift",
     "accepted_by": "ana"},
    {"id": "data.table_mismatch", "object": "public.t", "reason": "known drift",
     "accepted_by": "ana"}]})");
  auto run = audit(target, {"--waivers", waivers});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const std::string first = run.out.substr(0, run.out.find('\n'));
  EXPECT_EQ(first.rfind("CLEAN:", 0), 0u) << first;
  EXPECT_EQ(first.find("all match"), std::string::npos) << first;
  EXPECT_NE(first.find("1 match, 1 differ under waivers"), std::string::npos) << first;
}

// No waiver, no "under waivers" (review finding 9): a table only on the target is a warning, and
// a --severity override lowers an error; the verdict line says which.
TEST_F(ReportTrust, SummarySaysUnderWaiversOnlyWhenAWaiverApplies) {
  const auto target =
      copy_changed_by("trust_extra_table", "CREATE TABLE public.extra (id int PRIMARY KEY);");
  auto run = audit(target, {});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  std::string first = run.out.substr(0, run.out.find('\n'));
  EXPECT_EQ(first, "CLEAN: 3 tables compared, 2 match, 1 only on the target (warning); no errors");

  const auto changed =
      copy_changed_by("trust_override", "UPDATE public.t SET v = 'changed' WHERE id = 7;");
  run = audit(changed, {"--severity", "data.row_changed=warning", "--severity",
                        "data.table_mismatch=warning"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  first = run.out.substr(0, run.out.find('\n'));
  EXPECT_EQ(first,
            "CLEAN: 2 tables compared, 1 match, 1 differ under --severity overrides; no errors");
}

// --- point 8: a tamper check that means it -----------------------------------------------------

TEST_F(ReportTrust, SignedReportPassesOnlyWithItsKeyAndUnedited) {
  const auto json = test::fresh_temp_path("signed.json");
  auto run = audit(s_same, {"--signing-key-file", s_key, "--report-json", json});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto report = read_json(json);
  ASSERT_TRUE(report.contains("signature"));
  EXPECT_EQ(report["signature"].get<std::string>().rfind("hmac-sha256:", 0), 0u);

  auto passed = test::run_pgparity({"gate", json, "--signing-key-file", s_key});
  EXPECT_EQ(passed.exit_code, 0) << passed.out << passed.err;
  EXPECT_NE(passed.out.find("signature verified"), std::string::npos) << passed.out;
  {
    const ScopedEnv key{"PGPARITY_SIGNING_KEY", test::read_file(s_key)};
    EXPECT_EQ(test::run_pgparity({"gate", json}).exit_code, 0);
  }
  // Signed with another key (a forger's own key): refused.
  auto other = test::run_pgparity({"gate", json, "--signing-key-file", s_other_key});
  EXPECT_EQ(other.exit_code, 2) << other.out << other.err;
  EXPECT_NE(other.err.find("signature"), std::string::npos) << other.err;

  // A failed report rewritten to clean, its digest recomputed: refused with the key; without it
  // the digest alone cannot tell, which is why the gate says integrity is not proven.
  const auto failed = test::fresh_temp_path("signed_failed.json");
  ASSERT_EQ(audit(s_index, {"--signing-key-file", s_key, "--report-json", failed}).exit_code, 1);
  auto forged = read_json(failed);
  forged["status"] = "clean";
  forged["findings"] = Json::array();
  write_redigested(forged, failed);
  auto refused = test::run_pgparity({"gate", failed, "--signing-key-file", s_key});
  EXPECT_EQ(refused.exit_code, 2) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("fails its signature check"), std::string::npos) << refused.err;
  auto fooled = test::run_pgparity({"gate", failed});
  EXPECT_NE(fooled.out.find("integrity not proven"), std::string::npos) << fooled.out;

  // Re-signed by someone else's key after the edit: still refused.
  const auto resigned = test::fresh_temp_path("resigned.json");
  ASSERT_EQ(audit(s_same, {"--signing-key-file", s_other_key, "--report-json", resigned}).exit_code,
            0);
  EXPECT_EQ(test::run_pgparity({"gate", resigned, "--signing-key-file", s_key}).exit_code, 2);

  for (const auto &output : {run.out, run.err, passed.out, passed.err, other.out, other.err}) {
    EXPECT_EQ(output.find(test::read_file(s_key)), std::string::npos); // the key is never shown
  }
}

TEST_F(ReportTrust, UnsignedReportRefusedWhenAKeyIsGivenAndNotedWithout) {
  const auto json = test::fresh_temp_path("unsigned.json");
  ASSERT_EQ(audit(s_same, {"--report-json", json}).exit_code, 0);
  EXPECT_FALSE(read_json(json).contains("signature"));
  auto refused = test::run_pgparity({"gate", json, "--signing-key-file", s_key});
  EXPECT_EQ(refused.exit_code, 2) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("is not signed"), std::string::npos) << refused.err;
  auto noted = test::run_pgparity({"gate", json});
  EXPECT_EQ(noted.exit_code, 0) << noted.out << noted.err;
  EXPECT_NE(noted.out.find("integrity not proven"), std::string::npos) << noted.out;
}

TEST_F(ReportTrust, KeyFromTheEnvironmentSignsWatchReports) {
  const std::string key = test::read_file(s_key);
  const auto json = test::fresh_temp_path("watch_signed.json");
  {
    const ScopedEnv env{"PGPARITY_SIGNING_KEY", key};
    auto run = test::run_pgparity({"watch", "--source", s_source, "--target", s_same,
                                   "--max-passes", "1", "--report-json", json, "--quiet",
                                   "--events", test::fresh_temp_path("watch_signed.events")});
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  }
  ASSERT_TRUE(read_json(json).contains("signature"));
  // watch runs the structural checks too: its signed report opens the gate on its own.
  auto passed = test::run_pgparity({"gate", json, "--signing-key-file", s_key});
  EXPECT_EQ(passed.exit_code, 0) << passed.out << passed.err;
  // watch --data-only compares rows only: its report is data only.
  {
    const ScopedEnv env{"PGPARITY_SIGNING_KEY", key};
    auto run =
        test::run_pgparity({"watch", "--source", s_source, "--target", s_same, "--max-passes", "1",
                            "--data-only", "--report-json", json, "--quiet", "--events",
                            test::fresh_temp_path("watch_signed.events")});
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  }
  EXPECT_EQ(test::run_pgparity({"gate", json, "--signing-key-file", s_key}).exit_code, 1);
  passed = test::run_pgparity(
      {"gate", json, "--signing-key-file", s_key, "--accept-scope", "data-only"});
  EXPECT_EQ(passed.exit_code, 0) << passed.out << passed.err;
}

TEST_F(ReportTrust, ShortKeyIsAUsageErrorThatDoesNotShowTheKey) {
  const auto short_key = test::write_temp_file("trust_short_key", "tiny-secret");
  auto run = audit(s_same, {"--signing-key-file", short_key});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("at least 32"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("tiny-secret"), std::string::npos) << run.err;
  const ScopedEnv env{"PGPARITY_SIGNING_KEY", "tiny-secret"};
  auto gate = test::run_pgparity({"gate", test::fresh_temp_path("none.json")});
  EXPECT_EQ(gate.exit_code, 2) << gate.out << gate.err;
  EXPECT_EQ(gate.err.find("tiny-secret"), std::string::npos) << gate.err;
}

} // namespace
