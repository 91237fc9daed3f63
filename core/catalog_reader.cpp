#include "core/catalog_reader.hpp"

#include <future>

namespace pgparity::core {

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
