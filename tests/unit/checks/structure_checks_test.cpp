#include "checks/schema_check.hpp"
#include "checks/structure_checks.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace pgparity;
using core::QualifiedName;

namespace {

using Pairs = std::set<std::pair<std::string, std::string>>;

Pairs ids(const std::vector<report::Finding> &findings) {
  Pairs pairs;
  for (const auto &f : findings) {
    pairs.emplace(f.id, f.object);
  }
  return pairs;
}

core::Catalog with_table() {
  core::Catalog catalog;
  core::Table table;
  table.name = {"s", "t"};
  table.columns = {{.name = "id",
                    .type = "integer",
                    .not_null = true,
                    .default_expr = "nextval('s.t_id_seq'::regclass)"},
                   {.name = "v", .type = "text", .not_null = true, .default_expr = "''::text"}};
  catalog.tables = {table};
  return catalog;
}

core::Index index(std::string name, std::string definition, bool valid = true) {
  return {.name = {"s", name},
          .table = {"s", "t"},
          .definition = std::move(definition),
          .method = "btree",
          .is_valid = valid,
          .is_ready = true};
}

} // namespace

TEST(IndexCheck, MatchesByDefinitionNotName) {
  auto source = with_table();
  auto target = with_table();
  source.indexes = {
      index("t_v_idx", "CREATE INDEX t_v_idx ON s.t USING btree (v)"),
      index("t_p", "CREATE INDEX t_p ON s.t USING btree (v) WHERE (v <> ''::text)"),
      index("Odd \"Name\"", "CREATE INDEX \"Odd \"\"Name\"\"\" ON s.t USING btree (id)")};
  target.indexes = {index("renamed", "CREATE INDEX renamed ON s.t USING btree (v)", false),
                    index("t_p", "CREATE INDEX t_p ON s.t USING btree (v) WHERE (v > ''::text)"),
                    index("odd", "CREATE INDEX odd ON s.t USING btree (id)")};
  checks::StructureFacts facts;
  facts.corrupt_indexes[{"s", "odd"}] = "ERROR: item order invariant violated";
  auto found = ids(checks::check_indexes(source, target, facts));
  EXPECT_EQ(found, (Pairs{{"index.corrupt", "s.odd"},
                          {"index.invalid", "s.renamed"},
                          {"index.missing", "s.t_p"},
                          {"index.extra", "s.t_p"}}));
}

TEST(IndexCheck, OtherStorageParametersAreTheSameIndex) {
  auto source = with_table();
  auto target = with_table();
  source.indexes = {index("t_v_idx", "CREATE INDEX t_v_idx ON s.t USING btree (v)")};
  target.indexes = {
      index("t_v_idx", "CREATE INDEX t_v_idx ON s.t USING btree (v) WITH (fillfactor='70')")};
  target.indexes[0].options = {"fillfactor=70"};
  EXPECT_EQ(ids(checks::check_indexes(source, target, {})),
            (Pairs{{"index.options_changed", "s.t_v_idx"}}));
}

TEST(IndexCheck, IndexesOfMaterializedViewsLikeTables) {
  const auto with_view = [] {
    core::Catalog catalog;
    core::Table view;
    view.name = {"s", "mv"};
    view.kind = core::TableKind::materialized_view;
    catalog.materialized_views = {view};
    return catalog;
  };
  auto on_view = [](std::string name, std::string definition) {
    core::Index i = index(std::move(name), std::move(definition));
    i.table = {"s", "mv"};
    i.is_unique = i.definition.rfind("CREATE UNIQUE", 0) == 0;
    return i;
  };
  auto source = with_view();
  auto target = with_view();
  source.indexes = {on_view("mv_k", "CREATE UNIQUE INDEX mv_k ON s.mv USING btree (k)"),
                    on_view("mv_v", "CREATE INDEX mv_v ON s.mv USING btree (v)")};
  target.indexes = {on_view("mv_v", "CREATE INDEX mv_v ON s.mv USING btree (v)"),
                    on_view("mv_w", "CREATE INDEX mv_w ON s.mv USING btree (w)")};
  EXPECT_EQ(ids(checks::check_indexes(source, target, {})),
            (Pairs{{"index.missing", "s.mv_k"}, {"index.extra", "s.mv_w"}}));
  // A view missing altogether is reported once, as such, not index by index.
  target.materialized_views.clear();
  target.indexes.clear();
  EXPECT_TRUE(checks::check_indexes(source, target, {}).empty());
}

