#include "checks/structure_check.hpp"

#include "checks/database_check.hpp"
#include "checks/function_check.hpp"
#include "checks/long_tail_checks.hpp"
#include "checks/object_class_checks.hpp"
#include "checks/schema_check.hpp"
#include "checks/settings_check.hpp"
#include "checks/structure_checks.hpp"

#include <chrono>

namespace pgparity::checks {

StructureOutcome check_structure(const core::Catalog &source, const core::Catalog &target,
                                 core::SnapshotPool &source_pool, core::SnapshotPool &target_pool,
                                 const StructureFactOptions &options) {
  using Clock = std::chrono::steady_clock;
  StructureOutcome outcome;
  auto started = Clock::now();
  StructureFacts facts = gather_structure_facts(source, target, source_pool, target_pool, options);
  outcome.timings.emplace_back("structure_facts",
                               std::chrono::duration<double>(Clock::now() - started).count());
  // Each check is timed on its own: the report's timings are per check.
  const auto run = [&](const char *name, auto &&check) {
    started = Clock::now();
    auto part = check();
    outcome.findings.insert(outcome.findings.end(), part.begin(), part.end());
    outcome.timings.emplace_back(name,
                                 std::chrono::duration<double>(Clock::now() - started).count());
  };
  run("environment", [&] { return check_environment(source, target, facts); });
  run("schema", [&] { return check_schema(source, target); });
  run("functions", [&] { return check_functions(source, target); });
  run("settings", [&] { return check_settings(source, target); });
  run("database", [&] { return check_database_properties(source, target); });
  run("sequences", [&] { return check_sequences(source, target, facts); });
  run("indexes", [&] { return check_indexes(source, target, facts); });
  run("constraints", [&] { return check_constraints(source, target, facts); });
  run("collations", [&] { return check_collations(source, target); });
  run("operators", [&] { return check_operators(source, target); });
  run("text_search", [&] { return check_text_search(source, target); });
  run("extensibility", [&] { return check_extensibility(source, target); });
  run("privileges", [&] { return check_privileges(source, target); });
  run("comments", [&] { return check_comments(source, target); });
  run("rules", [&] { return check_rules(source, target); });
  run("options", [&] { return check_relation_options(source, target); });
  run("statistics", [&] { return check_extended_statistics(source, target); });
  run("event_triggers", [&] { return check_event_triggers(source, target); });
  run("publications", [&] { return check_publications(source, target); });
  run("foreign", [&] { return check_foreign_objects(source, target); });
  outcome.unverified = std::move(facts.unverified);
  return outcome;
}

} // namespace pgparity::checks
