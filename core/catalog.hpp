// Plain structs describing one database's catalog, as read by catalog_reader.hpp. Names are
// stored unquoted, exactly as in pg_catalog. System schemas (pg_catalog, information_schema,
// pg_toast…, pg_temp…) and Heroku's internal _heroku schema are never included, except for tables
// (with their columns and indexes) that are partitions or inheritance children, at any depth, of
// a table in a schema that is. Definitions
// (defaults, index and constraint text) are the server's own deparsed forms, produced with an
// empty search_path, so every name in them is schema-qualified.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pgparity::core {

struct QualifiedName {
  std::string schema;
  std::string name;

  // "schema.name", unquoted: the form reports and finding objects use.
  std::string str() const { return schema + "." + name; }
  auto operator<=>(const QualifiedName &) const = default;
};

struct ServerInfo {
  std::string version;                          // server_version, e.g. "15.4 (Debian 15.4-1)"
  int version_num = 0;                          // server_version_num, e.g. 150004
  std::string database;                         // current database
  std::string encoding;                         // e.g. UTF8
  std::string collate;                          // datcollate
  std::string ctype;                            // datctype
  std::string locale_provider;                  // "libc", "icu" or "builtin" (PG 17+)
  std::optional<std::string> provider_locale;   // the ICU or builtin locale (PG 15+)
  std::optional<std::string> collation_version; // recorded in pg_database (PG 15+)
  std::optional<std::string> actual_collation_version; // what the library reports now (PG 15+)
  std::int64_t large_object_count = 0;
};

// A collation used by a column of a user table, with the version of the library behind it that
// was recorded when the collation was created (or last refreshed) and the one loaded now.
struct CollationVersion {
  QualifiedName name;
  std::optional<std::string> recorded; // pg_collation.collversion
  std::optional<std::string> actual;   // pg_collation_actual_version()
};

struct Schema {
  std::string name;
  std::string owner;
};

enum class TableKind { table, partitioned_table, foreign_table, materialized_view };
enum class Persistence { permanent, unlogged };
enum class IdentityKind { none, always, by_default };

struct Column {
  std::string name;
  int position = 0;                     // attnum
  std::string type;                     // format_type(): "character varying(40)"
  std::optional<std::string> collation; // qualified collation when not the type's default
  bool not_null = false;                // attnotnull: a NOT NULL constraint, validated or not (18)
  // False for a NOT NULL added NOT VALID (PostgreSQL 18: its pg_constraint row, contype 'n', not
  // validated): new rows are checked, existing ones were not, so the column may hold NULLs.
  bool not_null_validated = true;
  std::optional<std::string> default_expr; // absent for generated columns
  IdentityKind identity = IdentityKind::none;
  // A generated column's expression and kind: "(a * 2) STORED", or VIRTUAL (PostgreSQL 18).
  std::optional<std::string> generated_expr;
};

struct Table {
  QualifiedName name;
  std::uint32_t oid = 0;
  TableKind kind = TableKind::table;
  Persistence persistence = Persistence::permanent;
  std::optional<QualifiedName> partition_of;  // set for a partition
  std::vector<QualifiedName> inherits;        // parents of an inheritance child (INHERITS)
  std::optional<std::string> partition_bound; // FOR VALUES … of a partition
  std::optional<std::string> partition_key;   // PARTITION BY … of a partitioned table
  // reltuples; for a partitioned table the sum over its leaf partitions. Absent when the
  // server has no estimate (never vacuumed or analyzed).
  std::optional<double> estimated_rows;
  // pg_table_size (heap, TOAST, maps); for a partitioned table the sum over its leaves.
  std::int64_t size_bytes = 0;
  // Pages of the main fork now (pg_relation_size / block_size); 0 for a partitioned table.
  std::int64_t pages = 0;
  bool row_security = false;
  bool force_row_security = false;
  bool populated = true; // relispopulated: false only for a materialized view WITH NO DATA
  std::optional<std::string> extension; // set when the table belongs to an extension
  std::string owner;
  std::optional<std::string> privileges; // relacl as text; absent: the owner's defaults
  std::vector<Column> columns;           // ordered by position

  const Column *column(const std::string &column_name) const;
};

