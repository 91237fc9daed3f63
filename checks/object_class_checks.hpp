// Structural comparisons of the catalog's long tail: rules, table and view options (reloptions,
// TOAST options, replica identity, column storage, compression and statistics target),
// extended statistics, event triggers, publications, and foreign tables, servers and user
// mappings. Each is a function of the two catalogs (one file each, *_check.cpp); none reads a
// database. Finding ids, severities and the reasons for them: docs/report.md.
#pragma once

#include "core/catalog.hpp"
#include "report/finding.hpp"

#include <vector>

namespace pgparity::checks {

// Rules by table and name: missing, extra (an extra rule changes what a statement does: an
// error too), definition (same_definition) and enabled state.
std::vector<report::Finding> check_rules(const core::Catalog &source, const core::Catalog &target);

// For each table, partitioned table, materialized view and view on both sides: its options
// (a view's security_invoker, security_barrier and check_option are errors; storage parameters
// of the others warnings), TOAST options, replica identity (an error when either side publishes
// the table) and its columns' storage, compression and statistics target.
std::vector<report::Finding> check_relation_options(const core::Catalog &source,
                                                    const core::Catalog &target);

// Extended statistics by name: missing, extra, definition, statistics target.
std::vector<report::Finding> check_extended_statistics(const core::Catalog &source,
                                                       const core::Catalog &target);

// Event triggers by name: missing, extra, event, function, tags, enabled state.
std::vector<report::Finding> check_event_triggers(const core::Catalog &source,
                                                  const core::Catalog &target);

// Publications by name: missing, extra, actions, all tables, via root, the tables listed (with
// column lists and row filters) and the schemas published.
std::vector<report::Finding> check_publications(const core::Catalog &source,
                                                const core::Catalog &target);

// Foreign tables (by definition: server, options, columns; their rows are on a remote server and
// are never read), foreign servers, and user mappings by existence (never their options).
std::vector<report::Finding> check_foreign_objects(const core::Catalog &source,
                                                   const core::Catalog &target);

} // namespace pgparity::checks
