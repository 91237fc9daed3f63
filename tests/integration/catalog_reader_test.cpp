// core::read_catalog against a real database holding one of each kind of object.
#include "core/catalog_reader.hpp"
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace pgparity;
using core::QualifiedName;

namespace {

constexpr const char *k_schema_sql = R"sql(
CREATE EXTENSION citext;
CREATE SCHEMA "Shop";
CREATE SCHEMA _heroku;
CREATE TABLE _heroku.internal (i int);
CREATE TYPE "Shop".mood AS ENUM ('sad', 'ok', 'happy');
ALTER TYPE "Shop".mood ADD VALUE 'meh' BEFORE 'ok';
CREATE DOMAIN "Shop".positive AS integer NOT NULL CHECK (VALUE > 0);
CREATE TYPE "Shop".pair AS (a integer, b text);
CREATE TABLE "Shop"."Order Items" (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  "Name" text COLLATE "C" NOT NULL,
  qty "Shop".positive,
  m "Shop".mood DEFAULT 'ok',
  total integer GENERATED ALWAYS AS (qty * 2) STORED,
  code citext UNIQUE);
CREATE INDEX oi_lower ON "Shop"."Order Items" (lower("Name")) WHERE qty > 1;
CREATE TABLE "Shop".parent (id serial PRIMARY KEY);
CREATE TABLE "Shop".child (pid integer, n integer CHECK (n > 0));
INSERT INTO "Shop".parent DEFAULT VALUES;
INSERT INTO "Shop".parent DEFAULT VALUES;
INSERT INTO "Shop".parent DEFAULT VALUES;
ALTER TABLE "Shop".child ADD CONSTRAINT child_pid_fkey
  FOREIGN KEY (pid) REFERENCES "Shop".parent (id) NOT VALID;
CREATE TABLE "Shop".ev (at date NOT NULL, id integer NOT NULL, PRIMARY KEY (at, id))
  PARTITION BY RANGE (at);
CREATE TABLE "Shop".ev_2024 PARTITION OF "Shop".ev
  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE UNLOGGED TABLE "Shop".scratch (x integer);
CREATE SEQUENCE "Shop".restarted;
SELECT nextval('"Shop".restarted') FROM generate_series(1, 3);
ALTER SEQUENCE "Shop".restarted RESTART WITH 40;
CREATE FUNCTION "Shop".touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER t_touch BEFORE UPDATE ON "Shop".child
  FOR EACH ROW EXECUTE FUNCTION "Shop".touch();
ALTER TABLE "Shop".child DISABLE TRIGGER t_touch;
CREATE VIEW "Shop".v AS SELECT id FROM "Shop".parent;
CREATE MATERIALIZED VIEW "Shop".mv AS SELECT id FROM "Shop".parent WITH NO DATA;
SELECT lo_from_bytea(0, 'hello');
)sql";

class CatalogReader : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    const std::string url = test::scratch_database("source", "catalog_reader");
    test::psql(url, k_schema_sql);
    core::Session session{core::ConnectionString::parse("source", url)};
    s_catalog = new core::Catalog(core::read_catalog(session));
    s_positions =
        new core::SequencePositions(core::read_sequence_positions(session, s_catalog->sequences));
  }
  static void TearDownTestSuite() {
    delete s_catalog;
    delete s_positions;
  }

  static const core::Table &table(const std::string &name) {
    const core::Table *found = s_catalog->table({"Shop", name});
    if (found == nullptr) {
      throw std::runtime_error("no table Shop." + name);
    }
    return *found;
  }
  template <typename T> static const T &named(const std::vector<T> &items, const std::string &n) {
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const T &item) { return item.name.name == n; });
    if (it == items.end()) {
      throw std::runtime_error("not found: " + n);
    }
    return *it;
  }

  static core::Catalog *s_catalog;
  static core::SequencePositions *s_positions;
};

core::Catalog *CatalogReader::s_catalog = nullptr;
core::SequencePositions *CatalogReader::s_positions = nullptr;