struct Index {
  QualifiedName name;
  QualifiedName table;
  std::string definition; // pg_get_indexdef()
  std::string method;     // btree, gin, …
  bool is_unique = false;
  bool is_primary = false;
  bool is_valid = false;                // indisvalid
  bool is_ready = false;                // indisready
  std::optional<std::string> predicate; // WHERE clause of a partial index
  // Key columns in order; an expression column is an empty string.
  std::vector<std::string> key_columns;
  std::optional<std::string> constraint; // name of the constraint it implements
  // Storage parameters (reloptions, "name=value", sorted): also printed in `definition`'s
  // WITH clause, but compared on their own.
  std::vector<std::string> options;
  // Index columns given a statistics target (ALTER INDEX … ALTER COLUMN n SET STATISTICS t), as
  // "n=t" in column order; a column at the default (-1, or NULL from 17) is not listed.
  std::vector<std::string> statistics_targets;
};

enum class ConstraintKind { primary_key, unique, check, foreign_key, exclusion, trigger };

struct Constraint {
  QualifiedName table;
  std::string name;
  ConstraintKind kind = ConstraintKind::check;
  std::string definition; // pg_get_constraintdef()
  bool validated = true;  // convalidated
  bool deferrable = false;
  bool initially_deferred = false;
  bool inherited = false; // coninhcount > 0 (cloned to a partition or child)
  // A system trigger enforcing it (a foreign key's, a deferrable unique's) is disabled
  // (ALTER TABLE … DISABLE TRIGGER ALL): rows that violate it are accepted.
  bool enforcement_disabled = false;
  std::vector<std::string> columns;
  std::optional<QualifiedName> referenced_table; // foreign keys
  std::vector<std::string> referenced_columns;

  // The definition without the " NOT VALID" pg_get_constraintdef() appends to an unvalidated
  // constraint, so a constraint matches its counterpart whatever its validation state.
  std::string comparable_definition() const;
};

enum class SequenceUseKind { owned, column_default, identity };

struct SequenceUse {
  QualifiedName table;
  std::string column;
  SequenceUseKind kind = SequenceUseKind::owned;
};

struct Sequence {
  QualifiedName name;
  std::string data_type; // smallint, integer, bigint
  std::int64_t start = 1;
  std::int64_t increment = 1;
  std::int64_t min_value = 1;
  std::int64_t max_value = 0;
  std::int64_t cache = 1;
  bool cycle = false;
  // The reading role has SELECT on it, which reading its position (read_sequence_positions)
  // needs; pg_sequences.last_value cannot tell (null both without it and before the first call).
  bool readable = true;
  bool unlogged = false; // ALTER SEQUENCE … SET UNLOGGED (15+): reset by a crash
  std::vector<SequenceUse> uses;
};

// Where a sequence stands, read from the sequence itself. The next nextval() returns
// last_value + increment when is_called, else last_value itself (after setval(…, false) or
// ALTER SEQUENCE … RESTART, and before the first call, when last_value is the start).
struct SequencePosition {
  std::int64_t last_value = 0;
  bool is_called = false;

  std::int64_t next_value(std::int64_t increment) const {
    return is_called ? last_value + increment : last_value;
  }
};

struct Extension {
  std::string name;
  std::string version;
  std::string schema;
};

struct View {
  QualifiedName name;
  bool materialized = false;
  bool populated = true; // relispopulated; always true for plain views
  std::string definition;
  // Column defaults of a view (ALTER VIEW … ALTER COLUMN … SET DEFAULT): what an INSERT through
  // the view stores for a column it omits. (column, pg_get_expr), by column position.
  std::vector<std::pair<std::string, std::string>> column_defaults;
  // What makes a materialized view's query (or a view it reads, at any depth) not repeatable:
  // the functions it calls that are not immutable ("now()"; directly, through an operator, as an
  // aggregate or window function), "TABLESAMPLE without REPEATABLE", an SQL value function of a
  // view it reads. Read from the stored query trees (pg_depend leaves built-in functions out).
  // Sorted; empty for plain views.
  std::vector<std::string> unrepeatable_calls;
};

// The parts of an aggregate's definition (pg_aggregate) beyond its pg_proc row. Functions are
// shown as regprocedure (name and argument types), types by format_type(); an absent function,
// operator or initial condition is an empty string.
struct AggregateDefinition {
  std::string kind;                // normal, ordered-set, hypothetical-set
  int direct_arguments = 0;        // aggnumdirectargs
  std::string transition_function; // aggtransfn
  std::string state_type;          // aggtranstype
  std::string state_space;         // aggtransspace (bytes; 0 = default estimate)
  std::string initial_condition;   // agginitval; "<null>" when there is none
  std::string final_function;      // aggfinalfn
  bool final_extra = false;        // FINALFUNC_EXTRA
  std::string final_modify;        // read_only, shareable, read_write
  std::string combine_function;
  std::string serial_function;
  std::string deserial_function;
  std::string moving_transition_function; // aggmtransfn
  std::string moving_inverse_function;    // aggminvtransfn
  std::string moving_state_type;          // empty without a moving-aggregate implementation
  std::string moving_initial_condition;   // "<null>" when there is none
  std::string moving_final_function;
  bool moving_final_extra = false;
  std::string moving_final_modify;
  std::string sort_operator; // aggsortop, regoperator

