// `pgparity inventory` on the sample database of the demo, checked against the fixture's list of
// tables (fixtures/sample/expected-tables.tsv), and reached through each form libpq accepts.
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <sys/stat.h>

using namespace pgparity;

namespace {

struct ExpectedTable {
  std::string kind;
  std::string chunk_key; // comma-separated, "-" for none
  long long rows = 0;
};

std::map<std::string, ExpectedTable> expected_tables() {
  std::ifstream in{test::repository_path("fixtures/sample/expected-tables.tsv")};
  std::map<std::string, ExpectedTable> tables;
  std::string line;
  std::getline(in, line); // header
  while (std::getline(in, line)) {
    std::istringstream fields{line};
    std::string name, kind, key, rows;
    std::getline(fields, name, '\t');
    std::getline(fields, kind, '\t');
    std::getline(fields, key, '\t');
    std::getline(fields, rows, '\t');
    tables[name] = {kind, key, std::stoll(rows)};
  }
  return tables;
}

std::string joined(const nlohmann::json &columns) {
  if (columns.is_null()) {
    return "-";
  }
  std::string out;
  for (const auto &c : columns) {
    out += (out.empty() ? "" : ",") + c.get<std::string>();
  }
  return out;
}

class Inventory : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    s_url = test::scratch_database("source", "inventory_sample");
    test::psql_file(s_url, test::repository_path("fixtures/sample/sample.sql"));
  }
  static std::string s_url;
};

std::string Inventory::s_url;

TEST_F(Inventory, JsonListsEveryTableWithKindKeyAndEstimate) {
  auto result = test::run_pgparity({"inventory", "--db", s_url, "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto json = nlohmann::json::parse(result.out);
  auto expected = expected_tables();
  ASSERT_GE(expected.size(), 10u) << "fixture list looks truncated";

  std::map<std::string, nlohmann::json> actual;
  for (const auto &table : json["tables"]) {
    actual[table["name"].get<std::string>()] = table;
  }
  for (const auto &[name, table] : expected) {
    ASSERT_TRUE(actual.count(name)) << "inventory misses " << name;
    const auto &got = actual[name];
    EXPECT_EQ(got["kind"], table.kind) << name;
    EXPECT_EQ(joined(got["chunk_key"]), table.chunk_key) << name;
    // ANALYZE has run: the estimate is near the truth (exact for small tables).
    ASSERT_FALSE(got["estimated_rows"].is_null()) << name;
    const double estimate = got["estimated_rows"].get<double>();
    EXPECT_LE(std::fabs(estimate - static_cast<double>(table.rows)),
              0.1 * static_cast<double>(table.rows) + 1.0)
        << name << ": estimate " << estimate << ", rows " << table.rows;
    if (table.kind == "partition") {
      EXPECT_FALSE(got["partition_of"].is_null()) << name;
    }
    if (table.rows > 0) {
      EXPECT_GT(got["size_bytes"].get<long long>(), 0) << name;
    }
  }
  EXPECT_EQ(actual.size(), expected.size()) << "inventory lists tables the fixture does not";
  EXPECT_EQ(json["database"]["name"], "inventory_sample");
  EXPECT_EQ(json["database"]["url"], s_url); // no password to hide; nothing else changed
}

TEST_F(Inventory, TextFormShowsQuotedNamesAndKeylessTables) {
  auto result = test::run_pgparity({"inventory", "--db", s_url});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const auto &[name, table] : expected_tables()) {
    EXPECT_NE(result.out.find(name), std::string::npos) << name;
  }
  EXPECT_NE(result.out.find("no key"), std::string::npos);
  EXPECT_NE(result.out.find("partitioned ("), std::string::npos);
  EXPECT_EQ(result.out.rfind("database postgresql://", 0), 0u) << result.out;
}

// Reaching the same database through key=value pairs, PG* variables, a service file and a
// password file: libpq resolves them all, pgparity only passes them on.
TEST_F(Inventory, AcceptsEveryConnectionForm) {
  const std::string port = test::cluster_port("source");
  auto key_value = test::run_pgparity(
      {"inventory", "--json", "--db",
       "host=127.0.0.1 port=" + port + " user=postgres dbname=inventory_sample"});
  EXPECT_EQ(key_value.exit_code, 0) << key_value.err;

  const std::string dir = ::testing::TempDir();
  const std::string service_file = dir + "/pgparity_services.conf";
  std::ofstream{service_file} << "[sample]\nhost=127.0.0.1\nport=" << port
                              << "\nuser=pgparity_pw\ndbname=inventory_sample\n";
  const std::string pass_file = dir + "/pgparity_pgpass";
  std::ofstream{pass_file} << "127.0.0.1:" << port << ":*:pgparity_pw:pgparity-secret\n";
  chmod(pass_file.c_str(), 0600);
  setenv("PGSERVICEFILE", service_file.c_str(), 1);
  setenv("PGPASSFILE", pass_file.c_str(), 1);
  auto service = test::run_pgparity({"inventory", "--json", "--db", "service=sample"});
  EXPECT_EQ(service.exit_code, 0) << service.err;

  setenv("PGHOST", "127.0.0.1", 1);
  setenv("PGPORT", port.c_str(), 1);
  setenv("PGUSER", "postgres", 1);
  setenv("PGDATABASE", "inventory_sample", 1);
  auto environment = test::run_pgparity({"inventory", "--json", "--db", ""});
  for (const char *name :
       {"PGSERVICEFILE", "PGPASSFILE", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE"}) {
    unsetenv(name);
  }
  ASSERT_EQ(environment.exit_code, 0) << environment.err;
  EXPECT_EQ(nlohmann::json::parse(environment.out)["database"]["url"],
            "postgresql://postgres@127.0.0.1:" + port + "/inventory_sample");
}

} // namespace
