// Structural comparison of schema objects: schemas, table properties (kind, partitioning,
// persistence, row security), column properties other than type (nullability, default,
// identity, generated expression, collation), views and materialized views,
// triggers, enum/domain/composite types and row-level security policies. A function of two
// catalogs: nothing here reads a database. Objects missing on the target are errors, extra ones
// warnings (see docs/report.md for each id).
#pragma once

#include "core/catalog.hpp"
#include "report/finding.hpp"

#include <vector>

namespace pgparity::checks {

std::vector<report::Finding> check_schema(const core::Catalog &source, const core::Catalog &target);

} // namespace pgparity::checks