  bool operator==(const AggregateDefinition &) const = default;
};

// A function, procedure, aggregate or window function, by its whole definition.
struct Function {
  QualifiedName name;
  std::string identity_arguments; // pg_get_function_identity_arguments()
  std::string arguments;          // pg_get_function_arguments(): names, modes and defaults
  std::string result;             // pg_get_function_result(); empty for procedures
  std::string kind;               // function, procedure, aggregate, window
  std::string language;
  std::string body; // prosrc: the source text, or a C function's link symbol
  // A C function's shared library file (probin, AS 'file', 'symbol'; prosrc is the symbol), as
  // written: "$libdir/pg_trgm". Absent for every other language.
  std::optional<std::string> library;
  // A SQL-standard body (BEGIN ATOMIC … END or RETURN …), as pg_get_function_sqlbody() deparses
  // it (PostgreSQL 14+; prosrc is then empty).
  std::optional<std::string> sql_body;
  bool security_definer = false;
  bool strict = false;
  bool leakproof = false;
  std::string volatility;          // immutable, stable, volatile
  std::string parallel;            // safe, restricted, unsafe
  std::string cost;                // procost as text
  std::string rows;                // prorows as text (0 unless it returns a set)
  std::string support;             // prosupport (regprocedure); empty when none
  std::vector<std::string> config; // proconfig, "name=value" each, sorted (SET clauses)
  std::optional<AggregateDefinition> aggregate; // for kind aggregate
};

struct Trigger {
  QualifiedName table;
  std::string name;
  std::string definition; // pg_get_triggerdef()
  std::string enabled;    // enabled, disabled, replica (fires only on replicas), always
};

// A row-level security policy.
struct Policy {
  QualifiedName table;
  std::string name;
  std::string command; // ALL, SELECT, INSERT, UPDATE, DELETE
  bool permissive = true;
  std::vector<std::string> roles;
  std::optional<std::string> using_expr;
  std::optional<std::string> check_expr;

  bool operator==(const Policy &) const = default;
};

struct EnumType {
  QualifiedName name;
  std::vector<std::string> labels; // in sort order
};

struct Domain {
  QualifiedName name;
  std::string base_type;
  bool not_null = false;
  std::optional<std::string> default_expr;
  std::vector<std::string> constraints; // CHECK definitions, sorted
};

struct CompositeType {
  QualifiedName name;
  std::vector<std::pair<std::string, std::string>> attributes; // name, type
};

// A rewrite rule (pg_rewrite), not the _RETURN rule behind a view.
struct Rule {
  QualifiedName table;
  std::string name;
  std::string definition; // pg_get_ruledef()
  std::string enabled;    // enabled, disabled, replica, always (ev_enabled)
};

// A column's physical settings (pg_attribute): how its values are stored and sampled.
struct ColumnOptions {
  std::string name;
  std::string storage; // attstorage: p, e, m, x
  std::string
      type_storage;        // the type's default (typstorage): storage differs from it only when set
  std::string compression; // attcompression (PostgreSQL 14+): p (pglz), l (lz4), "" = default
  int statistics_target = -1;       // attstattarget; -1 = default (17+ stores NULL: read as -1)
  std::vector<std::string> options; // attoptions (n_distinct, n_distinct_inherited), sorted
};

// The options of a table, partitioned table, materialized view or view (pg_class.reloptions),
// with its TOAST table's options, its replica identity and its columns' physical settings.
struct RelationOptions {
  QualifiedName name;
  std::string kind;                          // table, partitioned table, materialized view, view
  std::vector<std::string> options;          // "name=value", sorted
  std::vector<std::string> toast_options;    // the TOAST table's, "name=value", sorted
  std::string replica_identity;              // default, nothing, full, index
  std::optional<std::string> identity_index; // the index of REPLICA IDENTITY USING INDEX
  bool published = false;                    // in a publication (listed, by schema or all tables)
  std::vector<ColumnOptions> columns;        // by position
};

