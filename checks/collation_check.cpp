#include "checks/catalog_object_compare.hpp"
#include "checks/long_tail_checks.hpp"

namespace pgparity::checks {

std::vector<report::Finding> check_collations(const core::Catalog &source,
                                              const core::Catalog &target) {
  std::vector<report::Finding> findings;
  compare_catalog_objects(
      source.user_collations, target.user_collations,
      {"collations", "collation.missing", "collation.extra", "collation.changed", "collation"},
      findings);
  return findings;
}

} // namespace pgparity::checks
