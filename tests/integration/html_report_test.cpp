// `pgparity audit --report-html` written by a real audit and opened in a real browser (headless
// Chromium): the page's script runs offline from file://, the verdict is at the top, the
// findings and tables are there, and the table of tables sorts and filters. Without Chromium
// these tests fail (scripts/install-deps chromium), never skip.
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

using namespace pgparity;

namespace {

std::string temp_path(const std::string &name) {
  return (std::filesystem::absolute(::testing::TempDir()) / name).lexically_normal().string();
}

// The page as headless Chromium leaves it once its scripts have run, from a throwaway profile.
std::string rendered_dom(const std::string &path) {
  std::string profile = temp_path("pgparity-chromium-XXXXXX");
  if (mkdtemp(profile.data()) == nullptr) {
    throw std::runtime_error("cannot create a Chromium profile directory");
  }
  const test::ProcessResult result = test::run_process(
      {"chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
       "--disable-background-networking", "--no-first-run", "--no-default-browser-check",
       "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom", "file://" + path});
  std::filesystem::remove_all(profile);
  if (result.exit_code == -1) {
    throw std::runtime_error("chromium is not installed (or not in PATH); this test needs it: "
                             "scripts/install-deps chromium");
  }
  if (result.exit_code != 0) {
    throw std::runtime_error("headless chromium could not render " + path + " (exit " +
                             std::to_string(result.exit_code) + "): " + result.err);
  }
  return result.out;
}

// The text of the element whose id is `id` (up to its first child or closing tag).
std::string element_text(const std::string &dom, const std::string &id) {
  const auto at = dom.find("id=\"" + id + "\"");
  if (at == std::string::npos) {
    return {};
  }
  const auto begin = dom.find('>', at) + 1;
  return dom.substr(begin, dom.find('<', begin) - begin);
}

// Runs an audit of `source` against `target` writing the HTML report; returns its path.
std::string html_report(const std::string &source, const std::string &target,
                        const std::string &name, int expected_exit) {
  std::string path = temp_path(name);
  const auto run = test::run_pgparity(
      {"audit", "--source", source, "--target", target, "--report-html", path, "--quiet"});
  EXPECT_EQ(run.exit_code, expected_exit) << run.out << run.err;
  return path;
}

class HtmlReport : public ::testing::Test {
protected:
  // public.orders (9 rows, one changed on the target) and public.notes (10 rows, equal): the
  // row counts sort differently as numbers than as text.
  static void SetUpTestSuite() {
    const std::string setup =
        "CREATE TABLE public.orders (id int PRIMARY KEY, v text);"
        "INSERT INTO public.orders SELECT g, 'v' || g FROM generate_series(1, 9) g;"
        "CREATE TABLE public.notes (id int PRIMARY KEY, v text);"
        "INSERT INTO public.notes SELECT g, 'n' || g FROM generate_series(1, 10) g;";
    const std::string source = test::scratch_database("source", "html_report_src");
    const std::string target = test::scratch_database("target", "html_report_dst");
    test::psql(source, setup);
    test::psql(target, setup + "UPDATE public.orders SET v = 'changed' WHERE id = 2;");
    s_failed = html_report(source, target, "html_report_failed.html", 1);
  }

  static std::string s_failed;
};

std::string HtmlReport::s_failed;

TEST_F(HtmlReport, FailedReportRendersInABrowser) {
  const std::string dom = rendered_dom(s_failed);
  EXPECT_NE(dom.find("<body data-ready=\"1\">"), std::string::npos)
      << "the page's script did not run:\n"
      << dom;
  EXPECT_EQ(element_text(dom, "verdict").rfind("FAILED", 0), 0u) << dom;
  EXPECT_NE(dom.find("data.row_changed"), std::string::npos) << dom;
  EXPECT_NE(dom.find("public.orders"), std::string::npos) << dom;
  EXPECT_LT(dom.find("id=\"verdict\""), dom.find("data.row_changed"));
  EXPECT_EQ(element_text(dom, "table-shown"), "2 of 2 tables shown") << dom;
}

// Drives the page's own controls from a script appended to a copy of the report: a numeric sort
// on Rows (source), both directions, then the status filter.
TEST_F(HtmlReport, TableOfTablesSortsAndFilters) {
  const std::string probe = R"js(<script>
const names = () => Array.from(document.querySelectorAll("#table-list tbody tr"))
  .filter((row) => !row.hidden).map((row) => row.dataset.name).join(" ");
const rows_source = document.querySelectorAll("#table-list thead th")[2];
rows_source.click();
document.body.dataset.ascending = names();
rows_source.click();
document.body.dataset.descending = names();
const status = document.getElementById("status-filter");
status.value = "mismatch";
status.dispatchEvent(new Event("change"));
document.body.dataset.mismatched = names();
</script>)js";
  std::string page = test::read_file(s_failed);
  const auto end = page.rfind("</body>");
  ASSERT_NE(end, std::string::npos);
  page.insert(end, probe);
  const std::string path = temp_path("html_report_probe.html");
  std::ofstream{path} << page;

  const std::string dom = rendered_dom(path);
  EXPECT_NE(dom.find("data-ascending=\"public.orders public.notes\""), std::string::npos) << dom;
  EXPECT_NE(dom.find("data-descending=\"public.notes public.orders\""), std::string::npos) << dom;
  EXPECT_NE(dom.find("data-mismatched=\"public.orders\""), std::string::npos) << dom;
  EXPECT_EQ(element_text(dom, "table-shown"), "1 of 2 tables shown") << dom;
}

TEST(HtmlReportClean, CleanReportRendersInABrowser) {
  const std::string setup = "CREATE TABLE public.t (id int PRIMARY KEY, v text);"
                            "INSERT INTO public.t VALUES (1, 'a'), (2, 'b');";
  const std::string source = test::scratch_database("source", "html_report_clean");
  const std::string target = test::scratch_database("target", "html_report_clean");
  test::psql(source, setup);
  test::psql(target, setup);
  const std::string dom = rendered_dom(html_report(source, target, "html_report_clean.html", 0));
  EXPECT_NE(dom.find("<body data-ready=\"1\">"), std::string::npos) << dom;
  EXPECT_EQ(element_text(dom, "verdict").rfind("CLEAN", 0), 0u) << dom;
  EXPECT_NE(dom.find("public.t"), std::string::npos) << dom;
}

} // namespace
