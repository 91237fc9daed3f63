#include "hashing/chunk_key.hpp"

#include <gtest/gtest.h>

using namespace pgparity;
using core::Column;
using core::Index;

namespace {

core::Table table_with(std::vector<Column> columns) {
  core::Table table{.name = {"public", "t"}};
  table.columns = std::move(columns);
  return table;
}

Index unique_index(std::string name, std::vector<std::string> columns) {
  return Index{.name = {"public", std::move(name)},
               .table = {"public", "t"},
               .is_unique = true,
               .is_valid = true,
               .is_ready = true,
               .key_columns = std::move(columns)};
}

const core::Table k_table = table_with(
    {Column{.name = "id", .not_null = true}, Column{.name = "a", .not_null = true},
     Column{.name = "b", .not_null = true}, Column{.name = "nullable", .not_null = false}});

} // namespace

TEST(ChooseChunkKey, PrefersPrimaryKey) {
  Index unique = unique_index("a_key", {"a"});
  Index primary = unique_index("t_pkey", {"id", "b"});
  primary.is_primary = true;
  auto key = hashing::choose_chunk_key(k_table, {&unique, &primary});
  ASSERT_TRUE(key);
  EXPECT_EQ(key->columns, (std::vector<std::string>{"id", "b"}));
  EXPECT_EQ(key->index, "t_pkey");
  EXPECT_TRUE(key->primary);
}

TEST(ChooseChunkKey, FewestColumnsThenName) {
  Index wide = unique_index("a_b_key", {"a", "b"});
  Index b = unique_index("z_key", {"b"});
  Index a = unique_index("m_key", {"a"});
  auto key = hashing::choose_chunk_key(k_table, {&wide, &b, &a});
  ASSERT_TRUE(key);
  EXPECT_EQ(key->index, "m_key");
  EXPECT_FALSE(key->primary);
}

TEST(ChooseChunkKey, RejectsUnusableIndexes) {
  Index nullable = unique_index("n_key", {"nullable"});
  Index partial = unique_index("p_key", {"a"});
  partial.predicate = "(a > 0)";
  Index expression = unique_index("e_key", {""});
  Index invalid = unique_index("i_key", {"b"});
  invalid.is_valid = false;
  Index not_unique = unique_index("x_idx", {"id"});
  not_unique.is_unique = false;
  EXPECT_FALSE(hashing::choose_chunk_key(
      k_table, {&nullable, &partial, &expression, &invalid, &not_unique}));
  EXPECT_FALSE(hashing::choose_chunk_key(k_table, {}));
}

// PostgreSQL 18's NOT NULL … NOT VALID leaves existing NULLs in place: no key over such a column.
TEST(ChooseChunkKey, RejectsNotNullNotValidColumns) {
  const core::Table table =
      table_with({Column{.name = "id", .not_null = true},
                  Column{.name = "code", .not_null = true, .not_null_validated = false}});
  Index code = unique_index("code_key", {"code"});
  EXPECT_FALSE(hashing::choose_chunk_key(table, {&code}));
  Index id = unique_index("id_key", {"id"});
  auto key = hashing::choose_chunk_key(table, {&code, &id});
  ASSERT_TRUE(key);
  EXPECT_EQ(key->index, "id_key");
}