TEST(ConstraintCheck, MissingAndNotValidWithOrphans) {
  auto source = with_table();
  auto target = with_table();
  core::Constraint fk{.table = {"s", "t"},
                      .name = "t_id_fkey",
                      .kind = core::ConstraintKind::foreign_key,
                      .definition = "FOREIGN KEY (id) REFERENCES s.t(id)"};
  core::Constraint check{.table = {"s", "t"},
                         .name = "t_v_check",
                         .kind = core::ConstraintKind::check,
                         .definition = "CHECK ((v <> ''::text))"};
  source.constraints = {fk, check};
  fk.validated = false;
  target.constraints = {fk};
  checks::StructureFacts facts;
  facts.target_orphans[{QualifiedName{"s", "t"}, "t_id_fkey"}] = 3;
  const auto findings = checks::check_constraints(source, target, facts);
  EXPECT_EQ(ids(findings),
            (Pairs{{"fk.not_valid", "s.t.t_id_fkey"}, {"constraint.missing", "s.t.t_v_check"}}));
  EXPECT_EQ(findings[0].details["orphan_rows"], 3);
}

TEST(SequenceCheck, BehindItsColumnsAndTheSource) {
  auto source = with_table();
  auto target = with_table();
  core::Sequence sequence{.name = {"s", "t_id_seq"}, .data_type = "integer"};
  sequence.uses = {{{"s", "t"}, "id", core::SequenceUseKind::owned},
                   {{"s", "t"}, "id", core::SequenceUseKind::column_default}};
  source.sequences = {sequence};
  target.sequences = {sequence};
  checks::StructureFacts facts;
  facts.source_sequences[sequence.name] = {500, true};
  facts.target_sequences[sequence.name] = {9, true};
  facts.target_column_max[{QualifiedName{"s", "t"}, "id"}] = 500;
  const auto findings = checks::check_sequences(source, target, facts);
  ASSERT_EQ(findings.size(), 2u); // once per column, though the column is linked twice
  EXPECT_EQ(findings[0].id, "sequence.behind_max");
  EXPECT_EQ(findings[0].details["fix"], "SELECT pg_catalog.setval('\"s\".\"t_id_seq\"', 500);");
  EXPECT_EQ(findings[1].id, "sequence.behind_source");
  const auto fixes = checks::sequence_fixes(source, target, facts);
  ASSERT_EQ(fixes.size(), 1u); // one fix per sequence, clearing both the column and the source
  EXPECT_EQ(fixes[0].value, 500);

  facts.source_sequences[sequence.name] = {700, true}; // further ahead than the column's maximum
  EXPECT_EQ(checks::sequence_fixes(source, target, facts)[0].value, 700);
  facts.source_sequences[sequence.name] = {500, true};

  facts.target_sequences[sequence.name] = {500, true}; // next value 501: clear of both
  EXPECT_TRUE(checks::check_sequences(source, target, facts).empty());
}

TEST(SequenceCheck, NotCalledMeansNextIsLastValue) {
  auto source = with_table();
  auto target = with_table();
  core::Sequence sequence{.name = {"s", "t_id_seq"}, .data_type = "integer"};
  sequence.uses = {{{"s", "t"}, "id", core::SequenceUseKind::owned}};
  source.sequences = {sequence};
  target.sequences = {sequence};
  checks::StructureFacts facts;
  facts.target_column_max[{QualifiedName{"s", "t"}, "id"}] = 500;
  // RESTART WITH 501 on both sides: the next value is 501 (not the start, 1), clear of 500.
  facts.source_sequences[sequence.name] = {501, false};
  facts.target_sequences[sequence.name] = {501, false};
  EXPECT_TRUE(checks::check_sequences(source, target, facts).empty());
  // The source called once since (next 502), the target restarted at 501: behind the source.
  facts.source_sequences[sequence.name] = {501, true};
  EXPECT_EQ(ids(checks::check_sequences(source, target, facts)),
            (Pairs{{"sequence.behind_source", "s.t_id_seq"}}));
  EXPECT_EQ(checks::sequence_fixes(source, target, facts).at(0).value, 501);
  // setval(…, 500, false) on the target: the next insert takes 500, the column's maximum.
  facts.source_sequences[sequence.name] = {500, false};
  facts.target_sequences[sequence.name] = {500, false};
  EXPECT_EQ(ids(checks::check_sequences(source, target, facts)),
            (Pairs{{"sequence.behind_max", "s.t_id_seq"}}));
  EXPECT_EQ(checks::sequence_fixes(source, target, facts).at(0).value, 500);
}

