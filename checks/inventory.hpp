// Builds the inventory of one database from its catalog: what `pgparity inventory` shows, and
// the first thing a comparison needs to know about each table (its chunk key).
#pragma once

#include "core/catalog.hpp"
#include "report/inventory.hpp"

#include <string>

namespace pgparity::checks {

// Every table of `catalog` with its kind, size, estimate and chunk key; `url` is the redacted
// connection string shown in the output.
report::Inventory take_inventory(const core::Catalog &catalog, std::string url);

} // namespace pgparity::checks
