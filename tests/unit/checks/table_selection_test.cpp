#include "checks/column_matching.hpp"
#include "checks/table_selection.hpp"
#include "core/error.hpp"

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

std::vector<std::string> names(const std::vector<checks::ExtraChild> &children) {
  std::vector<std::string> out;
  for (const auto &child : children) {
    out.push_back(child.table->name.str() + " < " + child.parent.str() + " < " +
                  child.ancestor.str());
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

TEST(PairTables, MaterializedViewsLikeTables) {
  const auto view = [](std::string name, bool populated = true) {
    core::Table v = table("s", std::move(name), core::TableKind::materialized_view);
    v.populated = populated;
    return v;
  };
  core::Catalog source, target;
  source.tables = {table("s", "a")};
  target.tables = {table("s", "a")};
  source.materialized_views = {
      view("both"), view("cold_both", false), view("cold_source", false), view("cold_target"),
      view("gone"), view("skipped")};
  target.materialized_views = {view("both"),        view("cold_both", false),
                               view("cold_source"), view("cold_target", false),
                               view("new"),         view("skipped")};
  auto pairing = checks::pair_tables(source, target, {{}, {"s.skipped"}});
  ASSERT_EQ(pairing.pairs.size(), 2u);
  EXPECT_EQ(pairing.pairs[1].source->name.str(), "s.both");
  EXPECT_EQ(pairing.pairs[1].target, target.materialized_view({"s", "both"}));
  EXPECT_EQ(names(pairing.missing), std::vector<std::string>{"s.gone"});
  EXPECT_EQ(names(pairing.extra), std::vector<std::string>{"s.new"});
  std::vector<std::string> unpopulated;
  for (const auto &pair : pairing.unpopulated) {
    unpopulated.push_back(pair.source->name.str());
  }
  EXPECT_EQ(unpopulated,
            (std::vector<std::string>{"s.cold_both", "s.cold_source", "s.cold_target"}));
  // Populated on one side only, either way: queries fail on the other side.
  std::vector<std::pair<std::string, std::string>> findings;
  for (const auto &f : pairing.findings) {
    findings.emplace_back(f.id, f.object);
    EXPECT_EQ(f.severity, report::Severity::error);
  }
  EXPECT_EQ(findings,
            (std::vector<std::pair<std::string, std::string>>{
                {"view.not_populated", "s.cold_source"}, {"view.not_populated", "s.cold_target"}}));

  // --include selects them by name; a pattern naming only a view selects something.
  auto only = checks::pair_tables(source, target, {{"s.both"}, {}});
  ASSERT_EQ(only.pairs.size(), 1u);
  EXPECT_EQ(only.pairs[0].source->name.str(), "s.both");
  EXPECT_TRUE(checks::TableFilter({"s.gone"}, {}).unmatched_patterns(source, target).empty());
  EXPECT_TRUE(checks::TableFilter({}, {"s.new"}).unmatched_patterns(source, target).empty());
  EXPECT_EQ(checks::TableFilter({"s.new"}, {}).unmatched_patterns(source, target),
            std::vector<std::string>{"--include 's.new'"});
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

namespace {

core::Table partition(std::string name, std::string parent,
                      core::TableKind kind = core::TableKind::table) {
  core::Table t = table("s", std::move(name), kind);
  t.partition_of = core::QualifiedName{"s", std::move(parent)};
  return t;
}

} // namespace

TEST(PairTables, IncludeOfAPartitionedParentSelectsItsLeaves) {
  core::Catalog catalog;
  catalog.tables = {table("s", "ev", core::TableKind::partitioned_table), partition("ev_eu", "ev"),
                    partition("ev_us", "ev", core::TableKind::partitioned_table),
                    partition("ev_us_1", "ev_us"), table("s", "other")};
  const checks::TableFilter include{{"s.ev"}, {}};
  auto pairing = checks::pair_tables(catalog, catalog, include);
  std::vector<std::string> paired;
  for (const auto &pair : pairing.pairs) {
    paired.push_back(pair.source->name.str());
  }
  EXPECT_EQ(paired, (std::vector<std::string>{"s.ev_eu", "s.ev_us_1"}));
  const checks::TableFilter exclude{{}, {"s.ev_us"}};
  pairing = checks::pair_tables(catalog, catalog, exclude);
  paired.clear();
  for (const auto &pair : pairing.pairs) {
    paired.push_back(pair.source->name.str());
  }
  EXPECT_EQ(paired, (std::vector<std::string>{"s.ev_eu", "s.other"}));
}

TEST(PairTables, IncludeOfAnInheritanceParentSelectsItsChildren) {
  core::Table kid = table("s", "kid");
  kid.inherits = {{"s", "par"}};
  core::Table grandkid = table("s", "grandkid");
  grandkid.inherits = {{"s", "kid"}};
  core::Catalog catalog;
  catalog.tables = {grandkid, kid, table("s", "other"), table("s", "par")};
  const auto pairing = checks::pair_tables(catalog, catalog, {{"s.par"}, {}});
  std::vector<std::string> paired;
  for (const auto &pair : pairing.pairs) {
    paired.push_back(pair.source->name.str());
  }
  EXPECT_EQ(paired, (std::vector<std::string>{"s.grandkid", "s.kid", "s.par"}));
}

TEST(PairTables, IncludeOfATableOnlyOnTheTargetSelectsNothing) {
  core::Catalog source, target;
  source.tables = {table("s", "t")};
  target.tables = {table("s", "t"), table("s", "zonly")};
  const checks::TableFilter filter{{"s.zonly"}, {}};
  EXPECT_EQ(filter.unmatched_patterns(source, target),
            std::vector<std::string>{"--include 's.zonly'"});
}

TEST(PairTables, PatternsThatSelectNothingAreNamed) {
  core::Catalog catalog;
  catalog.tables = {table("s", "ev", core::TableKind::partitioned_table), partition("ev_eu", "ev"),
                    table("s", "remote", core::TableKind::foreign_table)};
  const checks::TableFilter filter{{"s.ev", "s.typo", "s.remote"}, {"s.remote", "s.nothing*"}};
  EXPECT_EQ(filter.unmatched_patterns(catalog, catalog),
            (std::vector<std::string>{"--include 's.typo'", "--include 's.remote'",
                                      "--exclude 's.nothing*'"}));
  EXPECT_THROW(checks::require_matching_patterns(catalog, catalog, filter), ConfigError);
  EXPECT_NO_THROW(checks::require_matching_patterns(catalog, catalog, {{"s.*"}, {}}));
}

TEST(PairTables, ChildrenOnlyOnTheTargetAreToldApart) {
  core::Catalog source, target;
  source.tables = {table("s", "ev", core::TableKind::partitioned_table), partition("ev_eu", "ev"),
                   table("s", "parent")};
  core::Table child = table("s", "child");
  child.inherits = {{"s", "parent"}};
  target.tables = {table("s", "child"),      table("s", "ev", core::TableKind::partitioned_table),
                   partition("ev_eu", "ev"), partition("ev_us", "ev"),
                   table("s", "new"),        table("s", "parent")};
  target.tables[0] = child;
  const auto pairing = checks::pair_tables(source, target, {});
  EXPECT_EQ(names(pairing.extra_children),
            (std::vector<std::string>{"s.child < s.parent < s.parent", "s.ev_us < s.ev < s.ev"}));
  EXPECT_EQ(names(pairing.extra), std::vector<std::string>{"s.new"});
}

TEST(PairTables, DescendantsOnlyOnTheTargetAreFoundAtAnyDepthWhateverTheirKind) {
  core::Catalog source, target;
  source.tables = {table("s", "p", core::TableKind::partitioned_table), partition("p1", "p"),
                   table("s", "parent")};
  core::Table grandchild = table("s", "grandchild");
  grandchild.inherits = {{"s", "kid"}};
  core::Table kid = table("s", "kid");
  kid.inherits = {{"s", "parent"}};
  core::Table p2 = partition("p2", "p");
  p2.kind = core::TableKind::partitioned_table;
  core::Table p3 = partition("p3", "p");
  p3.kind = core::TableKind::foreign_table;
  core::Table lone = table("s", "lone", core::TableKind::partitioned_table);
  target.tables = {grandchild,
                   kid,
                   table("s", "lone_leaf"),
                   lone,
                   table("s", "p", core::TableKind::partitioned_table),
                   partition("p1", "p"),
                   p2,
                   partition("p2a", "p2"),
                   p3,
                   table("s", "parent")};
  target.tables[2].partition_of = core::QualifiedName{"s", "lone"};
  const auto pairing = checks::pair_tables(source, target, {});
  EXPECT_EQ(
      names(pairing.extra_children),
      (std::vector<std::string>{"s.grandchild < s.kid < s.parent", "s.kid < s.parent < s.parent",
                                "s.p2 < s.p < s.p", "s.p2a < s.p2 < s.p", "s.p3 < s.p < s.p"}));
  EXPECT_EQ(names(pairing.extra), std::vector<std::string>{"s.lone_leaf"});
}

// A partitioned table with no partition yet has no leaf to stand for it: it is paired itself, so
// one only on the source is missing (like a table) and one only on the target extra; one with
// partitions is still compared through them alone.
TEST(PairTables, PartitionedTableWithoutPartitionsStandsForItself) {
  core::Catalog source, target;
  auto leaf = table("s", "full_1");
  leaf.partition_of = core::QualifiedName{"s", "full"};
  source.tables = {table("s", "empty", core::TableKind::partitioned_table),
                   table("s", "full", core::TableKind::partitioned_table), leaf,
                   table("s", "on_both", core::TableKind::partitioned_table)};
  target.tables = {table("s", "new_empty", core::TableKind::partitioned_table),
                   table("s", "on_both", core::TableKind::partitioned_table)};
  const auto pairing = checks::pair_tables(source, target, {});
  EXPECT_TRUE(pairing.pairs.empty());
  EXPECT_EQ(names(pairing.missing), (std::vector<std::string>{"s.empty", "s.full_1"}));
  EXPECT_EQ(names(pairing.extra), std::vector<std::string>{"s.new_empty"});
  ASSERT_EQ(pairing.leafless.size(), 1u); // its columns are still matched
  EXPECT_EQ(pairing.leafless[0].source->name.str(), "s.on_both");
}
