// The coverage table's decisions (checks/coverage.cpp) against the classes the catalog counts
// (core/read_object_counts.cpp), and how a run's scope turns them into rows.
#include "checks/coverage.hpp"
#include "core/catalog_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using namespace pgparity;
using report::CoverageState;

namespace {

// The classes a full audit does not compare yet: every class should have a decision. Empty once
// every class is compared or out of scope; until then the test names the ones left.
std::vector<std::string> undecided_classes() {
  std::vector<std::string> undecided;
  for (const auto &key : core::object_class_keys()) {
    if (checks::class_decision(key) == nullptr) {
      undecided.push_back(key);
    }
  }
  return undecided;
}

// A catalog with one object of every class.
core::Catalog one_of_each() {
  core::Catalog catalog;
  for (const auto &key : core::object_class_keys()) {
    catalog.object_counts.push_back({key, 1});
  }
  return catalog;
}

report::Scope data_only() {
  report::Scope scope;
  scope.checks = {"data"};
  return scope;
}

} // namespace

TEST(CoverageDecisions, ClassKeysAreUniqueStableWords) {
  const auto &keys = core::object_class_keys();
  EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()).size(), keys.size());
  for (const auto &key : keys) {
    EXPECT_FALSE(key.empty());
    EXPECT_TRUE(std::all_of(key.begin(), key.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || c == '_';
    })) << key;
  }
}

TEST(CoverageDecisions, EveryClassHasADecision) {
  EXPECT_EQ(undecided_classes(), std::vector<std::string>{})
      << "classes a full audit leaves not compared (checks/coverage.cpp has no decision)";
}

TEST(CoverageDecisions, NoDecisionNamesAnUnknownClass) {
  const auto &keys = core::object_class_keys();
  for (const auto &decided : checks::decided_classes()) {
    EXPECT_NE(std::find(keys.begin(), keys.end(), decided), keys.end())
        << decided << ": a decision for a class core::object_class_keys() does not count";
    const checks::ClassDecision *decision = checks::class_decision(decided);
    ASSERT_NE(decision, nullptr) << decided;
    EXPECT_TRUE(decision->state == CoverageState::compared ||
                decision->state == CoverageState::out_of_scope)
        << decided << ": a decision is compared or out of scope";
    EXPECT_FALSE(decision->note.empty()) << decided << ": says what is compared, or why not";
    EXPECT_TRUE(!decision->by_data || decision->state == CoverageState::compared) << decided;
  }
}

TEST(CoverageDecisions, FullAuditRowsFollowTheDecisions) {
  const auto rows = checks::build_coverage(one_of_each(), core::Catalog{}, report::Scope{});
  ASSERT_EQ(rows.size(), core::object_class_keys().size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto &row = rows[i];
    EXPECT_EQ(row.object_class, core::object_class_keys()[i]);
    EXPECT_EQ(row.source, 1);
    EXPECT_EQ(row.target, 0);
    const checks::ClassDecision *decision = checks::class_decision(row.object_class);
    EXPECT_EQ(row.state, decision == nullptr ? CoverageState::not_compared : decision->state)
        << row.object_class;
    EXPECT_FALSE(row.note.empty()) << row.object_class;
  }
}

// Without the structural checks only rows are compared: the tables' rows are compared, every
// other class is skipped (decided or not: a data-only run is never incomplete for a class the
// structural checks would not have compared either), out of scope stays out of scope.
TEST(CoverageDecisions, DataOnlyComparesRowsAndSkipsTheRest) {
  const auto rows = checks::build_coverage(one_of_each(), one_of_each(), data_only());
  ASSERT_EQ(rows.size(), core::object_class_keys().size());
  for (const auto &row : rows) {
    const checks::ClassDecision *decision = checks::class_decision(row.object_class);
    if (row.object_class == "tables" || row.object_class == "partitioned_tables") {
      EXPECT_EQ(row.state, CoverageState::compared) << row.object_class;
    } else if (decision != nullptr && decision->state == CoverageState::out_of_scope) {
      EXPECT_EQ(row.state, CoverageState::out_of_scope) << row.object_class;
    } else if (decision != nullptr && decision->by_data) {
      EXPECT_EQ(row.state, CoverageState::compared) << row.object_class;
    } else {
      EXPECT_EQ(row.state, CoverageState::skipped) << row.object_class;
    }
    EXPECT_FALSE(report::leaves_unverified(row)) << row.object_class;
  }
}
