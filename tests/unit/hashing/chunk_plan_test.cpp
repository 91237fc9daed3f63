#include "hashing/chunk_plan.hpp"

#include <gtest/gtest.h>

using namespace pgparity::hashing;

namespace {

std::vector<std::string_view> views(const std::vector<std::string> &values) {
  return {values.begin(), values.end()};
}

} // namespace

TEST(ChunkPlan, IntegersCompareAsNumbersOthersAsBytes) {
  EXPECT_EQ(key_kind_for("bigint"), KeyKind::integer);
  EXPECT_EQ(key_kind_for("text"), KeyKind::bytes);
  EXPECT_EQ(key_kind_for("uuid"), KeyKind::bytes);
  EXPECT_LT(compare_keys({"-5"}, {"10"}, {KeyKind::integer}), 0);
  EXPECT_GT(compare_keys({"9"}, {"10"}, {KeyKind::bytes}), 0);
  EXPECT_LT(compare_keys({"B"}, {"a"}, {KeyKind::bytes}), 0); // C order, whatever the server's
  EXPECT_LT(compare_keys({"a", "2"}, {"a", "10"}, {KeyKind::bytes, KeyKind::integer}), 0);
  EXPECT_EQ(compare_keys({"a", "2"}, {"a", "2"}, {KeyKind::bytes, KeyKind::integer}), 0);
}

TEST(ChunkPlan, BoundariesAreSortedDistinctQuantiles) {
  std::vector<std::vector<std::string>> sample;
  for (int i = 100; i > 0; --i) {
    sample.push_back({std::to_string(i)});
  }
  auto bounds = choose_boundaries(sample, 4, {KeyKind::integer});
  ASSERT_EQ(bounds.size(), 3u);
  EXPECT_EQ(bounds[0][0], "26");
  EXPECT_EQ(bounds[1][0], "51");
  EXPECT_EQ(bounds[2][0], "76");
  EXPECT_EQ(choose_boundaries({{"7"}, {"7"}, {"7"}}, 3, {KeyKind::integer}).size(), 1u); // distinct
  EXPECT_TRUE(choose_boundaries({}, 5, {KeyKind::integer}).empty());
}

TEST(ChunkPlan, RowsFallIntoTheRangeOfTheirKey) {
  ChunkPlan plan;
  plan.key_fields = {1};
  plan.key_kinds = {KeyKind::integer};
  plan.boundaries = {{"0"}, {"100"}};
  const Hash128 any{};
  EXPECT_EQ(plan.chunk_count(), 3u);
  EXPECT_EQ(plan.chunk_of(views({"x", "-1000000"}), any), 0u);
  EXPECT_EQ(plan.chunk_of(views({"x", "0"}), any), 1u);
  EXPECT_EQ(plan.chunk_of(views({"x", "99"}), any), 1u);
  EXPECT_EQ(plan.chunk_of(views({"x", "100"}), any), 2u);
  EXPECT_EQ(plan.chunk_of(views({"x", "5000000000"}), any), 2u);
  EXPECT_EQ(plan.key_of(views({"x", "42"})), std::vector<std::string_view>{"42"});
  EXPECT_EQ(plan.fields_needed(), 2u);
  // The same answers once integer boundaries are parsed ahead (the hot path).
  plan.prepare();
  EXPECT_EQ(plan.chunk_of(views({"x", "-1000000"}), any), 0u);
  EXPECT_EQ(plan.chunk_of(views({"x", "0"}), any), 1u);
  EXPECT_EQ(plan.chunk_of(views({"x", "99"}), any), 1u);
  EXPECT_EQ(plan.chunk_of(views({"x", "100"}), any), 2u);
  EXPECT_EQ(plan.chunk_of(views({"x", "5000000000"}), any), 2u);
}

TEST(ChunkPlan, TextKeysUseByteOrderEvenAfterPrepare) {
  ChunkPlan plan;
  plan.key_fields = {0};
  plan.key_kinds = {KeyKind::bytes};
  plan.boundaries = {{"B"}, {"a"}};
  plan.prepare();
  const Hash128 any{};
  EXPECT_EQ(plan.chunk_of(views({"A"}), any), 0u);
  EXPECT_EQ(plan.chunk_of(views({"Z"}), any), 1u);
  EXPECT_EQ(plan.chunk_of(views({"_x"}), any), 1u);
  EXPECT_EQ(plan.chunk_of(views({"b"}), any), 2u);
}

TEST(ChunkPlan, KeylessRowsAreBucketedByHash) {
  ChunkPlan plan;
  plan.buckets = 4;
  EXPECT_FALSE(plan.keyed());
  EXPECT_EQ(plan.chunk_count(), 4u);
  EXPECT_EQ(plan.chunk_of({}, Hash128{0, 7}), 3u);
}

TEST(ChunkPlan, SlicesCoverEveryPageOnceAndOnlyFromVersion14) {
  EXPECT_EQ(slice_predicates(100000, 130000, 4), std::vector<std::string>{""});
  EXPECT_EQ(slice_predicates(1000, 150000, 4), std::vector<std::string>{""});
  const auto slices = slice_predicates(10000, 150000, 4);
  ASSERT_EQ(slices.size(), 4u);
  EXPECT_EQ(slices[0], "ctid < '(2500,0)'");
  EXPECT_EQ(slices[1], "ctid >= '(2500,0)' AND ctid < '(5000,0)'");
  EXPECT_EQ(slices[3], "ctid >= '(7500,0)'"); // open: rows on pages added later are covered
}

TEST(ChunkPlan, PreparedCompositeKeysGiveTheSameChunks) {
  ChunkPlan plan;
  plan.key_fields = {2, 0};
  plan.key_kinds = {KeyKind::integer, KeyKind::bytes};
  plan.boundaries = {{"-3", "m"}, {"7", "a"}, {"7", "q"}, {"100", "B"}};
  const std::vector<std::vector<std::string>> rows{
      {"a", "x", "-10"}, {"m", "x", "-3"},  {"l", "x", "-3"},
      {"b", "x", "7"},   {"q", "x", "7"},   {"z", "x", "7"},
      {"A", "x", "100"}, {"C", "x", "100"}, {"a", "x", "5000000000"}};
  std::vector<std::size_t> general;
  for (const auto &row : rows) {
    general.push_back(plan.chunk_of(views(row), Hash128{}));
  }
  EXPECT_EQ(general, (std::vector<std::size_t>{0, 1, 0, 2, 3, 3, 3, 4, 4}));
  plan.prepare();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(plan.chunk_of(views(rows[i]), Hash128{}), general[i]) << i;
  }
}
