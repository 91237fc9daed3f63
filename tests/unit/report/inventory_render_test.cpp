#include "report/inventory.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace pgparity;

namespace {

report::Inventory sample_inventory() {
  report::Inventory inventory;
  inventory.url = "postgresql://app:***@db/shop";
  inventory.server.version = "15.4";
  inventory.server.encoding = "UTF8";
  inventory.server.collate = "C.UTF-8";
  inventory.counts.tables = 2;
  inventory.extensions.push_back({"citext", "1.6", "public"});
  inventory.tables.push_back({.name = "Sales.Order Items",
                              .kind = "table",
                              .persistence = "permanent",
                              .estimated_rows = 1234.0,
                              .size_bytes = 2048,
                              .chunk_key = {"order_id", "line"},
                              .chunk_key_index = "order_items_pkey"});
  inventory.tables.push_back(
      {.name = "audit.events", .kind = "table", .persistence = "unlogged", .size_bytes = 10});
  return inventory;
}

} // namespace

TEST(HumanSize, Units) {
  EXPECT_EQ(report::human_size(0), "0 bytes");
  EXPECT_EQ(report::human_size(1023), "1023 bytes");
  EXPECT_EQ(report::human_size(1536), "1.5 kB");
  EXPECT_EQ(report::human_size(5LL * 1024 * 1024 * 1024), "5.0 GB");
}

TEST(InventoryText, ShowsEveryTableKeyAndUnknownEstimate) {
  const std::string text = report::render_inventory_text(sample_inventory());
  EXPECT_NE(text.find("database postgresql://app:***@db/shop (PostgreSQL 15.4"), std::string::npos);
  EXPECT_NE(text.find("citext 1.6 (public)"), std::string::npos);
  EXPECT_NE(text.find("Sales.Order Items"), std::string::npos);
  EXPECT_NE(text.find("order_id, line"), std::string::npos);
  EXPECT_NE(text.find("1234"), std::string::npos);
  EXPECT_NE(text.find("unknown"), std::string::npos);
  EXPECT_NE(text.find("no key"), std::string::npos);
}

TEST(InventoryJson, FieldsAndNulls) {
  auto json = nlohmann::json::parse(report::render_inventory_json(sample_inventory()));
  EXPECT_EQ(json["tool"], "pgparity");
  EXPECT_EQ(json["command"], "inventory");
  EXPECT_EQ(json["database"]["url"], "postgresql://app:***@db/shop");
  ASSERT_EQ(json["tables"].size(), 2u);
  EXPECT_EQ(json["tables"][0]["name"], "Sales.Order Items");
  EXPECT_EQ(json["tables"][0]["chunk_key"], nlohmann::json({"order_id", "line"}));
  EXPECT_EQ(json["tables"][0]["estimated_rows"], 1234.0);
  EXPECT_TRUE(json["tables"][1]["chunk_key"].is_null());
  EXPECT_TRUE(json["tables"][1]["estimated_rows"].is_null());
  EXPECT_EQ(json["tables"][1]["persistence"], "unlogged");
}
