#include "checks/data_plan.hpp"

#include "checks/column_matching.hpp"
#include "checks/row_diff.hpp"
#include "hashing/chunk_key.hpp"
#include "hashing/engine.hpp"
#include "hashing/row_image.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace pgparity::checks {

namespace {

double estimated_rows(const core::Table &table) {
  constexpr double k_rows_per_page_guess = 50;
  return table.estimated_rows.value_or(static_cast<double>(table.pages) * k_rows_per_page_guess);
}

std::string quoted_table(core::Session &session, const core::QualifiedName &name) {
  return session.quote_name(name.schema) + "." + session.quote_name(name.name);
}

// The chunk key of the source table, if all its columns are compared on both sides.
std::vector<std::string> usable_key(const core::Catalog &catalog, const core::Table &table,
                                    const std::vector<std::string> &columns) {
  auto key = hashing::choose_chunk_key(table, catalog.indexes_on(table.name));
  if (!key) {
    return {};
  }
  for (const auto &column : key->columns) {
    if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
      return {};
    }
  }
  return key->columns;
}

hashing::TableJob make_job(const PlannedTable &planned, const ColumnMatching &matching,
                           core::SnapshotPool &source, core::SnapshotPool &target,
                           std::size_t chunk_rows) {
  core::Session &quoting = source.session(0);
  std::vector<hashing::ImageColumn> source_image, target_image;
  std::vector<std::string> quoted;
  for (const auto &column : matching.common) {
    source_image.push_back({column.name, column.source_type});
    target_image.push_back({column.name, column.target_type});
    quoted.push_back(quoting.quote_name(column.name));
  }
  const core::Table &s = *planned.pair.source;
  const core::Table &t = *planned.pair.target;
  hashing::TableJob job;
  job.name = s.name.str();
  job.source_query = hashing::image_query(source_image, quoted_table(quoting, s.name), quoted);
  job.target_query = hashing::image_query(target_image, quoted_table(quoting, t.name), quoted);
  const std::size_t slices = 2 * std::max(source.size(), target.size());
  job.source_slices =
      hashing::slice_predicates(s.pages, source.session(0).server_version_num(), slices);
  job.target_slices =
      hashing::slice_predicates(t.pages, target.session(0).server_version_num(), slices);
  for (const auto &key_column : planned.key_columns) {
    const auto at = std::find(planned.columns.begin(), planned.columns.end(), key_column);
    job.plan.key_fields.push_back(static_cast<std::size_t>(at - planned.columns.begin()));
    job.plan.key_kinds.push_back(hashing::key_kind_for(s.column(key_column)->type));
  }
  if (!job.plan.keyed()) {
    const double rows = std::max(planned.estimated_rows, estimated_rows(t));
    job.plan.buckets =
        static_cast<std::size_t>(std::max(1.0, std::ceil(rows / static_cast<double>(chunk_rows))));
  }
  return job;
}

// The key columns of the source table, as the same expressions the image uses.
std::string key_query(const PlannedTable &planned, core::Session &quoting) {
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < planned.key_columns.size(); ++i) {
    const auto &name = planned.key_columns[i];
    sql +=
        (i == 0 ? "" : ", ") + hashing::image_expression(quoting.quote_name(name),
                                                         planned.pair.source->column(name)->type);
  }
  return sql + " FROM ONLY " + quoted_table(quoting, planned.pair.source->name);
}

std::string describe_key(const report::RowExample &example) {
  if (!example.key) {
    return "a row";
  }
  std::string text;
  for (const auto &[name, value] : *example.key) {
    text += (text.empty() ? "" : ", ") + name + "=" + value.value_or("NULL");
  }
  return "row " + text;
}

