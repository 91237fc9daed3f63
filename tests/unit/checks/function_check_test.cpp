#include "checks/function_check.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace pgparity;

namespace {

using Pairs = std::set<std::pair<std::string, std::string>>;

Pairs ids(const std::vector<report::Finding> &findings) {
  Pairs pairs;
  for (const auto &f : findings) {
    pairs.emplace(f.id, f.object);
  }
  return pairs;
}

core::Function function(std::string name) {
  core::Function f;
  f.name = {"s", std::move(name)};
  f.identity_arguments = "x integer";
  f.arguments = "x integer DEFAULT 1";
  f.result = "integer";
  f.kind = "function";
  f.language = "sql";
  f.body = "SELECT x";
  f.volatility = "immutable";
  f.parallel = "safe";
  f.cost = "100";
  f.rows = "0";
  return f;
}

core::Catalog with(std::vector<core::Function> functions) {
  core::Catalog catalog;
  catalog.functions = std::move(functions);
  return catalog;
}

// The one finding of comparing `source` with `target`, which must differ in one property.
report::Finding only_finding(const core::Function &source, const core::Function &target) {
  const auto findings = checks::check_functions(with({source}), with({target}));
  EXPECT_EQ(findings.size(), 1u);
  return findings.empty() ? report::Finding{} : findings.front();
}

} // namespace

TEST(FunctionCheck, MissingAndExtraByArgumentTypes) {
  auto other = function("f");
  other.identity_arguments = "x bigint";
  EXPECT_EQ(ids(checks::check_functions(with({function("f")}), with({other}))),
            (Pairs{{"function.missing", "s.f"}, {"function.extra_overload", "s.f"}}));
  EXPECT_TRUE(checks::check_functions(with({function("f")}), with({function("f")})).empty());
  // A name the source does not have changes no call already written.
  EXPECT_EQ(
      ids(checks::check_functions(with({function("f")}), with({function("f"), function("g")}))),
      (Pairs{{"function.extra", "s.g"}}));
}

TEST(FunctionCheck, EachPropertyIsNamedWithBothValues) {
  const auto s = function("f");
  auto t = s;
  t.strict = true;
  auto found = only_finding(s, t);
  EXPECT_EQ(found.id, "function.definition_changed");
  EXPECT_EQ(found.severity, report::Severity::error);
  EXPECT_EQ(found.details["property"], "null input handling");
  EXPECT_EQ(found.details["source"], "CALLED ON NULL INPUT");
  EXPECT_EQ(found.details["target"], "STRICT");
  EXPECT_NE(found.message.find("STRICT on the target"), std::string::npos) << found.message;

  t = s;
  t.security_definer = true;
  EXPECT_EQ(only_finding(s, t).details["target"], "SECURITY DEFINER");
  t = s;
  t.leakproof = true;
  EXPECT_EQ(only_finding(s, t).details["target"], "LEAKPROOF");
  t = s;
  t.parallel = "unsafe";
  EXPECT_EQ(only_finding(s, t).details["property"], "the parallel safety");
  t = s;
  t.volatility = "volatile";
  EXPECT_EQ(only_finding(s, t).details["property"], "the volatility");
  t = s;
  t.language = "plpgsql";
  EXPECT_EQ(only_finding(s, t).id, "function.definition_changed");
  t = s;
  t.result = "bigint";
  EXPECT_EQ(only_finding(s, t).details["source"], "integer");

  t = s;
  t.config = {"search_path=app, pg_temp"};
  found = only_finding(s, t);
  EXPECT_EQ(found.id, "function.config_changed");
  EXPECT_EQ(found.details["source"], "none");
  EXPECT_EQ(found.details["target"], "search_path=app, pg_temp");

  t = s;
  t.cost = "5000";
  found = only_finding(s, t);
  EXPECT_EQ(found.id, "function.cost_changed");
  EXPECT_EQ(found.severity, report::Severity::warning);

  t = s;
  auto plpgsql = s;
  plpgsql.body = "\nBEGIN\n  RETURN x + 1;\nEND";
  t = plpgsql;
  t.body = "\nBEGIN\n  RETURN x + 2;\nEND";
  found = only_finding(plpgsql, t);
  EXPECT_EQ(found.id, "function.body_changed");
  EXPECT_EQ(found.details["property"], "line 3 of the body"); // the first differing line
  EXPECT_EQ(found.details["source"], "`  RETURN x + 1;`");
  EXPECT_EQ(found.details["target"], "`  RETURN x + 2;`");
  t.body = "\nBEGIN\n  RETURN x + 1;\nEND;\n-- more";
  EXPECT_EQ(only_finding(plpgsql, t).details["property"], "line 4 of the body");
  t.body = plpgsql.body + "\n";
  EXPECT_EQ(only_finding(plpgsql, t).id, "function.body_changed");

  t = s;
  t.arguments = "x integer DEFAULT 2";
  EXPECT_EQ(only_finding(s, t).id, "function.arguments_changed");
  t = s;
  t.arguments = "y integer DEFAULT 1"; // a renamed argument breaks named-notation calls
  EXPECT_EQ(only_finding(s, t).id, "function.arguments_changed");
}