TEST(SequenceCheck, DescendingJudgedDownwards) {
  auto source = with_table();
  auto target = with_table();
  core::Sequence sequence{.name = {"s", "t_id_seq"},
                          .data_type = "integer",
                          .start = -1,
                          .increment = -1,
                          .min_value = -2147483648,
                          .max_value = -1};
  sequence.uses = {{{"s", "t"}, "id", core::SequenceUseKind::owned}};
  source.sequences = {sequence};
  target.sequences = {sequence};
  checks::StructureFacts facts;
  facts.target_column_min[{QualifiedName{"s", "t"}, "id"}] = -500;
  facts.target_column_max[{QualifiedName{"s", "t"}, "id"}] = -1;
  facts.source_sequences[sequence.name] = {-500, true}; // next -501
  facts.target_sequences[sequence.name] = {-500, true};
  EXPECT_TRUE(checks::check_sequences(source, target, facts).empty());
  facts.target_sequences[sequence.name] = {-10, true}; // next -11: above the minimum -500
  EXPECT_EQ(
      ids(checks::check_sequences(source, target, facts)),
      (Pairs{{"sequence.behind_max", "s.t_id_seq"}, {"sequence.behind_source", "s.t_id_seq"}}));
  const auto fixes = checks::sequence_fixes(source, target, facts);
  ASSERT_EQ(fixes.size(), 1u);
  EXPECT_EQ(fixes[0].value, -500); // setval(-500): next value -501, below every value taken
  facts.source_sequences[sequence.name] = {-700, true}; // the source is further down
  EXPECT_EQ(checks::sequence_fixes(source, target, facts).at(0).value, -700);
}

TEST(SequenceCheck, UnreadPositionIsNotJudged) {
  auto source = with_table();
  auto target = with_table();
  core::Sequence sequence{.name = {"s", "t_id_seq"}, .data_type = "integer"};
  source.sequences = {sequence};
  target.sequences = {sequence};
  // No position for the target (the role may not read it): nothing judged here; the facts name
  // it as not verified (structure_facts).
  checks::StructureFacts facts;
  facts.source_sequences[sequence.name] = {500, true};
  EXPECT_TRUE(checks::check_sequences(source, target, facts).empty());
  EXPECT_TRUE(checks::sequence_fixes(source, target, facts).empty());
}

TEST(SequenceCheck, FixQuotesNamesOfAnyCase) {
  core::Sequence sequence{.name = {"Sales", "Order\"s id's"}, .data_type = "bigint"};
  auto source = with_table();
  auto target = with_table();
  source.sequences = {sequence};
  target.sequences = {sequence};
  checks::StructureFacts facts;
  facts.source_sequences[sequence.name] = {1, true};
  facts.target_sequences[sequence.name] = {1, false}; // never called on the target: next is 1
  const auto fixes = checks::sequence_fixes(source, target, facts);
  ASSERT_EQ(fixes.size(), 1u);
  EXPECT_EQ(fixes[0].statement, "SELECT pg_catalog.setval('\"Sales\".\"Order\"\"s id''s\"', 1);");
}

