// Functions, procedures, aggregates and window functions compared by their whole definition
// (core::Function): matched by schema, name and argument types, then body (prosrc digest, or a
// SQL-standard body compared as a deparsed definition), arguments with names and defaults
// (deparsed: same_definition), result, kind, language, attributes (strict, security definer,
// volatility, leakproof, parallel, support function), SET clauses, cost and rows, and an
// aggregate's pg_aggregate row. Each differing property is its own finding naming the property
// and both values. A function of two catalogs: nothing here reads a database.
#pragma once

#include "core/catalog.hpp"
#include "report/finding.hpp"

#include <vector>

namespace pgparity::checks {

// Findings (check "schema") with ids function.missing, function.extra, function.body_changed,
// function.arguments_changed, function.definition_changed, function.config_changed,
// function.cost_changed and aggregate.changed (docs/report.md).
std::vector<report::Finding> check_functions(const core::Catalog &source,
                                             const core::Catalog &target);

} // namespace pgparity::checks
