#include "core/catalog.hpp"

#include <gtest/gtest.h>

using namespace pgparity::core;

TEST(QualifiedName, StrIsUnquoted) {
  EXPECT_EQ((QualifiedName{"Sales", "Order Items"}).str(), "Sales.Order Items");
}

TEST(Catalog, LooksUpTablesIndexesAndPartitions) {
  Catalog catalog;
  Table parent{.name = {"s", "events"}, .kind = TableKind::partitioned_table};
  Table leaf{.name = {"s", "events_2024"}, .partition_of = QualifiedName{"s", "events"}};
  catalog.tables = {parent, leaf};
  catalog.indexes.push_back(Index{.name = {"s", "events_a"}, .table = {"s", "events"}});
  catalog.indexes.push_back(Index{.name = {"s", "events_pkey"}, .table = {"s", "events"}});
  catalog.indexes.push_back(Index{.name = {"s", "other"}, .table = {"s", "x"}});

  ASSERT_NE(catalog.table({"s", "events_2024"}), nullptr);
  EXPECT_EQ(catalog.table({"s", "nope"}), nullptr);
  ASSERT_EQ(catalog.indexes_on({"s", "events"}).size(), 2u);
  EXPECT_EQ(catalog.indexes_on({"s", "events"})[1]->name.name, "events_pkey");
  EXPECT_TRUE(catalog.indexes_on({"s", "a"}).empty());
  EXPECT_EQ(catalog.indexes_on({"s", "x"}).size(), 1u);
  ASSERT_EQ(catalog.partitions_of({"s", "events"}).size(), 1u);
  EXPECT_EQ(catalog.partitions_of({"s", "events"})[0]->name.name, "events_2024");
}
