#include "migrate/post_restore.hpp"

#include "checks/structure_checks.hpp"
#include "core/catalog_reader.hpp"
#include "core/session.hpp"

namespace pgparity::migrate {

PostRestoreResult post_restore(const core::ConnectionString &source,
                               const core::ConnectionString &target, bool fix_sequences,
                               const core::Log &log) {
  PostRestoreResult result;
  core::Session writer{target, core::SessionOptions{.read_only = false}};
  const auto run = [&](const std::string &statement) {
    log.info("target: " + statement);
    writer.execute(statement);
    result.statements.push_back(statement);
  };
  run("ANALYZE");
  if (!fix_sequences) {
    return result;
  }
  core::Session source_reader{source};
  core::Session target_reader{target};
  const auto [source_catalog, target_catalog] = core::read_catalogs(source_reader, target_reader);
  const auto facts =
      checks::gather_sequence_facts(source_catalog, target_catalog, source_reader, target_reader);
  for (const auto &reason : facts.unverified) {
    log.warning("--fix-sequences cannot judge: " + reason); // the verify phase names it too
  }
  for (const auto &fix : checks::sequence_fixes(source_catalog, target_catalog, facts)) {
    run(fix.statement);
  }
  return result;
}

} // namespace pgparity::migrate