report::Finding example_finding(const std::string &table, const report::RowExample &example) {
  nlohmann::ordered_json details{{"count", example.count}};
  if (example.key) {
    nlohmann::ordered_json key = nlohmann::ordered_json::object();
    for (const auto &[name, value] : *example.key) {
      key[name] = value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
    }
    details["key"] = key;
  }
  if (example.kind == "changed") {
    details["columns"] = example.columns;
    std::string columns;
    for (const auto &c : example.columns) {
      columns += (columns.empty() ? "" : ", ") + c;
    }
    return report::make_finding("data", "data.row_changed", table,
                                describe_key(example) + " differs in: " + columns, details);
  }
  const bool missing = example.kind == "missing_on_target";
  const std::string count = example.count > 1 ? fmt::format(" ({} copies)", example.count) : "";
  return report::make_finding(
      "data", missing ? "data.row_missing_on_target" : "data.row_extra_on_target", table,
      describe_key(example) + count +
          (missing ? " is missing on the target" : " is on the target but not on the source"),
      details);
}

// A table only on the target below a table the source has: queries on that table reach it.
report::Finding extra_child_finding(const ExtraChild &child) {
  const core::Table &table = *child.table;
  const bool partition = table.partition_of && *table.partition_of == child.parent;
  const std::string parent = child.parent.str();
  const std::string ancestor = child.ancestor.str();
  std::string rows = "rows";
  std::string kind;
  if (table.kind == core::TableKind::foreign_table) {
    kind = "foreign table, ";
    rows = "remote rows";
  } else if (table.kind == core::TableKind::partitioned_table) {
    kind = "partitioned table, ";
    rows = "partitions' rows";
  }
  return report::make_finding(
      "tables", "table.extra_child_on_target", table.name.str(),
      fmt::format("{}{} of {}{} exists only on the target: queries on {} return its {} there", kind,
                  partition ? "partition" : "inheritance child", parent,
                  parent == ancestor ? "" : " (itself only on the target, below " + ancestor + ")",
                  ancestor, rows),
      {{"parent", parent}, {"ancestor", ancestor}});
}

bool is_materialized_view(const core::Table &table) {
  return table.kind == core::TableKind::materialized_view;
}

// The kind a result carries in the report: empty for a table.
std::string result_kind(const core::Table &table) {
  return is_materialized_view(table) ? "materialized_view" : "";
}

// Materialized views on both sides but not populated on one or both: their contents cannot be
// read there, so they are listed as not compared (pair_tables raised view.not_populated when
// the sides differ).
void plan_unpopulated(const TablePair &pair, DataPlan &plan) {
  const bool source = pair.source->populated;
  const bool target = pair.target->populated;
  const std::string reason = !source && !target ? "not populated on either side"
                             : source           ? "not populated on the target"
                                                : "not populated on the source";
  plan.unpaired.push_back({.name = pair.source->name.str(),
                           .kind = "materialized_view",
                           .status = report::TableStatus::not_compared,
                           .reason = reason + ": contents not compared"});
}

} // namespace

report::TableResult compare_digests(const PlannedTable &planned,
                                    const hashing::TableDigests &digests,
                                    std::vector<std::size_t> &mismatched) {
  report::TableResult result;
  result.name = planned.pair.source->name.str();
  result.kind = result_kind(*planned.pair.source);
  if (!planned.key_columns.empty()) {
    result.key = planned.key_columns;
  }
  result.seconds = digests.source.seconds + digests.target.seconds;
  if (digests.source.error || digests.target.error) {
    result.status = report::TableStatus::not_verified;
    result.reason = digests.source.error.value_or(digests.target.error.value_or(""));
    return result;
  }
  result.chunks = digests.source.chunks.size();
  for (std::size_t c = 0; c < digests.source.chunks.size(); ++c) {
    result.rows_source += digests.source.chunks[c].rows;
    result.rows_target += digests.target.chunks[c].rows;
    if (!(digests.source.chunks[c] == digests.target.chunks[c])) {
      mismatched.push_back(c);
    }
  }
  result.mismatched_chunks = mismatched.size();
  result.status = mismatched.empty() ? report::TableStatus::match : report::TableStatus::mismatch;
  return result;
}

