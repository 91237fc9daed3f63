#include "checks/catalog_object_compare.hpp"
#include "checks/long_tail_checks.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace pgparity;

namespace {

using Pairs = std::set<std::pair<std::string, std::string>>;

Pairs ids(const std::vector<report::Finding> &findings) {
  Pairs pairs;
  for (const auto &f : findings) {
    pairs.emplace(f.id, f.object);
  }
  return pairs;
}

const checks::ObjectClassFindings k_names{"collations", "collation.missing", "collation.extra",
                                          "collation.changed", "collation"};

core::CatalogObject collation(std::string name, std::string deterministic) {
  return {std::move(name), {{"provider", "icu"}, {"deterministic", std::move(deterministic)}}};
}

} // namespace

TEST(CatalogObjectCompare, MissingExtraAndChangedByIdentity) {
  std::vector<report::Finding> findings;
  checks::compare_catalog_objects({collation("s.a", "true"), collation("s.b", "false")},
                                  {collation("s.b", "true"), collation("s.c", "true")}, k_names,
                                  findings);
  EXPECT_EQ(ids(findings), (Pairs{{"collation.missing", "s.a"},
                                  {"collation.changed", "s.b"},
                                  {"collation.extra", "s.c"}}));
  const auto &changed = findings.at(1);
  EXPECT_EQ(changed.severity, report::Severity::error);
  EXPECT_EQ(changed.details["deterministic"]["source"], "false");
  EXPECT_EQ(changed.details["deterministic"]["target"], "true");
  EXPECT_EQ(changed.message,
            "the collation differs: deterministic is false on the source but true on the target");
}

TEST(CatalogObjectCompare, PropertyOnOneSideOnlyIsNotCompared) {
  // A property one server version lacks (ICU rules before 16, a multirange before 14).
  core::CatalogObject older = collation("s.a", "true");
  core::CatalogObject newer = collation("s.a", "true");
  newer.properties.emplace_back("icu_rules", "none");
  std::vector<report::Finding> findings;
  checks::compare_catalog_objects({older}, {newer}, k_names, findings);
  EXPECT_TRUE(findings.empty());
}

TEST(CatalogObjectCompare, PrivilegesAndCommentsAreOneInformationFindingPerDatabase) {
  core::Catalog source;
  core::Catalog target;
  target.server.database = "app";
  source.column_privileges = {{"s.t.a", {{"acl", "reader=r/owner"}}},
                              {"s.t.b", {{"acl", "reader=r/owner"}}}};
  source.comments = {{"table s.t", {{"comment", "customers"}}}};
  target.comments = {{"table s.t", {{"comment", "clients"}}}};
  const auto privileges = checks::check_privileges(source, target);
  ASSERT_EQ(ids(privileges), (Pairs{{"column_privileges.changed", "app"}}));
  EXPECT_EQ(privileges[0].severity, report::Severity::info);
  EXPECT_EQ(privileges[0].details["objects"].size(), 2U);
  const auto comments = checks::check_comments(source, target);
  ASSERT_EQ(ids(comments), (Pairs{{"comment.changed", "app"}}));
  EXPECT_EQ(comments[0].severity, report::Severity::info);
  EXPECT_EQ(comments[0].details["objects"][0]["difference"], "changed");
}
