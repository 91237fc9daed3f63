#include "checks/coverage.hpp"

#include "core/catalog_reader.hpp"

#include <algorithm>
#include <map>

namespace pgparity::checks {

namespace {

using report::CoverageState;

// Keep in step with docs/report.md ("coverage") and the README's list of what audit compares.
const std::map<std::string, ClassDecision> &decisions() {
  static const std::map<std::string, ClassDecision> table = {
      {"schemas", {CoverageState::compared, "existence"}},
      {"tables",
       {CoverageState::compared,
        "every row; columns (defaults, NOT NULL and its validity, collation, options), "
        "persistence, "
        "partitioning, inheritance, row security",
        true}},
      {"partitioned_tables",
       {CoverageState::compared, "partition key and bounds; rows through their partitions", true}},
      {"views",
       {CoverageState::compared,
        "query (version-independent), security_invoker, security_barrier, check option"}},
      {"materialized_views",
       {CoverageState::compared,
        "contents (a stale source or a query that is not repeatable told apart), query, "
        "populated, indexes",
        true}},
      {"sequences", {CoverageState::compared, "definition, owning column and position"}},
      {"indexes",
       {CoverageState::compared,
        "definition, storage parameters, statistics targets, validity, corruption (amcheck)"}},
      {"constraints", {CoverageState::compared, "definition, validation, orphan rows"}},
      {"functions",
       {CoverageState::compared,
        "whole definition: body (and a C function's library), arguments and defaults, result, "
        "language, volatility, STRICT, "
        "SECURITY DEFINER, LEAKPROOF, PARALLEL, SET clauses, cost"}},
      {"procedures",
       {CoverageState::compared, "whole definition: body, arguments and defaults, SET clauses"}},
      {"aggregates",
       {CoverageState::compared,
        "transition and final functions, state type, initial condition, moving and combine "
        "functions, sort operator"}},
      {"database_settings",
       {CoverageState::compared, "ALTER DATABASE … SET (migrate carries them to the target)"}},
      {"role_settings", {CoverageState::compared, "ALTER ROLE … IN DATABASE … SET"}},
      {"database_properties",
       {CoverageState::compared,
        "CONNECTION LIMIT and comment (migrate carries both to the target); PUBLIC's CONNECT and "
        "TEMPORARY; other roles' privileges as information"}},
      {"triggers", {CoverageState::compared, "definition, enabled state"}},
      {"policies", {CoverageState::compared, "command, roles, expressions"}},
      {"extensions", {CoverageState::compared, "version and schema"}},
      {"large_objects", {CoverageState::compared, "contents"}},
      {"enum_types", {CoverageState::compared, "labels in order"}},
      {"domains", {CoverageState::compared, "base type, NOT NULL, default, checks"}},
      {"composite_types", {CoverageState::compared, "attributes"}},
      {"table_privileges", {CoverageState::compared, "information only (--no-acl drops them)"}},
      {"collations", {CoverageState::compared, "provider, locale, deterministic"}},
      {"range_types", {CoverageState::compared, "subtype, collation, operator class, functions"}},
      {"base_types",
       {CoverageState::compared,
        "input/output functions, subscripting, length, alignment, storage"}},
      {"casts", {CoverageState::compared, "function, context, method"}},
      {"operators", {CoverageState::compared, "operand types, function, commutator, negator"}},
      {"operator_classes", {CoverageState::compared, "method, type, family, default"}},
      {"operator_families", {CoverageState::compared, "operators and support functions"}},
      {"text_search_configurations", {CoverageState::compared, "parser and mappings"}},
      {"text_search_dictionaries", {CoverageState::compared, "template and options"}},
      {"text_search_parsers", {CoverageState::compared, "functions"}},
      {"text_search_templates", {CoverageState::compared, "functions"}},
      {"conversions", {CoverageState::compared, "encodings, function, default"}},
      {"access_methods", {CoverageState::compared, "type and handler"}},
      {"languages", {CoverageState::compared, "handlers, trusted"}},
      {"transforms", {CoverageState::compared, "type, language, functions"}},
      {"column_privileges", {CoverageState::compared, "information only (--no-acl drops them)"}},
      {"default_privileges", {CoverageState::compared, "information only (--no-acl drops them)"}},
      {"comments", {CoverageState::compared, "information only"}},
      {"rules", {CoverageState::compared, "definition (version-independent), enabled state"}},
      {"event_triggers", {CoverageState::compared, "event, tags, function, enabled state"}},
      {"publications",
       {CoverageState::compared,
        "actions, tables with column lists and row filters, schemas, generated columns"}},
      {"extended_statistics", {CoverageState::compared, "kinds, columns, expressions, target"}},
      {"foreign_tables",
       {CoverageState::compared,
        "server, options, columns; their rows live on the foreign server and are not read"}},
      {"foreign_data_wrappers", {CoverageState::compared, "handler, validator, options"}},
      {"foreign_servers", {CoverageState::compared, "wrapper, type, version, option names"}},
      {"user_mappings",
       {CoverageState::compared, "existence (their options may hold passwords: never read)"}},
      {"subscriptions",
       {CoverageState::out_of_scope,
        "replication from another server: pg_dump recreates it disabled, without its slot; "
        "re-pointing it belongs to the cutover plan"}},
      {"object_privileges",
       {CoverageState::out_of_scope,
        "privileges on schemas, functions, types and languages: pg_restore --no-acl leaves them "
        "to the target's own grants (table, column and default privileges are reported as "
        "information)"}},
      {"security_labels",
       {CoverageState::out_of_scope,
        "labels need a label provider (sepgsql) that managed servers do not load"}},
  };
  return table;
}

std::int64_t count_of(const core::Catalog &catalog, const std::string &object_class) {
  const auto &counts = catalog.object_counts;
  auto it = std::find_if(counts.begin(), counts.end(), [&](const core::ObjectCount &c) {
    return c.object_class == object_class;
  });
  return it == counts.end() ? 0 : it->count;
}

} // namespace

const ClassDecision *class_decision(const std::string &object_class) {
  const auto &table = decisions();
  auto it = table.find(object_class);
  return it == table.end() ? nullptr : &it->second;
}

std::vector<std::string> decided_classes() {
  std::vector<std::string> classes;
  for (const auto &[key, decision] : decisions()) {
    classes.push_back(key);
  }
  return classes;
}

std::vector<report::CoverageRow> build_coverage(const core::Catalog &source,
                                                const core::Catalog &target,
                                                const report::Scope &scope) {
  const bool structure =
      std::find(scope.checks.begin(), scope.checks.end(), "structure") != scope.checks.end();
  std::vector<report::CoverageRow> rows;
  for (const auto &key : core::object_class_keys()) {
    report::CoverageRow row{key, count_of(source, key), count_of(target, key)};
    const ClassDecision *decision = class_decision(key);
    if (!structure && (decision == nullptr || decision->state == CoverageState::compared)) {
      // Without the structural checks only rows are compared: a class they would not have
      // compared either is skipped by this run's scope too, not left unverified by it.
      const bool by_data = decision != nullptr && decision->by_data;
      row.state = by_data ? CoverageState::compared : CoverageState::skipped;
      row.note = by_data ? "every row; not their definitions (structural checks not run)"
                         : "the structural checks did not run (--data-only)";
    } else if (decision == nullptr) {
      row.state = CoverageState::not_compared;
      row.note = "this version of pgparity does not compare them";
    } else {
      row.state = decision->state;
      row.note = decision->note;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

} // namespace pgparity::checks
