// core::read_catalog's long tail (catalog.hpp's CatalogObject lists) against a real database
// holding one object of each class (fixtures/structure/long_tail_faithful_copy) and an extension
// (citext) whose own casts, operators, operator classes and types must be left out.
#include "core/catalog_reader.hpp"
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

using namespace pgparity;

namespace {

using Properties = std::map<std::string, std::string>;

class LongTailReader : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    const std::string url = test::scratch_database("source", "long_tail_reader");
    test::psql(url, "CREATE EXTENSION citext");
    test::psql_file(url,
                    test::repository_path("fixtures/structure/long_tail_faithful_copy/common.sql"));
    core::Session session{core::ConnectionString::parse("source", url)};
    s_catalog = new core::Catalog(core::read_catalog(session));
  }
  static void TearDownTestSuite() { delete s_catalog; }

  // Sorted here: the readers order by the database's collation.
  static std::vector<std::string> identities(const std::vector<core::CatalogObject> &objects) {
    std::vector<std::string> names;
    for (const auto &object : objects) {
      names.push_back(object.identity);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  static Properties properties(const std::vector<core::CatalogObject> &objects,
                               const std::string &identity) {
    auto it = std::find_if(objects.begin(), objects.end(),
                           [&](const core::CatalogObject &o) { return o.identity == identity; });
    if (it == objects.end()) {
      throw std::runtime_error("not found: " + identity);
    }
    return Properties(it->properties.begin(), it->properties.end());
  }

  static core::Catalog *s_catalog;
};

core::Catalog *LongTailReader::s_catalog = nullptr;

using Names = std::vector<std::string>;

} // namespace

TEST_F(LongTailReader, CollationsWithOneLocalePerProvider) {
  const auto &c = *s_catalog;
  EXPECT_EQ(identities(c.user_collations), (Names{"public.c_posix", "public.ci"}));
  const Properties icu = properties(c.user_collations, "public.ci");
  EXPECT_EQ(icu.at("provider"), "icu");
  EXPECT_EQ(icu.at("locale"), "und-u-ks-level2");
  EXPECT_EQ(icu.at("lc_collate"), "none");
  EXPECT_EQ(icu.at("deterministic"), "false");
  const Properties libc = properties(c.user_collations, "public.c_posix");
  EXPECT_EQ(libc.at("provider"), "libc");
  EXPECT_EQ(libc.at("lc_collate"), "C");
  EXPECT_EQ(libc.at("locale"), "none");
}

TEST_F(LongTailReader, RangeAndBaseTypesWithoutArraysOrTheExtensionsTypes) {
  const auto &c = *s_catalog;
  EXPECT_EQ(identities(c.range_types), (Names{"public.float_range"}));
  const Properties range = properties(c.range_types, "public.float_range");
  EXPECT_EQ(range.at("subtype"), "double precision");
  EXPECT_EQ(range.at("subtype_diff"), "float8mi(double precision,double precision)");
  EXPECT_EQ(range.at("canonical"), "none");
  EXPECT_EQ(identities(c.base_types), (Names{"public.myint", "public.vec2"}));
  const Properties base = properties(c.base_types, "public.myint");
  EXPECT_EQ(base.at("input"), "public.myint_in(cstring)");
  EXPECT_EQ(base.at("category"), "N");
  EXPECT_EQ(base.at("internal_length"), "4");
  EXPECT_EQ(base.at("alignment"), "int4");
  EXPECT_EQ(base.at("subscript"), "none"); // the clusters run 15: typsubscript is read
  const Properties subscripted = properties(c.base_types, "public.vec2");
  EXPECT_EQ(subscripted.at("subscript"), "raw_array_subscript_handler(internal)");
  EXPECT_EQ(subscripted.at("element"), "double precision");
}

TEST_F(LongTailReader, CastsOperatorsClassesAndFamiliesButNoExtensionMembers) {
  const auto &c = *s_catalog;
  EXPECT_EQ(identities(c.casts), (Names{"public.mood AS integer"}));
  EXPECT_EQ(properties(c.casts, "public.mood AS integer"),
            (Properties{{"function", "public.mood_rank(public.mood)"},
                        {"context", "assignment"},
                        {"method", "function"}}));
  EXPECT_EQ(identities(c.operators),
            (Names{"public.<->(integer, integer)", "public.===(integer, integer)"}));
  EXPECT_EQ(properties(c.operators, "public.===(integer, integer)").at("commutator"),
            "public.===(integer,integer)");
  EXPECT_EQ(identities(c.operator_classes), (Names{"public.int4_triple_ops USING hash"}));
  EXPECT_EQ(identities(c.operator_families), (Names{"public.int4_triple_ops USING hash"}));
  const Properties family = properties(c.operator_families, "public.int4_triple_ops USING hash");
  EXPECT_EQ(family.at("operators"), "operator 1 public.===(integer,integer)");
  EXPECT_EQ(family.at("support_functions"), "function 1 (integer, integer) hashint4(integer)");
}

TEST_F(LongTailReader, TextSearchAndExtensibilityObjects) {
  const auto &c = *s_catalog;
  EXPECT_EQ(identities(c.text_search_configurations), (Names{"public.shop"}));
  EXPECT_EQ(properties(c.text_search_configurations, "public.shop").at("parser"),
            "public.default_copy");
  EXPECT_EQ(identities(c.text_search_dictionaries), (Names{"public.simple_stop"}));
  EXPECT_EQ(identities(c.text_search_parsers), (Names{"public.default_copy"}));
  EXPECT_EQ(identities(c.text_search_templates), (Names{"public.simple_copy"}));
  EXPECT_EQ(identities(c.conversions), (Names{"public.utf8_latin1"}));
  EXPECT_EQ(identities(c.access_methods), (Names{"heap_copy"}));
  EXPECT_EQ(identities(c.languages), (Names{"plpgsql_copy"})); // plpgsql is an extension's
  EXPECT_EQ(identities(c.transforms), (Names{"public.myint LANGUAGE plpgsql_copy"}));
}

TEST_F(LongTailReader, PrivilegesAndComments) {
  const auto &c = *s_catalog;
  EXPECT_EQ(identities(c.column_privileges), (Names{"public.t.name"}));
  EXPECT_EQ(identities(c.default_privileges), (Names{"postgres in schema public on tables"}));
  EXPECT_EQ(identities(c.comments),
            (Names{"function public.mood_rank(public.mood)", "table column public.t.name",
                   "table constraint t_pkey on public.t", "table public.t", "type public.mood"}));
  EXPECT_EQ(properties(c.comments, "table public.t").at("comment"), "customers");
}
