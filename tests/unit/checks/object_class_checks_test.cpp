#include "checks/object_class_checks.hpp"

#include <gtest/gtest.h>

#include <set>
#include <utility>

using namespace pgparity;

namespace {

using Found = std::set<std::pair<std::string, std::string>>; // id, object

Found found(const std::vector<report::Finding> &findings) {
  Found out;
  for (const auto &f : findings) {
    out.emplace(f.id, f.object);
  }
  return out;
}

core::RelationOptions relation(std::string name, std::string kind = "table") {
  core::RelationOptions r;
  r.name = {"public", std::move(name)};
  r.kind = std::move(kind);
  r.replica_identity = "default";
  return r;
}

} // namespace

TEST(RelationOptionsCheck, ViewOptionsAreErrorsTableOptionsWarnings) {
  core::Catalog source, target;
  auto view = relation("v", "view");
  view.options = {"security_invoker=true"};
  auto table = relation("t");
  table.options = {"fillfactor=70"};
  source.relation_options = {table, view};
  target.relation_options = {relation("t"), relation("v", "view")};
  const auto findings = checks::check_relation_options(source, target);
  EXPECT_EQ(found(findings),
            (Found{{"table.options_changed", "public.t"}, {"view.options_changed", "public.v"}}));
  for (const auto &f : findings) {
    EXPECT_EQ(f.severity,
              f.id == "view.options_changed" ? report::Severity::error : report::Severity::warning);
  }
}

TEST(RelationOptionsCheck, ReplicaIdentityIsAnErrorWhenPublishedOnEitherSide) {
  core::Catalog source, target;
  auto published = relation("p");
  published.replica_identity = "index";
  published.identity_index = "p_code_key";
  auto other_index = published;
  other_index.identity_index = "p_other_key";
  other_index.published = true; // published on the target only
  auto full = relation("u");
  full.replica_identity = "full";
  source.relation_options = {published, full};
  target.relation_options = {other_index, relation("u")};
  const auto findings = checks::check_relation_options(source, target);
  EXPECT_EQ(found(findings), (Found{{"table.replica_identity_changed", "public.p"},
                                    {"table.replica_identity_changed_unpublished", "public.u"}}));
}

// The type's own storage is no setting, and -1 stands for "default" on every version (17's NULL
// is read as -1): only real settings differ.
TEST(RelationOptionsCheck, ColumnSettingsComparedOnlyWhereSet) {
  core::Catalog source, target;
  auto s = relation("t");
  s.columns = {{"a", "x", "x", "", -1}, {"b", "e", "x", "l", 500}, {"c", "p", "p", "", -1}};
  auto t = relation("t");
  t.columns = {{"a", "x", "x", "", -1}, {"b", "x", "x", "", -1}, {"c", "x", "x", "", -1}};
  source.relation_options = {s};
  target.relation_options = {t};
  EXPECT_EQ(found(checks::check_relation_options(source, target)),
            (Found{{"column.storage_changed", "public.t.b"},
                   {"column.compression_changed", "public.t.b"},
                   {"column.statistics_target_changed", "public.t.b"}}));
}

// Column options (attoptions: n_distinct) are planner estimates: a warning.
TEST(RelationOptionsCheck, ColumnOptionsCompared) {
  core::Catalog source, target;
  auto s = relation("t");
  s.columns = {{"region", "x", "x", "", -1, {"n_distinct=12"}}, {"n", "p", "p", "", -1, {}}};
  auto t = relation("t");
  t.columns = {{"region", "x", "x", "", -1, {}}, {"n", "p", "p", "", -1, {}}};
  source.relation_options = {s};
  target.relation_options = {t};
  const auto findings = checks::check_relation_options(source, target);
  EXPECT_EQ(found(findings), (Found{{"column.options_changed", "public.t.region"}}));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, report::Severity::warning);
  EXPECT_TRUE(checks::check_relation_options(source, source).empty());
}

TEST(ForeignCheck, ServerOptionValuesAndUserMappingsNeverShown) {
  core::Catalog source, target;
  source.foreign_servers = {{"remote", "postgres_fdw", {}, {}, {"dbname=app", "host=a.example"}}};
  target.foreign_servers = {{"remote", "postgres_fdw", {}, {}, {"dbname=app", "host=b.example"}}};
  source.user_mappings = {{"remote", "app"}, {"remote", "public"}};
  target.user_mappings = {{"remote", "app"}};
  const auto findings = checks::check_foreign_objects(source, target);
  EXPECT_EQ(found(findings), (Found{{"foreign_server.changed", "remote"},
                                    {"user_mapping.missing", "public@remote"}}));
  for (const auto &f : findings) {
    EXPECT_EQ(f.message.find("example"), std::string::npos) << f.message;
    EXPECT_EQ(f.details.dump().find("example"), std::string::npos) << f.details.dump();
  }
}

TEST(ForeignCheck, ForeignTablesByDefinitionMissingAndExtraAreErrors) {
  core::Catalog source, target;
  const auto foreign = [](std::string name) {
    core::Table t;
    t.name = {"public", std::move(name)};
    t.kind = core::TableKind::foreign_table;
    return t;
  };
  source.tables = {foreign("gone"), foreign("same")};
  target.tables = {foreign("new"), foreign("same")};
  source.foreign_tables = {{{"public", "gone"}, "remote", {}, {}},
                           {{"public", "same"}, "remote", {"table_name=a"}, {}}};
  target.foreign_tables = {{{"public", "new"}, "remote", {}, {}},
                           {{"public", "same"}, "remote", {"table_name=b"}, {}}};
  const auto findings = checks::check_foreign_objects(source, target);
  EXPECT_EQ(found(findings), (Found{{"foreign_table.missing", "public.gone"},
                                    {"foreign_table.extra", "public.new"},
                                    {"foreign_table.changed", "public.same"}}));
  for (const auto &f : findings) {
    EXPECT_EQ(f.severity, report::Severity::error) << f.id;
  }
}

TEST(StatisticsCheck, MissingIsAWarningAndTargetsCompared) {
  core::Catalog source, target;
  source.extended_statistics = {
      {{"public", "s1"}, {"public", "t"}, "CREATE STATISTICS public.s1 ON a, b FROM public.t", -1},
      {{"public", "s2"},
       {"public", "t"},
       "CREATE STATISTICS public.s2 ON a, c FROM public.t",
       300}};
  target.extended_statistics = {
      {{"public", "s2"}, {"public", "t"}, "CREATE STATISTICS public.s2 ON a, c FROM public.t", -1}};
  const auto findings = checks::check_extended_statistics(source, target);
  EXPECT_EQ(found(findings),
            (Found{{"statistics.missing", "public.s1"}, {"statistics.changed", "public.s2"}}));
  for (const auto &f : findings) {
    EXPECT_EQ(f.severity, report::Severity::warning) << f.id;
  }
}

// publish_generated_columns (18): a server before 18 reads "none", what it does.
TEST(PublicationCheck, GeneratedColumnsCompared) {
  core::Catalog source, target;
  core::Publication p{.name = "pub", .actions = {"insert", "update", "delete", "truncate"}};
  source.publications = {p};
  p.generated_columns = "stored";
  target.publications = {p};
  const auto findings = checks::check_publications(source, target);
  EXPECT_EQ(found(findings), (Found{{"publication.changed", "pub"}}));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, report::Severity::error);
  EXPECT_NE(findings[0].message.find("publish_generated_columns = stored on the target"),
            std::string::npos)
      << findings[0].message;
  EXPECT_TRUE(checks::check_publications(target, target).empty());
}
