// Comparing two sides' lists of core::CatalogObject (the long tail of catalog.hpp): the one
// comparison every such class shares. An object is matched by identity; a matched pair differs
// when a property both sides list has another value (a property only one side's server version
// has is not compared). Properties are catalog facts, never deparsed text, so they are compared
// as they are.
#pragma once

#include "core/catalog.hpp"
#include "report/finding.hpp"

#include <string>
#include <vector>

namespace pgparity::checks {

// How one class's findings are named: ids `missing`, `extra` and `changed` (one finding per
// object), `noun` for messages ("collation", "operator class"…).
struct ObjectClassFindings {
  std::string check; // the report's check name: "schema", "operators"…
  std::string missing;
  std::string extra;
  std::string changed;
  std::string noun;
};

// One finding per object only on the source (`missing`), only on the target (`extra`), or on
// both with differing properties (`changed`, listing each property's two values in details and
// message), appended to `findings` in source then target order.
void compare_catalog_objects(const std::vector<core::CatalogObject> &source,
                             const std::vector<core::CatalogObject> &target,
                             const ObjectClassFindings &names,
                             std::vector<report::Finding> &findings);

// For the classes reported as one information finding per database (privileges, comments):
// when any object differs (only on one side, or a property changed), one finding `id` of
// `check` on `database`, its message the count followed by `what`, its details listing each
// object with how it differs ("missing on the target", "only on the target", "changed").
void summarize_catalog_objects(const std::vector<core::CatalogObject> &source,
                               const std::vector<core::CatalogObject> &target,
                               const std::string &check, const std::string &id,
                               const std::string &database, const std::string &what,
                               std::vector<report::Finding> &findings);

} // namespace pgparity::checks
