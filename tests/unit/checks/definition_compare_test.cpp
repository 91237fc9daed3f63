// Definitions deparsed by servers of different major versions: texts taken from PostgreSQL 13
// and 17 for the same restored objects.
#include "checks/definition_compare.hpp"

#include <gtest/gtest.h>

using pgparity::checks::DefinitionKind;
using pgparity::checks::same_definition;
using pgparity::checks::without_storage_parameters;

namespace {

constexpr auto k_view = DefinitionKind::view_query;

TEST(DefinitionCompare, LayoutNeverCounts) {
  EXPECT_TRUE(same_definition(DefinitionKind::other,
                              "CREATE RULE r AS\n    ON INSERT TO s.u DO  "
                              "INSTEAD NOTHING;",
                              "CREATE RULE r AS ON INSERT TO s.u DO INSTEAD NOTHING;"));
}

TEST(DefinitionCompare, SixteenDropsTheSoleRelationsQualifier) {
  EXPECT_TRUE(
      same_definition(k_view,
                      " SELECT t.id,\n    t.name\n   FROM s.t\n  WHERE (t.price > "
                      "(10)::numeric);",
                      " SELECT id,\n    name\n   FROM s.t\n  WHERE (price > (10)::numeric);"));
  EXPECT_TRUE(same_definition(k_view, " SELECT x.id FROM s2.t x WHERE (x.name = 'a'::text);",
                              " SELECT id FROM s2.t x WHERE (name = 'a'::text);"));
  EXPECT_TRUE(same_definition(k_view, " SELECT g.i FROM generate_series(1, 3) g(i);",
                              " SELECT i FROM generate_series(1, 3) g(i);"));
  EXPECT_TRUE(
      same_definition(k_view, " SELECT (t.p).a AS a FROM s2.t;", " SELECT (p).a AS a FROM s2.t;"));
  EXPECT_TRUE(same_definition(k_view, "WITH c AS ( SELECT t.id FROM s2.t ) SELECT c.id FROM c;",
                              "WITH c AS ( SELECT t.id FROM s2.t ) SELECT id FROM c;"));
  EXPECT_TRUE(same_definition(
      k_view,
      " SELECT t.id FROM s2.t WHERE ((EXISTS ( SELECT 1 FROM s2.u WHERE (u.id = t.id))) AND "
      "(t.id IN ( SELECT u.id FROM s2.u)));",
      " SELECT id FROM s2.t WHERE ((EXISTS ( SELECT 1 FROM s2.u WHERE (u.id = t.id))) AND (id "
      "IN ( SELECT u.id FROM s2.u)));"));
  EXPECT_TRUE(same_definition(k_view,
                              " SELECT r.i, r.s FROM ROWS FROM(generate_series(1, 3), "
                              "unnest(ARRAY['a'::text, 'b'::text])) r(i, s);",
                              " SELECT i, s FROM ROWS FROM(generate_series(1, 3), "
                              "unnest(ARRAY['a'::text, 'b'::text])) r(i, s);"));
  EXPECT_TRUE(same_definition(k_view, " SELECT t.id FROM ONLY s2.t TABLESAMPLE system (10);",
                              " SELECT id FROM ONLY s2.t TABLESAMPLE system (10);"));
}

TEST(DefinitionCompare, AChangedQueryIsStillCaught) {
  EXPECT_FALSE(same_definition(k_view, " SELECT t.id FROM s.t WHERE (t.price > (10)::numeric);",
                               " SELECT id FROM s.t WHERE (price > (11)::numeric);"));
  EXPECT_FALSE(same_definition(k_view, " SELECT t.id FROM s.t WHERE (t.price > (10)::numeric);",
                               " SELECT id FROM s.t WHERE (price >= (10)::numeric);"));
  EXPECT_FALSE(same_definition(k_view, " SELECT t.id, t.name FROM s.t;", " SELECT id FROM s.t;"));
  EXPECT_FALSE(same_definition(k_view, " SELECT t.id FROM s.t;", " SELECT id FROM s.u;"));
  // A join: every server qualifies, so a column read from the other relation differs.
  EXPECT_FALSE(same_definition(k_view, " SELECT t.id FROM (s.t JOIN s.u ON ((u.t_id = t.id)));",
                               " SELECT u.id FROM (s.t JOIN s.u ON ((u.t_id = t.id)));"));
  // Inside a sub-select columns stay qualified: an outer reference is not an inner one.
  EXPECT_FALSE(same_definition(
      k_view, " SELECT t.id FROM s.t WHERE (EXISTS ( SELECT 1 FROM s.u WHERE (u.id = t.id)));",
      " SELECT id FROM s.t WHERE (EXISTS ( SELECT 1 FROM s.u WHERE (u.id = u.id)));"));
  EXPECT_FALSE(same_definition(k_view, " SELECT 'a b'::text AS x;", " SELECT 'a  b'::text AS x;"));
}

TEST(DefinitionCompare, ARestoreFlattensBooleanChains) {
  const auto other = DefinitionKind::other;
  EXPECT_TRUE(same_definition(
      other, "CHECK ((((length(name) >= 1) AND (length(name) <= 100)) AND (name !~ '^\\s'::text)))",
      "CHECK (((length(name) >= 1) AND (length(name) <= 100) AND (name !~ '^\\s'::text)))"));
  EXPECT_TRUE(
      same_definition(other,
                      "CASE WHEN (((a >= 1) AND (a <= 5)) AND (b > 0)) THEN (a * b) ELSE "
                      "0 END",
                      "CASE WHEN ((a >= 1) AND (a <= 5) AND (b > 0)) THEN (a * b) ELSE 0 END"));
  EXPECT_TRUE(same_definition(other, "((((a = 1) OR (a = 2)) OR (a = 3)) OR b)",
                              "((a = 1) OR (a = 2) OR (a = 3) OR b)"));
  // Another operator, or a changed operand, is still a difference.
  EXPECT_FALSE(same_definition(other, "(((a >= 1) AND (a <= 5)) OR (b > 0))",
                               "((a >= 1) AND (a <= 5) OR (b > 0))"));
  EXPECT_FALSE(same_definition(other, "(((a >= 1) AND (a <= 5)) AND (b > 0))",
                               "((a >= 1) AND (a <= 6) AND (b > 0))"));
}

TEST(DefinitionCompare, OnlyViewQueriesLoseQualifiers) {
  EXPECT_FALSE(
      same_definition(DefinitionKind::other, "SELECT t.id FROM s.t", "SELECT id FROM s.t"));
}

TEST(DefinitionCompare, NamesThatAreNotColumnsKeepTheirQualifier) {
  // A function of a schema named like the relation, and a type: not column qualifiers.
  EXPECT_FALSE(same_definition(k_view, " SELECT t.f(t.id) FROM t.t;", " SELECT f(id) FROM t.t;"));
  EXPECT_FALSE(
      same_definition(k_view, " SELECT (t.id)::t.d FROM s.t;", " SELECT (id)::d FROM s.t;"));
  // Whole-row references are qualified by every server.
  EXPECT_FALSE(same_definition(k_view, " SELECT row_to_json(t.*) AS j FROM s2.t;",
                               " SELECT row_to_json(*) AS j FROM s2.t;"));
}

TEST(DefinitionCompare, StorageParametersAreLeftOutOnRequest) {
  EXPECT_EQ(without_storage_parameters(
                "CREATE INDEX i ON s.t USING btree (v) WITH (fillfactor='70') WHERE (v > 0)"),
            "CREATE INDEX i ON s.t USING btree (v) WHERE (v > 0)");
  EXPECT_EQ(without_storage_parameters("PRIMARY KEY (id) WITH (fillfactor='80')"),
            "PRIMARY KEY (id)");
  // WITH inside parentheses (an exclusion constraint's operators), in a quoted name or string,
  // or as part of a word is no storage parameter clause.
  const std::string exclusion = "EXCLUDE USING gist (c WITH &&)";
  EXPECT_EQ(without_storage_parameters(exclusion), exclusion);
  const std::string quoted =
      "CREATE INDEX i ON s.\"WITH (x)\" USING btree (v) WHERE (v <> 'WITH (')";
  EXPECT_EQ(without_storage_parameters(quoted), quoted);
  const std::string word = "CREATE INDEX i ON s.t USING btree (v) WHERE (WITHIN (1))";
  EXPECT_EQ(without_storage_parameters(word), word);
}

TEST(DefinitionCompare, AnAliasTheServerDerivesAnywayNeverCounts) {
  const auto other = DefinitionKind::other;
  EXPECT_TRUE(same_definition(k_view, " SELECT 'a'::text AS c UNION SELECT 'b'::text;",
                              " SELECT 'a'::text AS c UNION SELECT 'b'::text AS text;"));
  EXPECT_TRUE(same_definition(other, "BEGIN ATOMIC SELECT 1, 'x'::text; END",
                              "BEGIN ATOMIC SELECT 1, 'x'::text AS text; END"));
  // Another alias names the column otherwise: a different definition.
  EXPECT_FALSE(same_definition(k_view, " SELECT 'a'::text AS c;", " SELECT 'a'::text AS d;"));
  EXPECT_FALSE(same_definition(k_view, " SELECT 'a'::text;", " SELECT 'a'::text AS name;"));
}

} // namespace
