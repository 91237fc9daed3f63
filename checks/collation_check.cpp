#include "checks/catalog_object_compare.hpp"
#include "checks/icu_locale.hpp"
#include "checks/long_tail_checks.hpp"

#include <algorithm>

namespace pgparity::checks {

namespace {

// The collations with an ICU collation's locale in its canonical form (icu_locale.hpp): 16+
// stores `de-u-ks-level2` for the `de@colStrength=secondary` a dump from 15 spells.
std::vector<core::CatalogObject>
with_canonical_icu_locales(std::vector<core::CatalogObject> collations) {
  for (auto &collation : collations) {
    auto &properties = collation.properties;
    const bool icu =
        std::find(properties.begin(), properties.end(),
                  std::pair<std::string, std::string>{"provider", "icu"}) != properties.end();
    for (auto &[name, value] : properties) {
      if (icu && name == "locale" && value != "none") {
        value = canonical_icu_locale(value);
      }
    }
  }
  return collations;
}

} // namespace

std::vector<report::Finding> check_collations(const core::Catalog &source,
                                              const core::Catalog &target) {
  std::vector<report::Finding> findings;
  compare_catalog_objects(
      with_canonical_icu_locales(source.user_collations),
      with_canonical_icu_locales(target.user_collations),
      {"collations", "collation.missing", "collation.extra", "collation.changed", "collation"},
      findings);
  return findings;
}

} // namespace pgparity::checks