TEST(FunctionCheck, SqlStandardBodiesAreComparedAsDefinitions) {
  auto s = function("f");
  s.body = ""; // prosrc is empty
  s.sql_body = "BEGIN ATOMIC\n SELECT (x * 2);\nEND";
  auto t = s;
  t.sql_body = "BEGIN ATOMIC\n  SELECT (x * 2);\n END"; // laid out otherwise: the same body
  EXPECT_TRUE(checks::check_functions(with({s}), with({t})).empty());
  t.sql_body = "BEGIN ATOMIC\n SELECT (x * 3);\nEND";
  const auto found = only_finding(s, t);
  EXPECT_EQ(found.id, "function.body_changed");
  EXPECT_EQ(found.details["target"], *t.sql_body);
  t.sql_body.reset(); // an old-style body on the target
  EXPECT_EQ(only_finding(s, t).id, "function.body_changed");
}

TEST(FunctionCheck, ProcedureArgumentsMatchWithOrWithoutTheInMode) {
  // PostgreSQL 14+ prints a procedure's arguments with IN, 12 and 13 without.
  auto s = function("p");
  s.kind = "procedure";
  s.result = "";
  s.identity_arguments = "by_value integer, \"IN x\" text";
  s.arguments = "by_value integer DEFAULT 1, \"IN x\" text DEFAULT 'IN b, IN c'::text";
  auto t = s;
  t.identity_arguments = "IN by_value integer, IN \"IN x\" text";
  t.arguments = "IN by_value integer DEFAULT 1, IN \"IN x\" text DEFAULT 'IN b, IN c'::text";
  EXPECT_TRUE(checks::check_functions(with({s}), with({t})).empty());
  t.arguments = "IN by_value integer DEFAULT 1, IN \"IN x\" text DEFAULT 'b, IN c'::text";
  EXPECT_EQ(only_finding(s, t).id, "function.arguments_changed");
  t.identity_arguments = "INOUT by_value integer, IN \"IN x\" text";
  EXPECT_EQ(ids(checks::check_functions(with({s}), with({t}))),
            (Pairs{{"function.missing", "s.p"}, {"function.extra_overload", "s.p"}}));
}

TEST(FunctionCheck, AggregatesByTheirPgAggregateRow) {
  auto s = function("total");
  s.kind = "aggregate";
  s.aggregate = core::AggregateDefinition{.kind = "normal",
                                          .transition_function = "int4pl(integer,integer)",
                                          .state_type = "integer",
                                          .state_space = "0",
                                          .initial_condition = "0",
                                          .final_modify = "read_only",
                                          .moving_initial_condition = "<null>",
                                          .moving_final_modify = "read_only"};
  auto t = s;
  EXPECT_TRUE(checks::check_functions(with({s}), with({t})).empty());
  t.aggregate->initial_condition = "100";
  auto found = only_finding(s, t);
  EXPECT_EQ(found.id, "aggregate.changed");
  EXPECT_EQ(found.details["property"], "the initial condition (INITCOND)");
  EXPECT_EQ(found.details["source"], "0");
  EXPECT_EQ(found.details["target"], "100");
  t = s;
  t.aggregate->transition_function = "int4larger(integer,integer)";
  EXPECT_EQ(only_finding(s, t).details["property"], "the transition function (SFUNC)");
  t = s;
  t.aggregate->final_function = "s.fin(integer)";
  found = only_finding(s, t);
  EXPECT_EQ(found.details["source"], "none");
  t = s;
  t.aggregate->sort_operator = ">(integer,integer)";
  EXPECT_EQ(only_finding(s, t).details["property"], "the sort operator (SORTOP)");
}

// A C function is a symbol (prosrc) in a library file (probin): another file is another body.
TEST(FunctionCheck, CLibraryFileIsPartOfTheBody) {
  auto source = function("similarity");
  source.language = "c";
  source.library = "$libdir/pg_trgm";
  auto target = source;
  target.library = "/usr/lib/postgresql/15/lib/pg_trgm";
  const auto finding = only_finding(source, target);
  EXPECT_EQ(finding.id, "function.body_changed");
  EXPECT_EQ(finding.details["property"], "the library file");
  EXPECT_EQ(finding.details["source"], "$libdir/pg_trgm");
  EXPECT_EQ(finding.details["target"], "/usr/lib/postgresql/15/lib/pg_trgm");
  EXPECT_EQ(finding.severity, report::Severity::error);
  EXPECT_TRUE(checks::check_functions(with({source}), with({source})).empty());
}
