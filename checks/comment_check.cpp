// Comments cannot change what queries return: information, one finding for the database naming
// the objects.
#include "checks/catalog_object_compare.hpp"
#include "checks/long_tail_checks.hpp"

namespace pgparity::checks {

std::vector<report::Finding> check_comments(const core::Catalog &source,
                                            const core::Catalog &target) {
  std::vector<report::Finding> findings;
  summarize_catalog_objects(source.comments, target.comments, "comments", "comment.changed",
                            target.server.database,
                            "comments are missing, extra or changed on the target (expected "
                            "after a restore with --no-comments)",
                            findings);
  return findings;
}

} // namespace pgparity::checks