// An extended statistics object (pg_statistic_ext).
struct ExtendedStatistics {
  QualifiedName name;
  QualifiedName table;
  std::string definition;     // pg_get_statisticsobjdef(): kinds, columns and expressions
  int statistics_target = -1; // stxstattarget; -1 = default (17+ stores NULL: read as -1)
};

struct EventTrigger {
  std::string name;
  std::string event;             // ddl_command_start, …
  std::string function;          // schema.name of the function it runs
  std::vector<std::string> tags; // WHEN TAG IN (…), sorted; empty: every command
  std::string enabled;           // enabled, disabled, replica, always
};

// A table a publication lists, with its column list and row filter (PostgreSQL 15+).
struct PublicationTable {
  QualifiedName table;
  std::vector<std::string> columns;      // sorted; empty: every column
  std::optional<std::string> row_filter; // pg_get_expr(prqual)
};

struct Publication {
  std::string name;
  bool all_tables = false;
  std::vector<std::string> actions; // insert, update, delete, truncate: those it publishes
  bool via_root = false;            // pubviaroot (PostgreSQL 13+)
  std::vector<PublicationTable> tables;
  std::vector<std::string> schemas; // FOR TABLES IN SCHEMA (PostgreSQL 15+), sorted
  // publish_generated_columns (pubgencols, PostgreSQL 18): none or stored. Before 18 generated
  // columns are never published, which is "none".
  std::string generated_columns = "none";
};

// A foreign table's own definition; its columns' names and types are those of its Table.
struct ForeignTable {
  QualifiedName name;
  std::string server;
  std::vector<std::string> options; // ftoptions, "name=value", sorted
  // Columns with options (attfdwoptions), by name: "name=value" joined with ", ".
  std::vector<std::pair<std::string, std::string>> column_options;
};

struct ForeignServer {
  std::string name;
  std::string wrapper; // the foreign-data wrapper's name
  std::optional<std::string> type;
  std::optional<std::string> version;
  std::vector<std::string> options; // srvoptions, "name=value", sorted (never printed: values)
};

// A user mapping, by existence only: its options may hold passwords and are never read.
struct UserMapping {
  std::string server;
  std::string user; // role name, or "public"
};

// A setting stored in pg_db_role_setting (ALTER DATABASE … SET, ALTER ROLE … SET), split at
// its first '=': the value is the text the server stores, e.g. search_path's `"$user", app`.
struct Setting {
  std::string name;
  std::string value;

  auto operator<=>(const Setting &) const = default;
};

// A setting of a role: for the current database only (ALTER ROLE … IN DATABASE … SET) or for
// every database (ALTER ROLE … SET).
struct RoleSetting {
  std::string role;
  bool in_database = true;
  Setting setting;
};

// How the server reads a setting's value (pg_settings): its type ("bool", "integer", "real",
// "enum", "string") and base unit ("8kB", "kB", "ms"…; empty when it has none).
struct SettingDefinition {
  std::string name; // as pg_settings spells it (lowercase but for a few, e.g. TimeZone)
  std::string vartype;
  std::string unit;
};

// The settings pg_dump leaves out unless given --create (database) or --globals (roles).
struct StoredSettings {
  std::string database;                   // the current database's name
  std::vector<Setting> database_settings; // ALTER DATABASE <current> SET, by name
  std::vector<RoleSetting> role_settings; // by role, in_database, name
  std::vector<std::string> role_names;    // every role of the cluster, sorted
  // The server's definition of each setting named above that it knows (a custom `app.x` it has
  // not loaded has none).
  std::vector<SettingDefinition> definitions;

  // The definition of `name` (in any case, as the server looks names up), or null.
  const SettingDefinition *definition(const std::string &name) const;
};

// The current database's own properties, which pg_dump leaves out without --create: its
// connection limit and comment, and who may connect to it or create temporary tables in it.
struct DatabaseProperties {
  std::string name;
  int connection_limit = -1;          // datconnlimit; -1 for no limit
  std::optional<std::string> comment; // COMMENT ON DATABASE (pg_shdescription)
  bool public_connect = true;         // PUBLIC holds CONNECT (the default)
  bool public_temporary = true;       // PUBLIC holds TEMPORARY (the default)
  // Every other role's privileges on it, the owner's aside (--no-owner changes the owner):
  // "role=CONNECT, CREATE, TEMPORARY", sorted by role.
  std::vector<std::string> role_grants;
};

// How many objects of one class (object_class_keys()) a database holds: the report's coverage.
struct ObjectCount {
  std::string object_class;
  std::int64_t count = 0;
};

