#include "checks/matview_freshness.hpp"

#include "checks/definition_compare.hpp"
#include "hashing/row_image.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace pgparity::checks {

namespace {

// pg_get_viewdef() ends its query with ";": a subquery must not.
std::string as_subquery(std::string definition) {
  while (!definition.empty() &&
         (definition.back() == ';' || definition.back() == ' ' || definition.back() == '\n')) {
    definition.pop_back();
  }
  return definition;
}

const core::View *definition_of(const core::Catalog &catalog, const core::QualifiedName &name) {
  const auto it =
      std::find_if(catalog.views.begin(), catalog.views.end(),
                   [&](const core::View &v) { return v.materialized && v.name == name; });
  return it == catalog.views.end() ? nullptr : &*it;
}

// The SQL value functions the server prints as keywords (some became function calls in 16 and
// are then among the view's calls too): their value depends on the time or the session.
constexpr std::array<std::string_view, 12> k_sql_value_functions{
    "CURRENT_CATALOG", "CURRENT_DATE",      "CURRENT_ROLE", "CURRENT_SCHEMA",
    "CURRENT_TIME",    "CURRENT_TIMESTAMP", "CURRENT_USER", "LOCALTIME",
    "LOCALTIMESTAMP",  "SESSION_USER",      "SYSTEM_USER",  "USER"};

} // namespace

std::vector<std::string> unrepeatable_parts(const core::View &view) {
  std::vector<std::string> parts = view.unrepeatable_calls;
  for (const auto &token : definition_tokens(DefinitionKind::other, view.definition)) {
    const bool keyword = std::find(k_sql_value_functions.begin(), k_sql_value_functions.end(),
                                   token) != k_sql_value_functions.end();
    if (keyword && std::find(parts.begin(), parts.end(), token) == parts.end()) {
      parts.push_back(token);
    }
  }
  std::sort(parts.begin(), parts.end());
  return parts;
}

std::string fresh_image_query(const PlannedTable &planned, const std::string &definition,
                              core::Session &quoting) {
  const core::Table &view = *planned.pair.source;
  std::vector<hashing::ImageColumn> columns;
  std::vector<std::string> quoted;
  for (const auto &name : planned.columns) {
    columns.push_back({name, view.column(name)->type});
    quoted.push_back(quoting.quote_name(name));
  }
  std::string names;
  for (const auto &column : view.columns) { // by position: the query's output order
    names += (names.empty() ? "" : ", ") + quoting.quote_name(column.name);
  }
  return hashing::image_select(columns, quoted) + " FROM (" + as_subquery(definition) +
         ") AS fresh(" + names + ")";
}

std::vector<Freshness> judge_freshness(const core::Catalog &source_catalog, const DataPlan &plan,
                                       const std::vector<std::size_t> &jobs,
                                       const std::vector<hashing::TableDigests> &digests,
                                       core::SnapshotPool &source, core::SnapshotPool &target,
                                       const hashing::EngineOptions &engine) {
  std::vector<Freshness> verdicts(jobs.size());
  std::vector<hashing::TableJob> fresh_jobs;
  std::vector<std::size_t> verdict_of_job;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const PlannedTable &planned = plan.tables[jobs[i]];
    const core::View *view = definition_of(source_catalog, planned.pair.source->name);
    if (view == nullptr) {
      verdicts[i].error = "its definition was not read";
      continue;
    }
    verdicts[i].unrepeatable = unrepeatable_parts(*view);
    hashing::TableJob job = plan.jobs[jobs[i]]; // the same chunk plan as the view's rows
    job.name += " (its query)";
    job.source_query = fresh_image_query(planned, view->definition, source.session(0));
    job.source_slices = {""}; // one read of the whole query
    job.target_slices = {};   // the target's digests are already known
    fresh_jobs.push_back(std::move(job));
    verdict_of_job.push_back(i);
  }
  if (fresh_jobs.empty()) {
    return verdicts;
  }
  const auto fresh = hashing::digest_tables(fresh_jobs, source, target, engine);
  for (std::size_t f = 0; f < fresh_jobs.size(); ++f) {
    Freshness &verdict = verdicts[verdict_of_job[f]];
    const auto &query = fresh[f].source;
    if (query.error) {
      verdict.error = query.error;
      continue;
    }
    const auto &stored = digests[jobs[verdict_of_job[f]]].target.chunks;
    verdict.target_is_fresh = query.chunks.size() == stored.size();
    for (std::size_t c = 0; c < query.chunks.size(); ++c) {
      verdict.fresh_rows += query.chunks[c].rows;
      if (verdict.target_is_fresh && !(query.chunks[c] == stored[c])) {
        verdict.target_is_fresh = false;
      }
    }
  }
  return verdicts;
}

} // namespace pgparity::checks
