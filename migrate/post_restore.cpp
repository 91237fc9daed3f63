#include "migrate/post_restore.hpp"

#include "checks/structure_checks.hpp"
#include "core/catalog_reader.hpp"
#include "core/error.hpp"
#include "core/session.hpp"
#include "migrate/setting_statements.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace pgparity::migrate {

namespace {

void fix_sequences_on_target(core::Session &source_reader, core::Session &target_reader,
                             const std::function<void(const std::string &)> &run,
                             const core::Log &log) {
  const auto [source_catalog, target_catalog] = core::read_catalogs(source_reader, target_reader);
  const auto facts =
      checks::gather_sequence_facts(source_catalog, target_catalog, source_reader, target_reader);
  for (const auto &reason : facts.unverified) {
    log.warning("--fix-sequences cannot judge: " + reason); // the verify phase names it too
  }
  for (const auto &fix : checks::sequence_fixes(source_catalog, target_catalog, facts)) {
    run(fix.statement);
  }
}

// A finding for a setting of the source database (`role` empty) or of one of its roles in it
// that post-restore could not set on the target, and why.
report::Finding not_applied(const std::string &role, const core::Setting &setting,
                            const std::string &database, const std::string &why) {
  const std::string assignment = setting.name + "=" + setting.value;
  if (role.empty()) {
    return report::make_finding(
        "post_restore", "database_setting.not_applied", setting.name,
        fmt::format("the source database's setting {} (ALTER DATABASE … SET) was not applied to "
                    "database {} on the target: {}",
                    assignment, database, why),
        {{"setting", assignment}, {"reason", why}});
  }
  return report::make_finding(
      "post_restore", "role_setting.not_applied", role,
      fmt::format("the source's setting {} of role {} in this database (ALTER ROLE … IN DATABASE "
                  "… SET) was not applied to database {} on the target: {}",
                  assignment, role, database, why),
      {{"role", role}, {"setting", assignment}, {"reason", why}});
}

// The source database's CONNECTION LIMIT and comment, set on the target where they differ (a
// target's own comment is left when the source has none). Privileges are not: --no-acl leaves
// them to the target's own grants. A statement the target refuses (the role is not the
// database's owner) is a finding, database.not_applied.
void apply_database_properties(core::Session &source_reader, core::Session &target_reader,
                               const std::function<void(const std::string &)> &run,
                               PostRestoreResult &result, const core::Log &log) {
  const auto from = core::read_database_properties(source_reader);
  const auto to = core::read_database_properties(target_reader);
  const auto apply = [&](const std::string &property, const std::string &statement) {
    try {
      run(statement);
    } catch (const QueryError &e) {
      result.findings.push_back(report::make_finding(
          "post_restore", "database.not_applied", to.name,
          fmt::format("the source database's {} was not applied to database {} on the target: {}",
                      property, to.name, e.what()),
          {{"statement", statement}, {"reason", e.what()}}));
      log.warning(std::string{"target: "} + e.what());
    }
  };
  if (from.connection_limit != to.connection_limit) {
    apply("connection limit", set_connection_limit(to.name, from.connection_limit));
  }
  if (from.comment && from.comment != to.comment) {
    apply("comment", set_database_comment(to.name, *from.comment));
  }
}

} // namespace

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
  core::Session source_reader{source};
  core::Session target_reader{target};
  if (fix_sequences) {
    fix_sequences_on_target(source_reader, target_reader, run, log);
  }
  const auto from = core::read_stored_settings(source_reader);
  const auto to = core::read_stored_settings(target_reader);
  // A setting the target refuses (a superuser-only one, one its server does not know) is a
  // finding, not a failed phase: the verification then judges what is missing.
  const auto apply = [&](const std::string &role, const core::Setting &setting,
                         const std::string &statement) {
    try {
      run(statement);
    } catch (const QueryError &e) {
      result.findings.push_back(not_applied(role, setting, to.database, e.what()));
      log.warning(std::string{"target: "} + e.what());
    }
  };
  for (const auto &setting : from.database_settings) {
    apply("", setting, set_database_setting(to.database, setting));
  }
  for (const auto &setting : from.role_settings) {
    if (!setting.in_database) {
      continue; // a role's setting in every database belongs to the cluster, not this database
    }
    if (!std::binary_search(to.role_names.begin(), to.role_names.end(), setting.role)) {
      result.findings.push_back(not_applied(setting.role, setting.setting, to.database,
                                            "the role does not exist on the target"));
      log.warning("target: role " + setting.role + " does not exist: its setting " +
                  setting.setting.name + " in this database is not applied");
      continue;
    }
    apply(setting.role, setting.setting,
          set_role_setting(setting.role, to.database, setting.setting));
  }
  apply_database_properties(source_reader, target_reader, run, result, log);
  return result;
}

} // namespace pgparity::migrate
