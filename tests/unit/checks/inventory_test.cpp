#include "checks/inventory.hpp"

#include <gtest/gtest.h>

using namespace pgparity;

TEST(TakeInventory, KindsPartitionsAndKeys) {
  core::Catalog catalog;
  core::Table parent{.name = {"s", "events"}, .kind = core::TableKind::partitioned_table};
  parent.columns = {{.name = "id", .not_null = true}};
  core::Table leaf{.name = {"s", "events_1"}, .partition_of = core::QualifiedName{"s", "events"}};
  leaf.columns = {{.name = "id", .not_null = true}};
  core::Table log{.name = {"s", "log"}, .persistence = core::Persistence::unlogged};
  catalog.tables = {parent, leaf, log};
  catalog.indexes.push_back({.name = {"s", "events_pkey"},
                             .table = {"s", "events"},
                             .is_unique = true,
                             .is_primary = true,
                             .is_valid = true,
                             .is_ready = true,
                             .key_columns = {"id"}});
  catalog.views.push_back({.name = {"s", "v"}, .materialized = true});

  auto inventory = checks::take_inventory(catalog, "postgresql:///x");
  ASSERT_EQ(inventory.tables.size(), 3u);
  EXPECT_EQ(inventory.tables[0].kind, "partitioned");
  EXPECT_EQ(inventory.tables[0].partitions, 1u);
  EXPECT_EQ(inventory.tables[0].chunk_key, std::vector<std::string>{"id"});
  EXPECT_EQ(inventory.tables[1].kind, "partition");
  EXPECT_EQ(inventory.tables[1].partition_of, "s.events");
  EXPECT_TRUE(inventory.tables[1].chunk_key.empty());
  EXPECT_EQ(inventory.tables[2].persistence, "unlogged");
  EXPECT_EQ(inventory.counts.partitioned_tables, 1u);
  EXPECT_EQ(inventory.counts.partitions, 1u);
  EXPECT_EQ(inventory.counts.materialized_views, 1u);
  EXPECT_EQ(inventory.counts.views, 0u);
}
