// Readers that fill the structs of catalog.hpp from a live session. Each reader runs a few
// schema-qualified catalog queries (kept beside it as named constants) and nothing else: no
// writes, no temporary objects. For a consistent picture call them inside one snapshot
// transaction (Session::begin_snapshot); read_catalog does. Supports PostgreSQL 12 and later.
#pragma once

#include "core/catalog.hpp"
#include "core/session.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace pgparity::core {

// Everything below, read in one REPEATABLE READ READ ONLY snapshot (opened and closed here
// unless the session already has one open).
Catalog read_catalog(Session &session);

// read_catalog of two sessions at the same time (source, target): the readers wait on the
// servers, so two sides cost about as much as one.
std::pair<Catalog, Catalog> read_catalogs(Session &source, Session &target);

ServerInfo read_server_info(Session &session);
std::vector<Schema> read_schemas(Session &session);
std::vector<CollationVersion> read_collation_versions(Session &session);
// Tables with their columns, ordered by schema and name.
std::vector<Table> read_tables(Session &session);
// Materialized views as relations with their columns (kind materialized_view, populated or not),
// ordered by schema and name; extension members left out.
std::vector<Table> read_materialized_views(Session &session);
std::vector<Index> read_indexes(Session &session);
std::vector<Constraint> read_constraints(Session &session);
// Sequences and the columns drawing from them; not their positions (see below).
std::vector<Sequence> read_sequences(Session &session);

struct SequencePositions {
  std::map<QualifiedName, SequencePosition> positions; // by sequence
  std::vector<std::string> failures;                   // "schema.name: why", one per sequence
};
// The positions of the readable ones of `sequences`, read from each sequence itself (SELECT
// last_value, is_called), a batch of sequences per query. Each read locks its sequence until
// the transaction ends, so `session` must not hold a snapshot: every query is then a short
// transaction of its own (positions are not governed by snapshots anyway). A sequence that
// cannot be read (dropped meanwhile, privilege revoked) is left out and named in `failures`.
SequencePositions read_sequence_positions(Session &session, const std::vector<Sequence> &sequences);
std::vector<Extension> read_extensions(Session &session);
std::vector<View> read_views(Session &session);
std::vector<Function> read_functions(Session &session);
std::vector<Trigger> read_triggers(Session &session);
std::vector<Policy> read_policies(Session &session);
std::vector<EnumType> read_enums(Session &session);
std::vector<Domain> read_domains(Session &session);
std::vector<CompositeType> read_composite_types(Session &session);
// The long tail, each ordered by identity (catalog.hpp's CatalogObject); `version_num` is the
// server's (ServerInfo::version_num), for catalog columns that differ between versions.
std::vector<CatalogObject> read_user_collations(Session &session, int version_num);
std::vector<CatalogObject> read_range_types(Session &session, int version_num);
std::vector<CatalogObject> read_base_types(Session &session);
std::vector<CatalogObject> read_casts(Session &session);
std::vector<CatalogObject> read_operators(Session &session);
std::vector<CatalogObject> read_operator_classes(Session &session);
std::vector<CatalogObject> read_operator_families(Session &session);
std::vector<CatalogObject> read_text_search_configurations(Session &session);
std::vector<CatalogObject> read_text_search_dictionaries(Session &session);
std::vector<CatalogObject> read_text_search_parsers(Session &session);
std::vector<CatalogObject> read_text_search_templates(Session &session);
std::vector<CatalogObject> read_conversions(Session &session);
std::vector<CatalogObject> read_access_methods(Session &session);
std::vector<CatalogObject> read_foreign_data_wrappers(Session &session);
std::vector<CatalogObject> read_languages(Session &session);
std::vector<CatalogObject> read_transforms(Session &session);
std::vector<CatalogObject> read_column_privileges(Session &session);
std::vector<CatalogObject> read_default_privileges(Session &session);
std::vector<CatalogObject> read_comments(Session &session);

// Every class of object a user database can hold, by stable key ("tables", "rules", …), in the
// order the report's coverage table lists them.
const std::vector<std::string> &object_class_keys();
// How many objects of each class the database holds (user objects: not in system schemas, not
// members of an extension), one per key of object_class_keys(), in that order.
std::vector<ObjectCount> read_object_counts(Session &session);
// The current database's settings, its roles' settings (in it and in every database) and the
// names of all roles: what pg_dump without --create and --globals leaves behind.
StoredSettings read_stored_settings(Session &session);
// The current database's connection limit, comment and privileges (read_database.cpp).
DatabaseProperties read_database_properties(Session &session);
// Rules other than views' _RETURN rules (read_rules.cpp).
std::vector<Rule> read_rules(Session &session);
// Options, replica identity and column storage of tables, matviews and views
// (read_relation_options.cpp).
std::vector<RelationOptions> read_relation_options(Session &session);
std::vector<ExtendedStatistics> read_extended_statistics(Session &session);
std::vector<EventTrigger> read_event_triggers(Session &session);
std::vector<Publication> read_publications(Session &session);
// Foreign tables, servers and user mappings (read_foreign.cpp).
std::vector<ForeignTable> read_foreign_tables(Session &session);
std::vector<ForeignServer> read_foreign_servers(Session &session);
std::vector<UserMapping> read_user_mappings(Session &session);

} // namespace pgparity::core
