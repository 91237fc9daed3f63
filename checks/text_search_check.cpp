#include "checks/catalog_object_compare.hpp"
#include "checks/long_tail_checks.hpp"

namespace pgparity::checks {

std::vector<report::Finding> check_text_search(const core::Catalog &source,
                                               const core::Catalog &target) {
  std::vector<report::Finding> findings;
  compare_catalog_objects(source.text_search_configurations, target.text_search_configurations,
                          {"text_search", "text_search_configuration.missing",
                           "text_search_configuration.extra", "text_search_configuration.changed",
                           "text search configuration"},
                          findings);
  compare_catalog_objects(source.text_search_dictionaries, target.text_search_dictionaries,
                          {"text_search", "text_search_dictionary.missing",
                           "text_search_dictionary.extra", "text_search_dictionary.changed",
                           "text search dictionary"},
                          findings);
  compare_catalog_objects(source.text_search_parsers, target.text_search_parsers,
                          {"text_search", "text_search_parser.missing", "text_search_parser.extra",
                           "text_search_parser.changed", "text search parser"},
                          findings);
  compare_catalog_objects(source.text_search_templates, target.text_search_templates,
                          {"text_search", "text_search_template.missing",
                           "text_search_template.extra", "text_search_template.changed",
                           "text search template"},
                          findings);
  return findings;
}

} // namespace pgparity::checks
