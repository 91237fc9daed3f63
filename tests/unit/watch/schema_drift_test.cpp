#include "watch/schema_drift.hpp"
#include "watch/structure_pass.hpp"

#include <gtest/gtest.h>

using namespace pgparity;
using namespace pgparity::watch;

namespace {

core::Catalog items_catalog() {
  core::Catalog catalog;
  core::Table table;
  table.name = {"app", "items"};
  table.columns = {{.name = "id", .position = 1, .type = "bigint", .not_null = true},
                   {.name = "v", .position = 2, .type = "text"}};
  catalog.tables.push_back(table);
  core::Index index;
  index.name = {"app", "items_pkey"};
  index.table = table.name;
  index.definition = "CREATE UNIQUE INDEX items_pkey ON app.items USING btree (id)";
  index.is_valid = true;
  catalog.indexes.push_back(index);
  core::Sequence sequence;
  sequence.name = {"app", "items_id_seq"};
  sequence.data_type = "bigint";
  sequence.max_value = 9223372036854775807;
  catalog.sequences.push_back(sequence);
  return catalog;
}

core::Catalog with_column(core::Catalog catalog, const std::string &name, const std::string &type) {
  catalog.tables[0].columns.push_back(
      {.name = name,
       .position = static_cast<int>(catalog.tables[0].columns.size()) + 1,
       .type = type});
  return catalog;
}

} // namespace

TEST(SchemaDrift, ShapeNamesTablesColumnsIndexesAndSequences) {
  const auto shape = schema_shape(items_catalog());
  EXPECT_EQ(shape.count({"table", "app.items"}), 1u);
  EXPECT_EQ(shape.count({"column", "app.items.v"}), 1u);
  EXPECT_EQ(shape.count({"index", "app.items_pkey"}), 1u);
  EXPECT_EQ(shape.count({"sequence", "app.items_id_seq"}), 1u);
}

TEST(SchemaDrift, ColumnAddedOnTheSourceOnlyIsOpen) {
  const auto before = schema_shape(items_catalog());
  const auto source_now = schema_shape(with_column(items_catalog(), "note", "text"));
  OpenDrifts open;
  EXPECT_TRUE(track_drift(before, before, source_now, before, 3, open).empty());
  ASSERT_EQ(open.size(), 1u);
  const auto &[key, drift] = *open.begin();
  EXPECT_EQ(key, (ShapeKey{"column", "app.items.note"}));
  EXPECT_EQ(drift.side, "source");
  EXPECT_EQ(drift.change, "added");
  EXPECT_EQ(drift.since_pass, 3);
  const auto findings = drift_findings(open);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].id, "schema_drift.column");
  EXPECT_EQ(findings[0].object, "app.items.note");
  EXPECT_EQ(findings[0].severity, report::Severity::error);
}

TEST(SchemaDrift, SameChangeOnBothSidesIsNoDrift) {
  const auto before = schema_shape(items_catalog());
  const auto now = schema_shape(with_column(items_catalog(), "note", "text"));
  OpenDrifts open;
  track_drift(before, before, now, now, 2, open);
  EXPECT_TRUE(open.empty());
}

TEST(SchemaDrift, OneSideFirstThenTheOtherClosesTheDrift) {
  // The migration ran on the source before pass 2 and on the target before pass 3.
  const auto before = schema_shape(items_catalog());
  const auto now = schema_shape(with_column(items_catalog(), "note", "text"));
  OpenDrifts open;
  track_drift(before, before, now, before, 2, open);
  ASSERT_EQ(open.size(), 1u);
  // Nothing else changed on the source: the drift stays open, from its first pass.
  track_drift(now, before, now, before, 3, open);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open.begin()->second.since_pass, 2);
  const auto closed = track_drift(now, before, now, now, 4, open);
  EXPECT_TRUE(open.empty());
  EXPECT_EQ(closed, (std::vector<ShapeKey>{{"column", "app.items.note"}}));
}

TEST(SchemaDrift, TableDroppedOnTheTargetOnlyIsOpenForTheTableItsColumnsAndIndex) {
  const auto before = schema_shape(items_catalog());
  auto dropped = items_catalog();
  dropped.tables.clear();
  dropped.indexes.clear();
  OpenDrifts open;
  track_drift(before, before, before, schema_shape(dropped), 5, open);
  ASSERT_EQ(open.count({"table", "app.items"}), 1u);
  EXPECT_EQ(open.at({"table", "app.items"}).side, "target");
  EXPECT_EQ(open.at({"table", "app.items"}).change, "dropped");
  EXPECT_EQ(open.count({"index", "app.items_pkey"}), 1u);
  EXPECT_EQ(open.count({"sequence", "app.items_id_seq"}), 0u);
}

TEST(SchemaDrift, ColumnAlteredDifferentlyOnEachSideIsBoth) {
  const auto before = schema_shape(with_column(items_catalog(), "n", "integer"));
  const auto source_now = schema_shape(with_column(items_catalog(), "n", "bigint"));
  const auto target_now = schema_shape(with_column(items_catalog(), "n", "numeric"));
  OpenDrifts open;
  track_drift(before, before, source_now, target_now, 2, open);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open.begin()->second.side, "both");
  EXPECT_EQ(open.begin()->second.change, "altered");
}

TEST(SchemaDrift, DifferenceOlderThanTheWatchIsNotDrift) {
  // The target lacked the column from the start (the structural checks report it); an unrelated
  // change elsewhere does not turn it into drift.
  const auto source = schema_shape(with_column(items_catalog(), "note", "text"));
  const auto target = schema_shape(items_catalog());
  auto target_now_catalog = items_catalog();
  target_now_catalog.sequences[0].increment = 2;
  const auto target_now = schema_shape(target_now_catalog);
  OpenDrifts open;
  track_drift(source, target, source, target_now, 2, open);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open.begin()->first, (ShapeKey{"sequence", "app.items_id_seq"}));
  EXPECT_EQ(open.begin()->second.change, "altered");
}

TEST(SchemaDrift, DefaultsCompareAcrossSpellingsOfTheSameDefinition) {
  auto source = items_catalog();
  auto target = items_catalog();
  source.tables[0].columns[1].default_expr = "'x'::text";
  target.tables[0].columns[1].default_expr = "'x'  ::  text";
  EXPECT_EQ(schema_shape(source), schema_shape(target));
}

TEST(StructurePass, SequenceTrailingTheSourceIsInformationDuringAWatch) {
  std::vector<report::Finding> findings{
      report::make_finding("sequences", "sequence.behind_source", "app.items_id_seq",
                           "next value 5 on the target is behind 9 on the source",
                           {{"target_next_value", 5}}),
      report::make_finding("sequences", "sequence.behind_max", "app.items_id_seq", "collides")};
  judge_sequences_for_dual_write(findings);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].id, "sequence.trails_source");
  EXPECT_EQ(findings[0].severity, report::Severity::info);
  EXPECT_EQ(findings[0].details["target_next_value"], 5);
  EXPECT_EQ(findings[1].id, "sequence.behind_max");
  EXPECT_EQ(findings[1].severity, report::Severity::error);
}