TEST(SchemaCheck, ColumnsTriggersTypesViews) {
  auto source = with_table();
  auto target = with_table();
  target.tables[0].columns[1].not_null = false;
  target.tables[0].columns[1].default_expr.reset();
  source.triggers = {{{"s", "t"}, "touch", "CREATE TRIGGER touch …", "enabled"}};
  target.triggers = {{{"s", "t"}, "touch", "CREATE TRIGGER touch …", "disabled"}};
  source.enums = {{{"s", "mood"}, {"sad", "ok"}}};
  target.enums = {{{"s", "mood"}, {"sad", "meh", "ok"}}};
  // Not populated on the target: raised where materialized views are paired for their contents
  // (checks::pair_tables), not here.
  source.views = {{{"s", "mv"}, true, true, "SELECT 1"}};
  target.views = {{{"s", "mv"}, true, false, "SELECT 1"}};
  source.schemas = {{"s", "postgres"}};
  target.schemas = {{"s", "postgres"}, {"extra", "postgres"}};
  EXPECT_EQ(ids(checks::check_schema(source, target)), (Pairs{{"column.not_null_dropped", "s.t.v"},
                                                              {"column.default_missing", "s.t.v"},
                                                              {"trigger.disabled", "s.t.touch"},
                                                              {"enum.labels_changed", "s.mood"},
                                                              {"schema.extra", "extra"}}));
  EXPECT_TRUE(checks::check_schema(source, source).empty());
}

// PostgreSQL 18: attnotnull is true for a NOT NULL added NOT VALID; only its validation differs.
TEST(SchemaCheck, NotNullNotValidOnEitherSide) {
  auto source = with_table();
  auto target = with_table();
  target.tables[0].columns[0].not_null_validated = false; // id: NOT VALID on the target
  source.tables[0].columns[1].not_null_validated = false; // v: NOT VALID on the source
  const auto findings = checks::check_schema(source, target);
  EXPECT_EQ(ids(findings), (Pairs{{"column.not_null_not_valid", "s.t.id"},
                                  {"column.not_null_validated_on_target", "s.t.v"}}));
  for (const auto &f : findings) {
    EXPECT_EQ(f.severity, f.id == "column.not_null_not_valid" ? report::Severity::error
                                                              : report::Severity::warning);
  }
  // NOT VALID on both sides is the same; nullable on one side is column.not_null_dropped.
  EXPECT_TRUE(checks::check_schema(target, target).empty());
  target.tables[0].columns[0].not_null = false;
  EXPECT_EQ(ids(checks::check_schema(with_table(), target)),
            (Pairs{{"column.not_null_dropped", "s.t.id"}}));
}

// Indexes matched by definition (names may differ) compare their columns' statistics targets.
TEST(IndexCheck, StatisticsTargetsOfMatchedIndexes) {
  auto source = with_table();
  auto target = with_table();
  auto on_source = index("t_lower_v", "CREATE INDEX t_lower_v ON s.t USING btree (lower(v))");
  on_source.statistics_targets = {"1=500"};
  auto on_target = index("renamed", "CREATE INDEX renamed ON s.t USING btree (lower(v))");
  source.indexes = {on_source};
  target.indexes = {on_target};
  const auto findings = checks::check_indexes(source, target, {});
  EXPECT_EQ(ids(findings), (Pairs{{"index.statistics_target_changed", "s.t_lower_v"}}));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, report::Severity::warning);
  EXPECT_NE(findings[0].message.find("column 1: 500 on the source but default on the target"),
            std::string::npos)
      << findings[0].message;
  target.indexes[0].statistics_targets = {"1=500"};
  EXPECT_TRUE(checks::check_indexes(source, target, {}).empty());
}

// OWNED BY is compared (a serial's link, or ALTER SEQUENCE … OWNED BY); a column default drawing
// from the sequence is no owner.
TEST(SequenceCheck, OwnedByColumnCompared) {
  auto source = with_table();
  auto target = with_table();
  core::Sequence sequence{.name = {"s", "t_id_seq"}, .data_type = "integer"};
  sequence.uses = {{{"s", "t"}, "id", core::SequenceUseKind::owned},
                   {{"s", "t"}, "id", core::SequenceUseKind::column_default}};
  source.sequences = {sequence};
  sequence.uses = {{{"s", "t"}, "id", core::SequenceUseKind::column_default}};
  target.sequences = {sequence};
  const auto findings = checks::check_sequences(source, target, {});
  EXPECT_EQ(ids(findings), (Pairs{{"sequence.owned_by_changed", "s.t_id_seq"}}));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].details["source"], "s.t.id");
  EXPECT_EQ(findings[0].details["target"], "none");
  EXPECT_EQ(findings[0].severity, report::Severity::warning);
  // Owned by another column of the table.
  target.sequences[0].uses.push_back({{"s", "t"}, "v", core::SequenceUseKind::owned});
  EXPECT_EQ(ids(checks::check_sequences(source, target, {})),
            (Pairs{{"sequence.owned_by_changed", "s.t_id_seq"}}));
  EXPECT_TRUE(checks::check_sequences(source, source, {}).empty());
}

