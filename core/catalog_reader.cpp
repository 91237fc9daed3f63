#include "core/catalog_reader.hpp"

#include <future>

namespace pgparity::core {

namespace {

void read_long_tail(Session &session, Catalog &catalog) {
  const int version = catalog.server.version_num;
  catalog.user_collations = read_user_collations(session, version);
  catalog.range_types = read_range_types(session, version);
  catalog.base_types = read_base_types(session);
  catalog.casts = read_casts(session);
  catalog.operators = read_operators(session);
  catalog.operator_classes = read_operator_classes(session);
  catalog.operator_families = read_operator_families(session);
  catalog.text_search_configurations = read_text_search_configurations(session);
  catalog.text_search_dictionaries = read_text_search_dictionaries(session);
  catalog.text_search_parsers = read_text_search_parsers(session);
  catalog.text_search_templates = read_text_search_templates(session);
  catalog.conversions = read_conversions(session);
  catalog.access_methods = read_access_methods(session);
  catalog.foreign_data_wrappers = read_foreign_data_wrappers(session);
  catalog.languages = read_languages(session);
  catalog.transforms = read_transforms(session);
  catalog.column_privileges = read_column_privileges(session);
  catalog.default_privileges = read_default_privileges(session);
  catalog.comments = read_comments(session);
}

} // namespace

Catalog read_catalog(Session &session) {
  const bool own_snapshot = !session.in_snapshot();
  if (own_snapshot) {
    session.begin_snapshot();
  }
  Catalog catalog;
  try {
    catalog.server = read_server_info(session);
    catalog.schemas = read_schemas(session);
    catalog.collations = read_collation_versions(session);
    catalog.tables = read_tables(session);
    catalog.materialized_views = read_materialized_views(session);
    catalog.indexes = read_indexes(session);
    catalog.constraints = read_constraints(session);
    catalog.sequences = read_sequences(session);
    catalog.extensions = read_extensions(session);
    catalog.views = read_views(session);
    catalog.functions = read_functions(session);
    catalog.triggers = read_triggers(session);
    catalog.policies = read_policies(session);
    catalog.enums = read_enums(session);
    catalog.domains = read_domains(session);
    catalog.composite_types = read_composite_types(session);
    catalog.object_counts = read_object_counts(session);
    read_long_tail(session, catalog);
    catalog.settings = read_stored_settings(session);
    catalog.database = read_database_properties(session);
    catalog.rules = read_rules(session);
    catalog.relation_options = read_relation_options(session);
    catalog.extended_statistics = read_extended_statistics(session);
    catalog.event_triggers = read_event_triggers(session);
    catalog.publications = read_publications(session);
    catalog.foreign_tables = read_foreign_tables(session);
    catalog.foreign_servers = read_foreign_servers(session);
    catalog.user_mappings = read_user_mappings(session);
  } catch (...) {
    if (own_snapshot) {
      session.end_snapshot();
    }
    throw;
  }
  if (own_snapshot) {
    session.end_snapshot();
  }
  return catalog;
}

std::pair<Catalog, Catalog> read_catalogs(Session &source, Session &target) {
  auto target_catalog = std::async(std::launch::async, [&] { return read_catalog(target); });
  Catalog source_catalog = read_catalog(source);
  return {std::move(source_catalog), target_catalog.get()};
}

} // namespace pgparity::core
