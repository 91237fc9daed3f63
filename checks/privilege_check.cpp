// Column and default privileges, reported as owners and table privileges are
// (environment_check.cpp): information, one finding for the database naming the objects.
#include "checks/catalog_object_compare.hpp"
#include "checks/long_tail_checks.hpp"

namespace pgparity::checks {

std::vector<report::Finding> check_privileges(const core::Catalog &source,
                                              const core::Catalog &target) {
  std::vector<report::Finding> findings;
  const std::string &database = target.server.database;
  summarize_catalog_objects(
      source.column_privileges, target.column_privileges, "privileges", "column_privileges.changed",
      database,
      "columns have other column privileges on the target (expected after a restore with "
      "--no-acl)",
      findings);
  summarize_catalog_objects(
      source.default_privileges, target.default_privileges, "privileges",
      "default_privileges.changed", database,
      "default privilege entries differ on the target (expected after a restore with --no-acl)",
      findings);
  return findings;
}

} // namespace pgparity::checks
