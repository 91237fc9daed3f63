#include "checks/row_diff.hpp"
#include "hashing/copy_text.hpp"

#include <gtest/gtest.h>

using namespace pgparity;
using hashing::CollectedRow;

namespace {

// A collected row from a COPY image; the key is the first field.
CollectedRow row(const std::string &image, bool keyed = true) {
  std::vector<std::string_view> fields;
  hashing::split_copy_fields(image, fields);
  CollectedRow r;
  if (keyed) {
    r.key = {std::string{fields[0]}};
  }
  r.hash = hashing::hash_bytes(image);
  for (auto f : fields) {
    r.field_hashes.push_back(hashing::hash_bytes_64(f));
  }
  r.image = image;
  return r;
}

} // namespace

TEST(DiffRows, KeyedRowsAreMatchedByKey) {
  hashing::CollectedTable rows;
  rows.source.rows = {row("10\ta\tx"), row("2\tb\ty"), row("3\tc\tz")};
  rows.target.rows = {row("3\tc\tz"), row("10\ta\tX"), row("4\td\tw")};
  hashing::ChunkPlan plan;
  plan.key_fields = {0};
  plan.key_kinds = {hashing::KeyKind::integer};
  auto diff = checks::diff_rows({&rows, &plan, {"id", "name", "note"}, {"id"}, 10, true});
  EXPECT_EQ(diff.changed, 1u);
  EXPECT_EQ(diff.missing_on_target, 1u);
  EXPECT_EQ(diff.extra_on_target, 1u);
  ASSERT_EQ(diff.examples.size(), 3u);
  // In key order: 2, 4, 10 (as numbers).
  EXPECT_EQ(diff.examples[0].kind, "missing_on_target");
  EXPECT_EQ(diff.examples[0].key->at(0).second, "2");
  EXPECT_EQ(diff.examples[1].kind, "extra_on_target");
  EXPECT_EQ(diff.examples[2].kind, "changed");
  EXPECT_EQ(diff.examples[2].columns, std::vector<std::string>{"note"});
  EXPECT_EQ(diff.examples[2].source->at(2).second, "x");
  EXPECT_EQ(diff.examples[2].target->at(2).second, "X");
}

TEST(DiffRows, ValuesStayHiddenWithoutShowValues) {
  hashing::CollectedTable rows;
  rows.source.rows = {row("1\ta")};
  rows.target.rows = {row("1\tb")};
  hashing::ChunkPlan plan;
  plan.key_fields = {0};
  plan.key_kinds = {hashing::KeyKind::integer};
  auto diff = checks::diff_rows({&rows, &plan, {"id", "v"}, {"id"}, 10, false});
  ASSERT_EQ(diff.examples.size(), 1u);
  EXPECT_FALSE(diff.examples[0].source);
  EXPECT_FALSE(diff.examples[0].target);
  EXPECT_TRUE(diff.examples[0].key); // keys locate the row: always shown
}

TEST(DiffRows, KeylessRowsAreCompardAsMultisets) {
  hashing::CollectedTable rows;
  rows.source.rows = {row("a\t1", false), row("b\t2", false), row("b\t2", false)};
  rows.target.rows = {row("a\t1", false), row("b\t2", false), row("c\t\\N", false),
                      row("c\t\\N", false)};
  hashing::ChunkPlan plan;
  auto diff = checks::diff_rows({&rows, &plan, {"x", "y"}, {}, 1, true});
  EXPECT_EQ(diff.missing_on_target, 1u);
  EXPECT_EQ(diff.extra_on_target, 2u);
  ASSERT_EQ(diff.examples.size(), 1u); // max_examples
  EXPECT_FALSE(diff.examples[0].key);
}
