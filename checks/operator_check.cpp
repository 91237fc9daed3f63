#include "checks/catalog_object_compare.hpp"
#include "checks/long_tail_checks.hpp"

namespace pgparity::checks {

std::vector<report::Finding> check_operators(const core::Catalog &source,
                                             const core::Catalog &target) {
  std::vector<report::Finding> findings;
  compare_catalog_objects(source.casts, target.casts,
                          {"operators", "cast.missing", "cast.extra", "cast.changed", "cast"},
                          findings);
  compare_catalog_objects(
      source.operators, target.operators,
      {"operators", "operator.missing", "operator.extra", "operator.changed", "operator"},
      findings);
  compare_catalog_objects(source.operator_classes, target.operator_classes,
                          {"operators", "operator_class.missing", "operator_class.extra",
                           "operator_class.changed", "operator class"},
                          findings);
  compare_catalog_objects(source.operator_families, target.operator_families,
                          {"operators", "operator_family.missing", "operator_family.extra",
                           "operator_family.changed", "operator family"},
                          findings);
  return findings;
}

} // namespace pgparity::checks
