#include "checks/database_check.hpp"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

using namespace pgparity;

namespace {

using Triples = std::set<std::tuple<std::string, std::string, report::Severity>>;

Triples found(const std::vector<report::Finding> &findings) {
  Triples triples;
  for (const auto &f : findings) {
    triples.emplace(f.id, f.object, f.severity);
  }
  return triples;
}

core::Catalog with(core::DatabaseProperties database) {
  core::Catalog catalog;
  catalog.database = std::move(database);
  return catalog;
}

constexpr auto k_warning = report::Severity::warning;
constexpr auto k_info = report::Severity::info;

} // namespace

TEST(DatabaseCheck, SamePropertiesNoFinding) {
  const core::DatabaseProperties shop{.name = "shop",
                                      .connection_limit = 40,
                                      .comment = "orders",
                                      .public_connect = false,
                                      .public_temporary = true,
                                      .role_grants = {"app=CONNECT"}};
  auto copy = shop;
  copy.name = "shop_copy"; // the database's name is no property
  EXPECT_TRUE(checks::check_database_properties(with(shop), with(copy)).empty());
}

TEST(DatabaseCheck, EachPropertyAtItsSeverity) {
  const core::DatabaseProperties source{.name = "shop",
                                        .connection_limit = 40,
                                        .comment = "orders",
                                        .public_connect = true,
                                        .public_temporary = false,
                                        .role_grants = {"app=CONNECT, CREATE"}};
  const core::DatabaseProperties target{.name = "shop", .public_connect = false};
  const auto findings = checks::check_database_properties(with(source), with(target));
  EXPECT_EQ(found(findings), (Triples{{"database.connection_limit_changed", "shop", k_warning},
                                      {"database.public_privilege_changed", "shop", k_warning},
                                      {"database.privileges_changed", "shop", k_info},
                                      {"database.comment_changed", "shop", k_info}}));
  std::set<std::string> privileges;
  for (const auto &f : findings) {
    if (f.id == "database.connection_limit_changed") {
      EXPECT_EQ(f.details["fix"], "ALTER DATABASE \"shop\" CONNECTION LIMIT 40;");
      EXPECT_EQ(f.details["target"], -1);
    }
    if (f.id == "database.public_privilege_changed") {
      privileges.insert(f.details["privilege"].get<std::string>());
    }
    if (f.id == "database.comment_changed") {
      EXPECT_TRUE(f.details["target"].is_null());
    }
  }
  // CONNECT lost on the target, TEMPORARY gained there: both named.
  EXPECT_EQ(privileges, (std::set<std::string>{"CONNECT", "TEMPORARY"}));
}