DataPlan plan_data(const core::Catalog &source_catalog, const core::Catalog &target_catalog,
                   core::SnapshotPool &source, core::SnapshotPool &target,
                   const DataCheckOptions &options, const hashing::EngineOptions &engine) {
  DataPlan plan;
  TablePairing pairing = pair_tables(source_catalog, target_catalog, options.filter);
  plan.findings = std::move(pairing.findings);
  // A materialized view on one side only keeps its finding ids of the schema check.
  for (const core::Table *table : pairing.missing) {
    const std::string name = table->name.str();
    plan.findings.push_back(is_materialized_view(*table)
                                ? report::make_finding("schema", "view.missing", name,
                                                       "materialized view missing on the target")
                                : report::make_finding("tables", "table.missing_on_target", name,
                                                       "table exists only on the source"));
    plan.unpaired.push_back({.name = name,
                             .kind = result_kind(*table),
                             .status = report::TableStatus::missing_on_target});
  }
  for (const core::Table *table : pairing.extra) {
    const std::string name = table->name.str();
    plan.findings.push_back(is_materialized_view(*table)
                                ? report::make_finding("schema", "view.extra", name,
                                                       "materialized view only on the target")
                                : report::make_finding("tables", "table.extra_on_target", name,
                                                       "table exists only on the target"));
    plan.unpaired.push_back({.name = name,
                             .kind = result_kind(*table),
                             .status = report::TableStatus::extra_on_target});
  }
  for (const TablePair &pair : pairing.unpopulated) {
    plan_unpopulated(pair, plan);
  }
  for (const ExtraChild &child : pairing.extra_children) {
    plan.findings.push_back(extra_child_finding(child));
    if (child.table->kind == core::TableKind::table) { // holds rows: listed with the tables
      plan.unpaired.push_back(
          {.name = child.table->name.str(), .status = report::TableStatus::extra_on_target});
    }
  }
  for (const auto &pair : pairing.leafless) { // columns only: no rows to compare
    ColumnMatching matching = match_columns(*pair.source, *pair.target);
    std::move(matching.findings.begin(), matching.findings.end(),
              std::back_inserter(plan.findings));
  }
  std::vector<hashing::SampleInput> samples;
  for (const auto &pair : pairing.pairs) {
    ColumnMatching matching = match_columns(*pair.source, *pair.target);
    std::move(matching.findings.begin(), matching.findings.end(),
              std::back_inserter(plan.findings));
    const std::string prefix = pair.source->name.str() + ".";
    std::erase_if(matching.common, [&](const ColumnPair &column) {
      return std::find(options.ignore_columns.begin(), options.ignore_columns.end(),
                       prefix + column.name) != options.ignore_columns.end();
    });
    PlannedTable table{pair, {}, {}, estimated_rows(*pair.source)};
    for (const auto &column : matching.common) {
      table.columns.push_back(column.name);
    }
    table.key_columns = usable_key(source_catalog, *pair.source, table.columns);
    plan.jobs.push_back(make_job(table, matching, source, target, options.chunk_rows));
    samples.push_back({table.estimated_rows, pair.source->pages,
                       table.key_columns.empty() ? "" : key_query(table, source.session(0))});
    plan.tables.push_back(std::move(table));
  }
  hashing::sample_boundaries(plan.jobs, samples, options.chunk_rows, source, engine);
  return plan;
}

void localize_rows(const DataPlan &plan, const std::vector<hashing::CollectRequest> &requests,
                   core::SnapshotPool &source, core::SnapshotPool &target,
                   const DataCheckOptions &options, const hashing::EngineOptions &engine,
                   std::vector<report::TableResult *> &results,
                   std::vector<report::Finding> &findings) {
  if (requests.empty()) {
    return;
  }
  const auto collected =
      hashing::collect_rows(plan.jobs, requests, source, target, options.show_values, engine);
  for (std::size_t r = 0; r < requests.size(); ++r) {
    report::TableResult &result = *results[r];
    const auto &rows = collected[r];
    if (rows.source.error || rows.target.error) {
      result.reason = "rows could not be localized: " +
                      rows.source.error.value_or(rows.target.error.value_or(""));
      continue;
    }
    const PlannedTable &table = plan.tables[requests[r].job];
    const RowDiff diff = diff_rows({&rows, &plan.jobs[requests[r].job].plan, table.columns,
                                    table.key_columns, options.max_examples, options.show_values});
    result.examples = diff.examples;
    for (const auto &example : diff.examples) {
      findings.push_back(example_finding(result.name, example));
    }
  }
}

} // namespace pgparity::checks
