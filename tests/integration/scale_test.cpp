// An audit of 10,000 tables, each with a serial column, on servers left at the default
// max_locks_per_transaction (64) and max_connections (100) by scripts/pg-clusters: it must end
// clean. Per-table reads taken in one transaction would each hold a lock to its end and exhaust
// the server's lock table ("out of shared memory"); the audit batches them and releases the
// locks as it goes. The tables are created 200 per transaction, for the same reason.
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>

using namespace pgparity;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr int k_tables = 10000;
constexpr int k_tables_per_transaction = 200;

void create_tables(const std::string &url) {
  for (int first = 1; first <= k_tables; first += k_tables_per_transaction) {
    test::psql(url, "DO $$ BEGIN FOR i IN " + std::to_string(first) + " .. " +
                        std::to_string(first + k_tables_per_transaction - 1) +
                        " LOOP EXECUTE format('CREATE TABLE public.t%s (id serial PRIMARY KEY, "
                        "v integer NOT NULL); INSERT INTO public.t%s (v) VALUES (1), (2), (3)', "
                        "i, i); END LOOP; END $$");
  }
}

} // namespace

TEST(Scale, TenThousandTablesWithSerialsAuditClean) {
  const std::string source = test::scratch_database("source", "scale_10k");
  const std::string target = test::scratch_database("target", "scale_10k");
  for (const auto &url : {source, target}) {
    ASSERT_EQ(test::psql_value(url, "SHOW max_locks_per_transaction"), "64");
    ASSERT_EQ(test::psql_value(url, "SHOW max_connections"), "100");
    create_tables(url);
  }
  const fs::path report_path = test::fresh_temp_path("pgparity_scale_10k.json");
  const auto started = std::chrono::steady_clock::now();
  const auto result = test::run_pgparity(
      {"audit", "--source", source, "--target", target, "--report-json", report_path.string()});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "audit of " << k_tables << " tables with serial columns: " << seconds << " s\n";
  RecordProperty("audit_seconds", std::to_string(seconds));
  // The reasons of an incomplete run can run to megabytes: show their start only.
  ASSERT_EQ(result.exit_code, 0) << result.out.substr(0, 4000) << result.err.substr(0, 4000);
  const json report = json::parse(test::read_file(report_path.string()));
  EXPECT_EQ(report["status"], "clean");
  EXPECT_EQ(report["tables"].size(), static_cast<std::size_t>(k_tables));
  EXPECT_TRUE(report["incomplete_reasons"].empty());
}