TEST_F(CatalogReader, ServerAndSchemas) {
  EXPECT_EQ(s_catalog->server.database, "catalog_reader");
  EXPECT_EQ(s_catalog->server.encoding, "UTF8");
  EXPECT_GE(s_catalog->server.version_num, 120000);
  EXPECT_EQ(s_catalog->server.large_object_count, 1);
  std::vector<std::string> schemas;
  for (const auto &schema : s_catalog->schemas) {
    schemas.push_back(schema.name);
  }
  EXPECT_EQ(schemas, (std::vector<std::string>{"Shop", "public"}));
}

TEST_F(CatalogReader, TablesAreSortedAndSystemAndHerokuSchemasIgnored) {
  std::vector<std::string> names;
  for (const auto &t : s_catalog->tables) {
    names.push_back(t.name.str());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Shop.Order Items", "Shop.child", "Shop.ev",
                                             "Shop.ev_2024", "Shop.parent", "Shop.scratch"}));
}

TEST_F(CatalogReader, Columns) {
  const auto &items = table("Order Items");
  ASSERT_EQ(items.columns.size(), 6u);
  const auto &id = items.columns[0];
  EXPECT_EQ(id.name, "id");
  EXPECT_EQ(id.type, "bigint");
  EXPECT_EQ(id.identity, core::IdentityKind::always);
  EXPECT_TRUE(id.not_null);
  const auto &name = *items.column("Name");
  EXPECT_EQ(name.collation, "pg_catalog.C");
  EXPECT_TRUE(name.not_null);
  EXPECT_EQ(items.column("qty")->type, "\"Shop\".positive");
  EXPECT_EQ(items.column("m")->default_expr, "'ok'::\"Shop\".mood");
  EXPECT_FALSE(items.column("total")->default_expr);
  EXPECT_TRUE(items.column("total")->generated_expr);
  EXPECT_FALSE(items.column("code")->collation);
}

