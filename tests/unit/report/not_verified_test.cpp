// Tables left unverified for one cause are told once, with a count and a few examples.
#include "report/not_verified.hpp"

#include <gtest/gtest.h>

using namespace pgparity::report;

namespace {

TableResult table(std::string name, TableStatus status, std::string reason = {}) {
  TableResult result;
  result.name = std::move(name);
  result.status = status;
  result.reason = std::move(reason);
  return result;
}

const std::string k_lost = "target: cannot return to the run's snapshot: gone";

std::vector<TableResult> sample() {
  return {table("s.a", TableStatus::not_verified, k_lost),
          table("s.b", TableStatus::match),
          table("s.c", TableStatus::not_verified, "source: permission denied"),
          table("s.d", TableStatus::not_verified, k_lost),
          table("s.e", TableStatus::not_verified, k_lost),
          table("s.f", TableStatus::not_verified, k_lost),
          table("s.g", TableStatus::mismatch)};
}

TEST(NotVerified, GroupsTablesByIdenticalReasonInOrder) {
  const auto groups = group_not_verified(sample());
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].reason, k_lost);
  EXPECT_EQ(groups[0].tables, (std::vector<std::string>{"s.a", "s.d", "s.e", "s.f"}));
  EXPECT_EQ(groups[1].tables, (std::vector<std::string>{"s.c"}));
}

TEST(NotVerified, DescribesCountReasonAndAFewExamples) {
  const auto groups = group_not_verified(sample());
  EXPECT_EQ(describe(groups[0]),
            "4 tables not verified: " + k_lost + " (e.g. s.a, s.d, s.e and 1 more)");
  EXPECT_EQ(describe(groups[0], 4),
            "4 tables not verified: " + k_lost + " (e.g. s.a, s.d, s.e, s.f)");
  EXPECT_EQ(describe(groups[1]), "1 table not verified: source: permission denied (e.g. s.c)");
}

TEST(NotVerified, SharedReasonsBecomeOneIncompleteReasonOwnReasonsAFinding) {
  std::vector<Finding> findings;
  std::vector<std::string> reasons;
  report_not_verified(sample(), findings, reasons);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].id, "table.not_verified");
  EXPECT_EQ(findings[0].object, "s.c");
  EXPECT_EQ(findings[0].message, "not verified: source: permission denied");
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(reasons[0].rfind("4 tables not verified: " + k_lost, 0), 0u) << reasons[0];
}

} // namespace
