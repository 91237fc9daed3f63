#include "checks/catalog_object_compare.hpp"
#include "checks/long_tail_checks.hpp"

namespace pgparity::checks {

std::vector<report::Finding> check_extensibility(const core::Catalog &source,
                                                 const core::Catalog &target) {
  std::vector<report::Finding> findings;
  compare_catalog_objects(source.conversions, target.conversions,
                          {"extensibility", "conversion.missing", "conversion.extra",
                           "conversion.changed", "conversion"},
                          findings);
  compare_catalog_objects(source.access_methods, target.access_methods,
                          {"extensibility", "access_method.missing", "access_method.extra",
                           "access_method.changed", "access method"},
                          findings);
  compare_catalog_objects(source.foreign_data_wrappers, target.foreign_data_wrappers,
                          {"extensibility", "foreign_data_wrapper.missing",
                           "foreign_data_wrapper.extra", "foreign_data_wrapper.changed",
                           "foreign-data wrapper"},
                          findings);
  compare_catalog_objects(
      source.languages, target.languages,
      {"extensibility", "language.missing", "language.extra", "language.changed", "language"},
      findings);
  compare_catalog_objects(
      source.transforms, target.transforms,
      {"extensibility", "transform.missing", "transform.extra", "transform.changed", "transform"},
      findings);
  return findings;
}

} // namespace pgparity::checks