TEST_F(CatalogReader, PartitionsAndPersistence) {
  const auto &ev = table("ev");
  EXPECT_EQ(ev.kind, core::TableKind::partitioned_table);
  EXPECT_EQ(ev.partition_key, "RANGE (at)");
  const auto &leaf = table("ev_2024");
  EXPECT_EQ(leaf.partition_of, (QualifiedName{"Shop", "ev"}));
  EXPECT_EQ(leaf.partition_bound, "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
  EXPECT_EQ(table("scratch").persistence, core::Persistence::unlogged);
  EXPECT_EQ(s_catalog->partitions_of({"Shop", "ev"}).size(), 1u);
}

TEST_F(CatalogReader, Indexes) {
  const auto &pkey = named(s_catalog->indexes, "Order Items_pkey");
  EXPECT_TRUE(pkey.is_primary);
  EXPECT_EQ(pkey.key_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(pkey.constraint, "Order Items_pkey");
  const auto &lower = named(s_catalog->indexes, "oi_lower");
  EXPECT_FALSE(lower.is_unique);
  EXPECT_EQ(lower.key_columns, std::vector<std::string>{""});
  EXPECT_TRUE(lower.predicate);
  EXPECT_TRUE(lower.is_valid && lower.is_ready);
  EXPECT_EQ(lower.method, "btree");
  EXPECT_NE(lower.definition.find("CREATE INDEX oi_lower ON \"Shop\".\"Order Items\""),
            std::string::npos);
  EXPECT_EQ(named(s_catalog->indexes, "ev_pkey").key_columns,
            (std::vector<std::string>{"at", "id"}));
  EXPECT_EQ(s_catalog->indexes_on({"Shop", "ev_2024"}).size(), 1u);
}

TEST_F(CatalogReader, Constraints) {
  auto it = std::find_if(s_catalog->constraints.begin(), s_catalog->constraints.end(),
                         [](const auto &c) { return c.name == "child_pid_fkey"; });
  ASSERT_NE(it, s_catalog->constraints.end());
  EXPECT_EQ(it->kind, core::ConstraintKind::foreign_key);
  EXPECT_FALSE(it->validated);
  EXPECT_EQ(it->columns, std::vector<std::string>{"pid"});
  EXPECT_EQ(it->referenced_table, (QualifiedName{"Shop", "parent"}));
  EXPECT_EQ(it->referenced_columns, std::vector<std::string>{"id"});
  auto check = std::find_if(s_catalog->constraints.begin(), s_catalog->constraints.end(),
                            [](const auto &c) { return c.name == "child_n_check"; });
  ASSERT_NE(check, s_catalog->constraints.end());
  EXPECT_EQ(check->definition, "CHECK ((n > 0))");
}

TEST_F(CatalogReader, SequencesWithPositionsAndColumns) {
  EXPECT_TRUE(s_positions->failures.empty());
  const auto position = [](const std::string &name) {
    return s_positions->positions.at({"Shop", name});
  };
  const auto &serial = named(s_catalog->sequences, "parent_id_seq");
  EXPECT_EQ(serial.data_type, "integer");
  EXPECT_EQ(position("parent_id_seq").last_value, 3);
  EXPECT_EQ(position("parent_id_seq").next_value(serial.increment), 4);
  EXPECT_TRUE(serial.readable);
  // RESTART WITH 40 after three calls: is_called is false, so the next value is 40 itself.
  EXPECT_FALSE(position("restarted").is_called);
  EXPECT_EQ(position("restarted").next_value(1), 40);
  ASSERT_EQ(serial.uses.size(), 2u); // OWNED BY and the nextval() default
  EXPECT_EQ(serial.uses[0].table, (QualifiedName{"Shop", "parent"}));
  EXPECT_EQ(serial.uses[0].column, "id");
  const auto &identity = named(s_catalog->sequences, "Order Items_id_seq");
  EXPECT_FALSE(position("Order Items_id_seq").is_called); // never called: next is the start
  EXPECT_EQ(position("Order Items_id_seq").next_value(identity.increment), identity.start);
  ASSERT_EQ(identity.uses.size(), 1u);
  EXPECT_EQ(identity.uses[0].kind, core::SequenceUseKind::identity);
}

TEST_F(CatalogReader, TypesViewsFunctionsTriggersExtensions) {
  EXPECT_EQ(named(s_catalog->enums, "mood").labels,
            (std::vector<std::string>{"sad", "meh", "ok", "happy"}));
  const auto &domain = named(s_catalog->domains, "positive");
  EXPECT_EQ(domain.base_type, "integer");
  EXPECT_TRUE(domain.not_null);
  EXPECT_EQ(domain.constraints, std::vector<std::string>{"CHECK ((VALUE > 0))"});
  EXPECT_EQ(named(s_catalog->composite_types, "pair").attributes.size(), 2u);
  const auto &mv = named(s_catalog->views, "mv");
  EXPECT_TRUE(mv.materialized);
  EXPECT_FALSE(mv.populated);
  EXPECT_TRUE(named(s_catalog->views, "v").populated);
  const auto &touch = named(s_catalog->functions, "touch");
  EXPECT_EQ(touch.language, "plpgsql");
  EXPECT_EQ(touch.result, "trigger");
  EXPECT_EQ(touch.body, "BEGIN RETURN NEW; END");
  EXPECT_FALSE(touch.sql_body);
  EXPECT_EQ(touch.volatility, "volatile");
  EXPECT_EQ(touch.parallel, "unsafe");
  EXPECT_EQ(touch.cost, "100");
  EXPECT_TRUE(touch.config.empty());
  EXPECT_FALSE(touch.aggregate);
  ASSERT_EQ(s_catalog->triggers.size(), 1u);
  EXPECT_EQ(s_catalog->triggers[0].enabled, "disabled");
  EXPECT_EQ(s_catalog->triggers[0].table, (QualifiedName{"Shop", "child"}));
  EXPECT_TRUE(std::any_of(s_catalog->extensions.begin(), s_catalog->extensions.end(),
                          [](const auto &e) { return e.name == "citext"; }));
  // citext's own functions belong to the extension, not to the user's schema objects.
  EXPECT_TRUE(std::none_of(s_catalog->functions.begin(), s_catalog->functions.end(),
                           [](const auto &f) { return f.name.name == "citextin"; }));
}

} // namespace
