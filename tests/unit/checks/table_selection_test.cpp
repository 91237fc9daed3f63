#include "checks/column_matching.hpp"
#include "checks/table_selection.hpp"

#include <gtest/gtest.h>

using namespace pgparity;

namespace {

core::Table table(std::string schema, std::string name,
                  core::TableKind kind = core::TableKind::table) {
  core::Table t;
  t.name = {std::move(schema), std::move(name)};
  t.kind = kind;
  return t;
}

std::vector<std::string> names(const std::vector<const core::Table *> &tables) {
  std::vector<std::string> out;
  for (const auto *t : tables) {
    out.push_back(t->name.str());
  }
  return out;
}

} // namespace

TEST(TableFilter, IncludeAndExcludePatterns) {
  checks::TableFilter all;
  EXPECT_TRUE(all.accepts("public.t"));
  checks::TableFilter sales{{"sales.*"}, {"sales.tmp_*"}};
  EXPECT_TRUE(sales.accepts("sales.orders"));
  EXPECT_FALSE(sales.accepts("public.orders"));
  EXPECT_FALSE(sales.accepts("sales.tmp_1"));
  checks::TableFilter quoted{{"Sales.Order Items"}, {}};
  EXPECT_TRUE(quoted.accepts("Sales.Order Items"));
}

TEST(PairTables, PairsByNameThroughLeafPartitions) {
  core::Catalog source, target;
  source.tables = {table("s", "a"), table("s", "gone"),
                   table("s", "p", core::TableKind::partitioned_table), table("s", "p_1"),
                   table("s", "remote", core::TableKind::foreign_table)};
  target.tables = {table("s", "a"), table("s", "new"),
                   table("s", "p", core::TableKind::partitioned_table), table("s", "p_1")};
  auto pairing = checks::pair_tables(source, target, {});
  ASSERT_EQ(pairing.pairs.size(), 2u);
  EXPECT_EQ(pairing.pairs[0].source->name.str(), "s.a");
  EXPECT_EQ(pairing.pairs[1].source->name.str(), "s.p_1");
  EXPECT_EQ(names(pairing.missing), std::vector<std::string>{"s.gone"});
  EXPECT_EQ(names(pairing.extra), std::vector<std::string>{"s.new"});
  ASSERT_EQ(pairing.findings.size(), 1u);
  EXPECT_EQ(pairing.findings[0].id, "table.foreign_skipped");
  EXPECT_EQ(pairing.findings[0].severity, report::Severity::info);
}

TEST(MatchColumns, ByNameNeverByPosition) {
  core::Table source = table("s", "t");
  source.columns = {{.name = "id", .type = "integer"},
                    {.name = "b", .type = "text"},
                    {.name = "gone", .type = "text"},
                    {.name = "n", .type = "integer"}};
  core::Table target = table("s", "t");
  target.columns = {{.name = "n", .type = "bigint"},
                    {.name = "id", .type = "integer"},
                    {.name = "b", .type = "text"},
                    {.name = "added", .type = "text"}};
  auto matching = checks::match_columns(source, target);
  std::vector<std::string> common;
  for (const auto &c : matching.common) {
    common.push_back(c.name);
  }
  EXPECT_EQ(common, (std::vector<std::string>{"b", "id", "n"}));
  std::vector<std::pair<std::string, std::string>> found;
  for (const auto &f : matching.findings) {
    found.emplace_back(f.id, f.object);
  }
  EXPECT_EQ(found, (std::vector<std::pair<std::string, std::string>>{
                       {"column.missing_on_target", "s.t.gone"},
                       {"column.type_changed", "s.t.n"},
                       {"column.extra_on_target", "s.t.added"}}));
}