// A catalog object of the long tail (user-defined collations, range and base types, casts,
// operators, operator classes and families, text search objects, conversions, access methods,
// languages, transforms; column and default privileges; comments), compared by identity and a
// list of properties. Each property is one catalog fact in a form that means the same on every
// supported version (names schema-qualified, types as format_type() prints them, codes spelled
// out, "none" for an absent value); a property a server version does not have is left out of the
// list, so only the properties both sides list are compared.
struct CatalogObject {
  std::string identity; // as findings name it: "public.ci", "integer AS public.mood"…
  std::vector<std::pair<std::string, std::string>> properties; // (name, value), in a fixed order
};

// Orders indexes by the table they are on (then by name): the order of Catalog::indexes.
struct IndexTableOrder {
  bool operator()(const Index &a, const Index &b) const {
    return a.table < b.table || (a.table == b.table && a.name < b.name);
  }
  bool operator()(const Index &a, const QualifiedName &table) const { return a.table < table; }
  bool operator()(const QualifiedName &table, const Index &a) const { return table < a.table; }
};

struct Catalog {
  ServerInfo server;
  std::vector<Schema> schemas;
  std::vector<Table> tables; // ordered by schema, name
  // Materialized views as relations (kind materialized_view, with their columns), ordered by
  // schema, name; their definitions are in `views`. Not in `tables`: their rows come from a
  // query, and they are compared like tables only where docs/report.md says so.
  std::vector<Table> materialized_views;
  std::vector<Index> indexes; // ordered by IndexTableOrder
  std::vector<Constraint> constraints;
  std::vector<Sequence> sequences;
  std::vector<Extension> extensions;
  std::vector<View> views;
  std::vector<Function> functions;
  std::vector<Trigger> triggers;
  std::vector<Policy> policies;
  std::vector<CollationVersion> collations; // those used by user tables' columns
  std::vector<EnumType> enums;
  std::vector<Domain> domains;
  std::vector<CompositeType> composite_types;
  std::vector<ObjectCount> object_counts; // one per class of object_class_keys(), in its order
  // The long tail (core/read_*.cpp), each ordered by identity.
  std::vector<CatalogObject> user_collations; // pg_collation in user schemas
  std::vector<CatalogObject> range_types;
  std::vector<CatalogObject> base_types; // CREATE TYPE … (INPUT = …), shells included
  std::vector<CatalogObject> casts;
  std::vector<CatalogObject> operators;
  std::vector<CatalogObject> operator_classes;
  std::vector<CatalogObject> operator_families; // with their operators and support functions
  std::vector<CatalogObject> text_search_configurations; // with their mappings
  std::vector<CatalogObject> text_search_dictionaries;
  std::vector<CatalogObject> text_search_parsers;
  std::vector<CatalogObject> text_search_templates;
  std::vector<CatalogObject> conversions;
  std::vector<CatalogObject> access_methods;
  std::vector<CatalogObject> foreign_data_wrappers;
  std::vector<CatalogObject> languages;
  std::vector<CatalogObject> transforms;
  std::vector<CatalogObject> column_privileges;  // columns with an attacl, property "acl"
  std::vector<CatalogObject> default_privileges; // pg_default_acl rows, property "acl"
  std::vector<CatalogObject> comments; // on user objects, by pg_identify_object; "comment"
  StoredSettings settings;             // database and role settings (pg_db_role_setting)
  DatabaseProperties database;         // connection limit, comment, CONNECT and TEMPORARY
  std::vector<Rule> rules;
  std::vector<RelationOptions> relation_options; // tables, partitioned tables, matviews, views
  std::vector<ExtendedStatistics> extended_statistics;
  std::vector<EventTrigger> event_triggers;
  std::vector<Publication> publications;
  std::vector<ForeignTable> foreign_tables;
  std::vector<ForeignServer> foreign_servers;
  std::vector<UserMapping> user_mappings;

  // The indexes on `table`, by name (a binary search: `indexes` must be in IndexTableOrder).
  std::vector<const Index *> indexes_on(const QualifiedName &table) const;
  // The partitions whose parent is `table` (one level).
  std::vector<const Table *> partitions_of(const QualifiedName &table) const;
  const Table *table(const QualifiedName &name) const;
  const Table *materialized_view(const QualifiedName &name) const;
  const Sequence *sequence(const QualifiedName &name) const;
};

std::string to_string(TableKind kind);
std::string to_string(Persistence persistence);
std::string to_string(ConstraintKind kind);

} // namespace pgparity::core