TEST(EnvironmentCheck, ExtensionsLargeObjectsAndCollation) {
  auto source = with_table();
  auto target = with_table();
  source.extensions = {{"pg_trgm", "1.6", "heroku_ext"}, {"citext", "1.6", "public"}};
  target.extensions = {{"pg_trgm", "1.6", "public"}};
  source.server = {.version = "14.9",
                   .version_num = 140009,
                   .encoding = "UTF8",
                   .collate = "en_US.UTF-8",
                   .ctype = "en_US.UTF-8",
                   .locale_provider = "libc"};
  target.server = source.server;
  target.server.collate = "C.UTF-8";
  target.indexes = {index("t_v_idx", "CREATE INDEX t_v_idx ON s.t USING btree (v)")};
  target.indexes[0].key_columns = {"v"};
  checks::StructureFacts facts;
  facts.source_large_objects = {{42, hashing::Hash128{1, 2}}, {43, hashing::Hash128{3, 4}}};
  facts.target_large_objects = {{42, hashing::Hash128{1, 2}}, {44, hashing::Hash128{5, 6}}};
  const auto findings = checks::check_environment(source, target, facts);
  EXPECT_EQ(ids(findings), (Pairs{{"extension.schema_changed", "pg_trgm"},
                                  {"extension.missing", "citext"},
                                  {"large_object.missing", "43"},
                                  {"large_object.extra", "44"},
                                  {"server.collation_changed", ""}}));
  for (const auto &f : findings) {
    if (f.id == "server.collation_changed") {
      EXPECT_EQ(f.details["indexes_at_risk"], nlohmann::ordered_json({"s.t_v_idx"}));
      EXPECT_EQ(f.severity, report::Severity::error);
    }
    if (f.id == "extension.schema_changed") {
      EXPECT_EQ(f.severity, report::Severity::warning);
    }
  }
}

TEST(EnvironmentCheck, OwnersAndPrivilegesAreInformation) {
  auto source = with_table();
  auto target = with_table();
  source.tables[0].owner = "app";
  source.tables[0].privileges = "{app=arwdDxt/app,reporting=r/app}";
  target.tables[0].owner = "postgres";
  const auto findings = checks::check_environment(source, target, {});
  ASSERT_EQ(ids(findings), (Pairs{{"ownership.changed", ""}, {"privileges.changed", ""}}));
  for (const auto &f : findings) {
    EXPECT_EQ(f.severity, report::Severity::info);
    EXPECT_EQ(f.details["objects"], nlohmann::ordered_json({"s.t"}));
  }
}

TEST(EnvironmentCheck, CollationVersionsNameTheIndexesAtRisk) {
  auto source = with_table();
  auto target = with_table();
  target.tables[0].columns[1].collation = "pg_catalog.und-x-icu";
  target.indexes = {index("t_v_idx", "CREATE INDEX t_v_idx ON s.t USING btree (v)")};
  target.indexes[0].key_columns = {"v"};
  source.collations = {{{"pg_catalog", "und-x-icu"}, "153.112", "153.112"}};
  target.collations = {{{"pg_catalog", "und-x-icu"}, "153.112", "153.112"}};
  EXPECT_TRUE(checks::check_environment(source, target, {}).empty());
  target.collations[0].actual = "153.120"; // the library under the target changed
  const auto findings = checks::check_environment(source, target, {});
  ASSERT_EQ(ids(findings), (Pairs{{"server.collation_version_changed", "pg_catalog.und-x-icu"}}));
  EXPECT_EQ(findings[0].details["indexes_at_risk"], nlohmann::ordered_json({"s.t_v_idx"}));
}
