// How `audit` takes its options and hands out its verdict: a TOML config file (the command line
// wins), the Markdown report, plain text off a terminal, and report paths refused before
// anything connects.
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace pgparity;

namespace {

class ReportForms : public ::testing::Test {
protected:
  // The target lacks an index (index.missing, an error) and has an extra table
  // (table.extra_on_target, a warning).
  static void SetUpTestSuite() {
    const std::string setup =
        "CREATE TABLE public.t (id int PRIMARY KEY, v text);"
        "INSERT INTO public.t SELECT g, g::text FROM generate_series(1, 100) g;";
    s_source = test::scratch_database("source", "report_forms");
    s_target = test::scratch_database("target", "report_forms");
    test::psql(s_source, setup + "CREATE INDEX t_v_idx ON public.t (v);");
    test::psql(s_target, setup + "CREATE TABLE public.scratch (x int);");
  }

  static std::string s_source;
  static std::string s_target;
};

std::string ReportForms::s_source;
std::string ReportForms::s_target;

TEST_F(ReportForms, ConfigFileSuppliesOptionsAndTheCommandLineWins) {
  const std::string report = ::testing::TempDir() + "/report_forms_config.json";
  const std::string config = test::write_temp_file(
      "report_forms.toml", "[audit]\nsource = \"" + s_source + "\"\ntarget = \"" + s_target +
                               "\"\njobs = 3\nfail-on = \"warning\"\nreport-json = \"" + report +
                               "\"\nseverity = [\"index.missing=info\"]\nquiet = true\n");
  auto result = test::run_pgparity({"audit", "--config", config});
  // index.missing lowered to info; the extra table is a warning and fail-on is warning.
  ASSERT_EQ(result.exit_code, 1) << result.out << result.err;
  auto json = nlohmann::json::parse(test::read_file(report));
  EXPECT_EQ(json["options"]["jobs"], 3);
  EXPECT_EQ(json["fail_on"], "warning");
  bool lowered = false;
  for (const auto &finding : json["findings"]) {
    lowered |= finding["id"] == "index.missing" && finding["severity"] == "info";
  }
  EXPECT_TRUE(lowered) << json["findings"].dump(2);

  result = test::run_pgparity({"audit", "--config", config, "--fail-on", "error"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err; // the command line overrides
  EXPECT_EQ(nlohmann::json::parse(test::read_file(report))["fail_on"], "error");
}

TEST_F(ReportForms, BadConfigFileIsAUsageError) {
  const std::string config = test::write_temp_file("report_forms_typo.toml", "[audit]\njobz = 3\n");
  auto result = test::run_pgparity({"audit", "--config", config});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--config " + config), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("audit.jobz"), std::string::npos) << result.err;
  result = test::run_pgparity({"audit", "--config", ::testing::TempDir() + "/no-such.toml"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("no-such.toml"), std::string::npos) << result.err;
}

TEST_F(ReportForms, MarkdownReportAndPlainTextOffATerminal) {
  const std::string markdown = ::testing::TempDir() + "/report_forms.md";
  auto result = test::run_pgparity(
      {"audit", "--source", s_source, "--target", s_target, "--report-md", markdown, "--quiet"});
  ASSERT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_EQ(result.out.rfind("FAILED: ", 0), 0u) << result.out;
  EXPECT_EQ(result.out.find('\x1b'), std::string::npos) << "colour codes in a pipe";
  const std::string text = test::read_file(markdown);
  EXPECT_EQ(text.rfind("# pgparity audit: failed\n", 0), 0u) << text;
  EXPECT_NE(text.find("**index.missing** `public.t_v_idx`"), std::string::npos) << text;
  EXPECT_NE(text.find("**table.extra_on_target** `public.scratch`"), std::string::npos) << text;
}

TEST_F(ReportForms, ColourOnlyOnATerminalAndNeverWithNoColor) {
  // script(1) runs the command on a pseudo-terminal, as a person at a shell would.
  const std::string command = test::pgparity_binary() + " audit --quiet --source '" + s_source +
                              "' --target '" + s_target + "'";
  auto result = test::run_process({"script", "-qec", command, "/dev/null"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("\x1b[1m\x1b[31mFAILED: "), std::string::npos) << result.out;
  result = test::run_process({"env", "NO_COLOR=1", "script", "-qec", command, "/dev/null"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_NE(result.out.find("FAILED: "), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find('\x1b'), std::string::npos) << result.out;
}

TEST_F(ReportForms, UnwritableReportPathIsRefusedBeforeConnecting) {
  // An unreachable source proves nothing connected: the path is refused first, with exit 2.
  for (const char *option : {"--report-json", "--report-md", "--report-html"}) {
    auto result = test::run_pgparity({"audit", "--source", "postgresql://u@127.0.0.1:1/db",
                                      "--target", s_target, option, "/no-such-dir/r.out"});
    EXPECT_EQ(result.exit_code, 2) << option << result.err;
    EXPECT_NE(result.err.find(std::string{option} + ": cannot write /no-such-dir/r.out"),
              std::string::npos)
        << result.err;
  }
}

} // namespace
