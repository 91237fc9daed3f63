// The structural comparisons of the long tail of catalog objects (catalog.hpp's CatalogObject
// lists), each a function of the two catalogs; none reads a database. Finding ids and
// severities: docs/report.md. Range and base types are compared with the other types by
// check_schema (schema_check.hpp).
#pragma once

#include "core/catalog.hpp"
#include "report/finding.hpp"

#include <vector>

namespace pgparity::checks {

// User-defined collations: provider, locale (an ICU one in its canonical form, icu_locale.hpp),
// deterministic (collation.*).
std::vector<report::Finding> check_collations(const core::Catalog &source,
                                              const core::Catalog &target);

// Casts, operators, operator classes and operator families with their members (cast.*,
// operator.*, operator_class.*, operator_family.*).
std::vector<report::Finding> check_operators(const core::Catalog &source,
                                             const core::Catalog &target);

// Text search configurations with their mappings, dictionaries, parsers and templates
// (text_search_configuration.*, text_search_dictionary.*, text_search_parser.*,
// text_search_template.*).
std::vector<report::Finding> check_text_search(const core::Catalog &source,
                                               const core::Catalog &target);

// Conversions, access methods, procedural languages and transforms (conversion.*,
// access_method.*, language.*, transform.*).
std::vector<report::Finding> check_extensibility(const core::Catalog &source,
                                                 const core::Catalog &target);

// Column privileges and default privileges: one information finding each for the database
// (column_privileges.changed, default_privileges.changed) naming every object that differs, as
// owners and table privileges are reported (a restore with --no-acl drops them on purpose).
std::vector<report::Finding> check_privileges(const core::Catalog &source,
                                              const core::Catalog &target);

// Comments on user objects: one information finding for the database (comment.changed)
// naming every comment missing, extra or changed.
std::vector<report::Finding> check_comments(const core::Catalog &source,
                                            const core::Catalog &target);

} // namespace pgparity::checks
