#include "watch/watch_loop.hpp"

#include "checks/coverage.hpp"
#include "checks/data_plan.hpp"
#include "core/catalog_reader.hpp"
#include "core/error.hpp"
#include "core/progress_ticker.hpp"
#include "core/same_database.hpp"
#include "core/session.hpp"
#include "core/snapshot_pool.hpp"
#include "hashing/chunk_key.hpp"
#include "hashing/chunk_plan.hpp"
#include "hashing/copy_text.hpp"
#include "report/not_verified.hpp"
#include "watch/chunk_settling.hpp"
#include "watch/schema_watch.hpp"
#include "watch/structure_pass.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <thread>

namespace pgparity::watch {

namespace {

using Clock = std::chrono::steady_clock;
// A slice query should take about this long at the throttled rate, so each query stays short.
constexpr double k_slice_seconds = 10;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

class Watch {
public:
  Watch(const core::ConnectionString &source, const core::ConnectionString &target,
        const WatchConfig &config, const core::Log &log)
      : m_source(source), m_target(target), m_config(config),
        m_log(log), m_session_options{.read_only = true,
                                      .statement_timeout = config.statement_timeout,
                                      .lock_timeout = config.lock_timeout} {
    if (config.max_rows_per_second > 0) {
      m_throttle.emplace(config.max_rows_per_second);
    }
    m_max_lag = config.max_lag;
    m_engine.stop = config.stop;
    m_engine.source_throttle = m_throttle ? &*m_throttle : nullptr;
    m_engine.progress = &m_progress;
  }

  report::AuditReport run(const std::function<void(const PassSummary &)> &on_pass);

private:
  bool stopped() const { return m_config.stop != nullptr && m_config.stop->load(); }
  core::SnapshotPool pool(const core::ConnectionString &url) const {
    return core::SnapshotPool{url, m_config.jobs, m_session_options};
  }
  void plan();
  void plan_tables(core::Session &source, bool first); // from the catalogs read
  void follow_schema(int pass); // reads a catalog changed since the last pass, plans again
  // After planning again: what was kept per job and chunk of the plan of `tables_before` (by
  // job) follows its table into the new plan; open divergences are never dropped.
  void carry_over(const std::vector<std::string> &tables_before);
  checks::StructureOutcome check_structure(); // audit's structural checks, on the catalogs now
  void pause(std::chrono::milliseconds how_long) const;
  report::AuditReport pass(PassSummary &summary);
  void narrow_to_changed_rows(bool full);
  void adapt_slices(std::size_t job, const hashing::TableDigests &digests);
  std::string source_now(); // the source server's time now, less a margin
  // Reads the given chunks' digests again (whole tables) and judges them.
  void read_again(std::map<ChunkId, Judgement> &judged, bool full);
  // Judges one read of a chunk; a chunk whose target equals no source state seen is judged row
  // by row (`rows_wanted` collects them for judge_rows).
  Judgement judge_chunk(const ChunkId &id, const hashing::ChunkDigest &source,
                        const hashing::ChunkDigest &target, bool full, Clock::time_point now);
  void judge_rows(std::map<ChunkId, Judgement> &judged, bool full);
  void recheck(std::map<ChunkId, Judgement> &judged, bool full);
  // Of the rows localized in diverged chunks judged row by row, keeps those diverged: the
  // others of the same chunk are in flight or unsettled, not differences.
  void keep_diverged_rows(const std::vector<hashing::CollectRequest> &requests,
                          std::vector<report::TableResult> &results,
                          std::vector<report::Finding> &findings) const;
  void record_tables(const PassSummary &summary); // worst lag and judged passes, per table
  nlohmann::ordered_json watch_section() const;   // the report's "watch" section

  const core::ConnectionString &m_source;
  const core::ConnectionString &m_target;
  const WatchConfig &m_config;
  const core::Log &m_log;
  core::SessionOptions m_session_options;
  std::optional<hashing::RowThrottle> m_throttle;
  hashing::EngineOptions m_engine;
  hashing::EngineProgress m_progress; // counts across passes, for the status line
  core::Catalog m_source_catalog;
  core::Catalog m_target_catalog;
  checks::DataPlan m_plan;
  checks::DataPlan m_pass_plan; // m_plan, or its jobs narrowed to changed rows for this pass
  std::map<std::size_t, std::string> m_changed_column; // job → quoted column
  std::optional<std::string> m_changed_since; // source time the previous pass began, less margin
  Clock::duration m_max_lag;
  // What each chunk's source was seen in: on full reads, on the reads of this narrowed pass
  // (comparable only with one another), and row by row while the chunk differs.
  struct ChunkWatch {
    Timeline full;
    Timeline narrowed;
    RowTimelines rows;
  };
  std::map<ChunkId, ChunkWatch> m_chunks;
  // Diverged chunks not yet seen equal (or in flight) by a later full read → pass that found
  // them. Narrowed passes do not read every row of a chunk, so they never close one.
  std::map<ChunkId, int> m_open;
  // Chunks of this pass whose last judgement was row by row → the keys diverged.
  std::map<ChunkId, std::vector<RowKey>> m_diverged_rows;
  std::vector<Clock::duration> m_worst_lag;      // per job, over the run
  std::vector<std::deque<bool>> m_judged_recent; // per job: every chunk judged, last K passes
  SchemaWatch m_schema;
};

// Throws ConfigError unless every --ignore-column names a column of a source table that is
// neither part of the key the table is chunked by (watch finds rows, and re-checks changed
// chunks, by that key) nor the last compared column of its table: a typo must not pass silently,
// and a table with nothing left to compare must not pass as matching.
void require_comparable_ignores(const core::Catalog &catalog,
                                const std::vector<std::string> &ignore_columns) {
  std::map<const core::Table *, std::set<std::string>> ignored_per_table;
  for (const auto &ignored : ignore_columns) {
    const auto column_dot = ignored.rfind('.');
    const auto schema_dot = ignored.find('.');
    const auto *table =
        catalog.table({ignored.substr(0, schema_dot),
                       ignored.substr(schema_dot + 1, column_dot - schema_dot - 1)});
    const std::string column = ignored.substr(column_dot + 1);
    if (table == nullptr || table->column(column) == nullptr) {
      throw ConfigError("--ignore-column " + ignored + ": no such column on the source",
                        "name it as schema.table.column, as stored");
    }
    const auto key = hashing::choose_chunk_key(*table, catalog.indexes_on(table->name));
    if (key && std::find(key->columns.begin(), key->columns.end(), column) != key->columns.end()) {
      throw ConfigError("--ignore-column " + ignored + ": a column of " +
                        (key->primary ? "the primary key " : "the unique key ") + key->index +
                        ", by which rows of " + table->name.str() +
                        " are found and compared; it cannot be ignored");
    }
    auto &ignored_here = ignored_per_table[table];
    ignored_here.insert(column);
    if (ignored_here.size() >= table->columns.size()) {
      throw ConfigError("--ignore-column: every column of " + table->name.str() +
                            " is ignored, so nothing of its rows would be compared",
                        "use --exclude " + table->name.str() + " to leave the table out");
    }
  }
}

void Watch::pause(std::chrono::milliseconds how_long) const {
  const auto until = Clock::now() + how_long;
  while (!stopped() && Clock::now() < until) {
    std::this_thread::sleep_for(
        std::min<Clock::duration>(std::chrono::milliseconds{100}, until - Clock::now()));
  }
}

void Watch::plan() {
  core::refuse_same_database(m_source, m_target);
  core::Session source{m_source, m_session_options};
  core::Session target{m_target, m_session_options};
  std::tie(m_source_catalog, m_target_catalog) = m_schema.start(source, target);
  plan_tables(source, true);
}

// Plans the data comparison from the catalogs; `first`: the start of the watch, when a pattern,
// --ignore-column or --changed-column that matches nothing is a usage error. Later (the schema
// changed during the watch) a --changed-column no longer on both sides reads its table whole.
void Watch::plan_tables(core::Session &source, bool first) {
  m_changed_column.clear();
  // Materialized views are audit's: while the application writes to both databases, each side
  // refreshes them on its own schedule, so their contents are no sign of divergence.
  m_source_catalog.materialized_views.clear();
  m_target_catalog.materialized_views.clear();
  if (first) {
    checks::require_matching_patterns(m_source_catalog, m_target_catalog, m_config.data.filter);
    require_comparable_ignores(m_source_catalog, m_config.data.ignore_columns);
  }
  auto source_pool = pool(m_source);
  auto target_pool = pool(m_target);
  m_plan = checks::plan_data(m_source_catalog, m_target_catalog, source_pool, target_pool,
                             m_config.data, m_engine);
  for (const auto &changed : m_config.changed_columns) {
    const auto dot = changed.rfind('.');
    const std::string table = changed.substr(0, dot);
    const std::string column = changed.substr(dot + 1);
    const auto it = std::find_if(
        m_plan.tables.begin(), m_plan.tables.end(),
        [&](const checks::PlannedTable &t) { return t.pair.source->name.str() == table; });
    if (it == m_plan.tables.end() || it->pair.source->column(column) == nullptr ||
        it->pair.target->column(column) == nullptr) {
      if (!first) {
        m_log.warning("--changed-column " + changed + ": no longer on both sides; read whole");
        continue;
      }
      throw ConfigError("--changed-column " + changed + ": no such column on both sides",
                        "name it as schema.table.column, as stored");
    }
    m_changed_column[static_cast<std::size_t>(it - m_plan.tables.begin())] =
        source.quote_name(column);
  }
  if (m_config.max_rows_per_second <= 0) {
    return;
  }
  // Throttled, a table is read in slices of about k_slice_seconds each, so no query runs long.
  const double rows_per_slice = m_config.max_rows_per_second * k_slice_seconds;
  for (std::size_t j = 0; j < m_plan.jobs.size(); ++j) {
    const auto &pair = m_plan.tables[j].pair;
    const auto slices = static_cast<std::size_t>(
        std::max(1.0, std::ceil(m_plan.tables[j].estimated_rows / rows_per_slice)));
    m_plan.jobs[j].source_slices = hashing::slice_predicates(
        pair.source->pages, m_source_catalog.server.version_num, slices, 8);
    m_plan.jobs[j].target_slices = hashing::slice_predicates(
        pair.target->pages, m_target_catalog.server.version_num, slices, 8);
  }
}

void Watch::follow_schema(int pass) {
  core::Session source = core::open_again(m_source, m_session_options);
  core::Session target = core::open_again(m_target, m_session_options);
  if (m_schema.follow(source, target, pass, m_source_catalog, m_target_catalog, m_log)) {
    std::vector<std::string> tables_before;
    for (const auto &table : m_plan.tables) {
      tables_before.push_back(table.pair.source->name.str());
    }
    plan_tables(source, false);
    carry_over(tables_before);
  }
}

void Watch::carry_over(const std::vector<std::string> &tables_before) {
  std::map<std::string, std::size_t> job_now;
  for (std::size_t j = 0; j < m_plan.tables.size(); ++j) {
    job_now[m_plan.tables[j].pair.source->name.str()] = j;
  }
  // Chunks are numbered per plan: the states seen before match no chunk of the new plan, so
  // they start again. A difference is then judged anew, at most --max-lag late: a late alarm,
  // never a false clean.
  m_chunks.clear();
  m_diverged_rows.clear();
  // An open divergence stays open on its table: each chunk of the table's new plan stays open
  // until a full read finds it equal or in flight.
  std::map<ChunkId, int> open;
  for (const auto &[id, found_in] : m_open) {
    const auto now = job_now.find(tables_before[id.first]);
    if (now == job_now.end()) {
      continue; // the table is gone: schema_drift or the structural checks say so
    }
    for (std::size_t c = 0; c < m_plan.jobs[now->second].plan.chunk_count(); ++c) {
      open.try_emplace({now->second, c}, found_in);
    }
  }
  m_open = std::move(open);
  std::vector<Clock::duration> worst_lag(m_plan.jobs.size(), Clock::duration::zero());
  std::vector<std::deque<bool>> judged_recent(m_plan.jobs.size());
  for (std::size_t j = 0; j < tables_before.size() && j < m_worst_lag.size(); ++j) {
    if (const auto now = job_now.find(tables_before[j]); now != job_now.end()) {
      worst_lag[now->second] = m_worst_lag[j];
      judged_recent[now->second] = m_judged_recent[j];
    }
  }
  m_worst_lag = std::move(worst_lag);
  m_judged_recent = std::move(judged_recent);
}

checks::StructureOutcome Watch::check_structure() {
  auto source_pool = pool(m_source);
  auto target_pool = pool(m_target);
  return check_structure_during_watch(m_source_catalog, m_target_catalog, source_pool, target_pool,
                                      m_config.structure);
}

std::string Watch::source_now() {
  // A margin for clocks that differ between the application and the server, and for writes
  // still on their way to the target.
  const double margin =
      60 + std::chrono::duration<double>(m_config.max_lag).count() +
      std::chrono::duration<double>(m_config.recheck_delay).count() * m_config.rechecks;
  core::Session session = core::open_again(m_source, m_session_options);
  return session
      .query("SELECT (pg_catalog.now() - pg_catalog.make_interval(secs => $1))::pg_catalog.text "
             "AS since",
             {fmt::format("{:.3f}", margin)}, "now()")
      .at(0)
      .text("since");
}

void Watch::narrow_to_changed_rows(bool full) {
  m_pass_plan = m_plan;
  if (full || !m_changed_since) {
    return;
  }
  for (const auto &[job, column] : m_changed_column) {
    // The time comes from the server's own output: no quote can be in it.
    const std::string condition = column + " >= '" + *m_changed_since + "'";
    for (auto *slices :
         {&m_pass_plan.jobs[job].source_slices, &m_pass_plan.jobs[job].target_slices}) {
      for (auto &where : *slices) {
        where = where.empty() ? condition : "(" + where + ") AND " + condition;
      }
    }
  }
}

// Keeps each query short: a side whose slices took longer than k_slice_seconds on average, or
// hit the statement timeout, is cut into more slices from the next pass on.
void Watch::adapt_slices(std::size_t job, const hashing::TableDigests &digests) {
  const auto &pair = m_plan.tables[job].pair;
  const auto adapt = [&](const hashing::SideDigests &side, std::vector<std::string> &slices,
                         const core::Table &table, int version_num) {
    const bool timed_out = side.error && side.error->find("statement timeout") != std::string::npos;
    const double per_slice =
        side.seconds / static_cast<double>(std::max<std::size_t>(slices.size(), 1));
    if (!timed_out && per_slice <= k_slice_seconds) {
      return;
    }
    const std::size_t wanted = slices.size() * (timed_out ? 4 : 2);
    auto finer = hashing::slice_predicates(table.pages, version_num, wanted, 8);
    if (finer.size() > slices.size()) {
      m_log.info(fmt::format("{}: reading in {} slices from now on, to keep queries short",
                             table.name.str(), finer.size()));
      slices = std::move(finer);
    }
  };
  adapt(digests.source, m_plan.jobs[job].source_slices, *pair.source,
        m_source_catalog.server.version_num);
  adapt(digests.target, m_plan.jobs[job].target_slices, *pair.target,
        m_target_catalog.server.version_num);
}

Judgement Watch::judge_chunk(const ChunkId &id, const hashing::ChunkDigest &source,
                             const hashing::ChunkDigest &target, bool full, Clock::time_point now) {
  auto &watched = m_chunks[id];
  Timeline &timeline = full ? watched.full : watched.narrowed;
  timeline.observe(source, now, m_max_lag);
  const Judgement judged = timeline.judge(target, now, m_max_lag);
  if (full && judged.state == Settling::equal) {
    watched.rows.reset(now);
  }
  return judged;
}

void Watch::judge_rows(std::map<ChunkId, Judgement> &judged, bool full) {
  std::vector<hashing::CollectRequest> requests;
  for (const auto &[id, judgement] : judged) {
    if (judgement.state == Settling::unsettled && !m_plan.tables[id.first].key_columns.empty()) {
      requests.push_back({id.first, {id.second}});
    }
  }
  if (requests.empty() || stopped()) {
    return;
  }
  auto source_pool = pool(m_source);
  auto target_pool = pool(m_target);
  const auto collected =
      hashing::collect_rows(m_pass_plan.jobs, requests, source_pool, target_pool, false, m_engine);
  const auto now = Clock::now();
  for (std::size_t r = 0; r < requests.size(); ++r) {
    const auto &rows = collected[r];
    if (rows.source.error || rows.target.error) {
      continue; // unreadable this time: stays unsettled, not judged
    }
    const auto states = [](const hashing::CollectedSide &side) {
      RowStates out;
      for (const auto &row : side.rows) {
        out[row.key] = row.hash;
      }
      return out;
    };
    const ChunkId id{requests[r].job, requests[r].chunks.front()};
    auto rows_judged =
        m_chunks[id].rows.judge(states(rows.source), states(rows.target), full, now, m_max_lag);
    judged[id] = rows_judged.chunk;
    m_diverged_rows[id] = std::move(rows_judged.diverged);
  }
}

void Watch::read_again(std::map<ChunkId, Judgement> &judged, bool full) {
  std::vector<std::size_t> job_of; // subset index → job
  for (const auto &[id, judgement] : judged) {
    if (job_of.empty() || job_of.back() != id.first) {
      job_of.push_back(id.first);
    }
  }
  std::vector<hashing::TableJob> subset;
  for (const std::size_t j : job_of) {
    subset.push_back(m_pass_plan.jobs[j]);
  }
  auto source_pool = pool(m_source);
  auto target_pool = pool(m_target);
  const auto digests = hashing::digest_tables(subset, source_pool, target_pool, m_engine);
  const auto now = Clock::now();
  for (auto &[id, judgement] : judged) {
    const std::size_t k = static_cast<std::size_t>(
        std::find(job_of.begin(), job_of.end(), id.first) - job_of.begin());
    const auto &table = digests[k];
    if (table.source.error || table.target.error) {
      judgement = {Settling::unsettled, {}}; // unreadable this time: not judged, not diverged
      continue;
    }
    m_diverged_rows.erase(id); // judged again as a whole
    judgement =
        judge_chunk(id, table.source.chunks[id.second], table.target.chunks[id.second], full, now);
  }
}

// Reads the chunks not yet equal or in flight again, up to --rechecks times, --recheck-delay
// apart; what the last read showed stands.
void Watch::recheck(std::map<ChunkId, Judgement> &judged, bool full) {
  const auto open = [](const Judgement &j) {
    return j.state == Settling::unsettled || j.state == Settling::diverged;
  };
  for (int round = 0; round < m_config.rechecks && !stopped(); ++round) {
    std::map<ChunkId, Judgement> again;
    for (const auto &[id, judgement] : judged) {
      if (open(judgement)) {
        again.insert({id, judgement});
      }
    }
    if (again.empty()) {
      return;
    }
    pause(m_config.recheck_delay);
    read_again(again, full);
    judge_rows(again, full);
    for (const auto &[id, judgement] : again) {
      judged[id] = judgement;
    }
  }
}

void Watch::keep_diverged_rows(const std::vector<hashing::CollectRequest> &requests,
                               std::vector<report::TableResult> &results,
                               std::vector<report::Finding> &findings) const {
  using KeyValues = std::vector<std::optional<std::string>>;
  std::map<std::string, std::set<KeyValues>> kept; // table → keys diverged
  for (const auto &request : requests) {
    std::set<KeyValues> keys;
    bool by_rows = true;
    for (const std::size_t chunk : request.chunks) {
      const auto found = m_diverged_rows.find({request.job, chunk});
      if (found == m_diverged_rows.end()) {
        by_rows = false; // judged as a whole: every differing row stands
        break;
      }
      for (const auto &key : found->second) {
        KeyValues values;
        for (const auto &field : key) {
          values.push_back(hashing::unescape_copy_field(field));
        }
        keys.insert(values);
      }
    }
    if (!by_rows) {
      continue;
    }
    const auto key_of = [](const report::RowExample &example) {
      KeyValues values;
      for (const auto &[name, value] : example.key.value_or(report::Values{})) {
        values.push_back(value);
      }
      return values;
    };
    auto &examples = results[request.job].examples;
    examples.erase(std::remove_if(examples.begin(), examples.end(),
                                  [&](const auto &e) { return keys.count(key_of(e)) == 0; }),
                   examples.end());
    kept[results[request.job].name] = std::move(keys);
  }
  const auto in_flight = [&](const report::Finding &finding) {
    const auto table = kept.find(finding.object);
    if (table == kept.end() || !finding.details.contains("key")) {
      return false;
    }
    KeyValues values;
    for (const auto &[name, value] : finding.details["key"].items()) {
      values.push_back(value.is_null() ? std::nullopt : std::optional{value.get<std::string>()});
    }
    return table->second.count(values) == 0;
  };
  findings.erase(std::remove_if(findings.begin(), findings.end(), in_flight), findings.end());
}

void Watch::record_tables(const PassSummary &summary) {
  const std::size_t window = static_cast<std::size_t>(std::max(m_config.until_clean, 1));
  m_worst_lag.resize(m_plan.jobs.size(), Clock::duration::zero());
  m_judged_recent.resize(m_plan.jobs.size());
  for (std::size_t j = 0; j < summary.per_table.size() && j < m_plan.jobs.size(); ++j) {
    const auto &table = summary.per_table[j];
    m_worst_lag[j] = std::max(m_worst_lag[j], table.worst_lag);
    auto &recent = m_judged_recent[j];
    recent.push_back(table.every_chunk_judged);
    while (recent.size() > window) {
      recent.pop_front();
    }
  }
}

nlohmann::ordered_json Watch::watch_section() const {
  const std::size_t window = static_cast<std::size_t>(std::max(m_config.until_clean, 1));
  auto tables = nlohmann::ordered_json::array();
  for (std::size_t j = 0; j < m_plan.tables.size() && j < m_judged_recent.size(); ++j) {
    const auto &recent = m_judged_recent[j];
    std::size_t open = 0;
    for (const auto &[id, found_in] : m_open) {
      open += id.first == j ? 1 : 0;
    }
    tables.push_back(
        {{"table", m_plan.tables[j].pair.source->name.str()},
         {"worst_lag_seconds", std::chrono::duration<double>(m_worst_lag[j]).count()},
         {"every_chunk_judged_in_last_passes",
          recent.size() == window && std::all_of(recent.begin(), recent.end(), std::identity{})},
         {"open_divergences", open}});
  }
  return {{"max_lag_seconds", std::chrono::duration<double>(m_max_lag).count()},
          {"last_passes", window},
          {"tables", tables}};
}

report::AuditReport Watch::pass(PassSummary &summary) {
  report::AuditReport report;
  report.command = "watch";
  report.started_at = std::chrono::system_clock::now();
  report.options = m_config.options;
  report.scope = m_config.scope;
  report.fail_on = m_config.fail_on;
  report.waivers = m_config.waivers;
  report.source = {m_source.redacted(), m_source_catalog.server.version};
  report.target = {m_target.redacted(), m_target_catalog.server.version};
  report.coverage = checks::build_coverage(m_source_catalog, m_target_catalog, m_config.scope);
  for (auto &row : report.coverage) {
    if (row.object_class == "materialized_views") { // left out of watch: see data_plan.hpp
      row.state = report::CoverageState::skipped;
      row.note = "contents left out: each side refreshes them on its own schedule";
    }
  }
  report.findings = m_plan.findings;
  const auto drift = m_schema.findings();
  report.findings.insert(report.findings.end(), drift.begin(), drift.end());
  report.tables = m_plan.unpaired;

  const auto started = Clock::now();
  std::vector<hashing::TableDigests> digests;
  {
    auto source_pool = pool(m_source);
    auto target_pool = pool(m_target);
    const auto reading = Clock::now();
    digests = hashing::digest_tables(m_pass_plan.jobs, source_pool, target_pool, m_engine);
    const double seconds = seconds_since(reading);
    for (const auto &table : digests) {
      for (const auto &chunk : table.source.chunks) {
        summary.source_rows += chunk.rows;
      }
    }
    summary.rows_per_second = seconds > 0 ? static_cast<double>(summary.source_rows) / seconds : 0;
  }
  const auto now = Clock::now();
  m_diverged_rows.clear();
  std::map<ChunkId, Judgement> judged; // chunks that differed at first sight
  std::vector<report::TableResult> results;
  for (std::size_t j = 0; j < m_plan.jobs.size(); ++j) {
    std::vector<std::size_t> mismatched;
    results.push_back(checks::compare_digests(m_plan.tables[j], digests[j], mismatched));
    adapt_slices(j, digests[j]);
    summary.chunks += results.back().chunks;
    summary.mismatched += mismatched.size();
    if (results.back().status == report::TableStatus::not_verified) {
      continue;
    }
    for (std::size_t c = 0; c < digests[j].source.chunks.size(); ++c) {
      const ChunkId id{j, c};
      const Judgement judgement = judge_chunk(id, digests[j].source.chunks[c],
                                              digests[j].target.chunks[c], summary.full, now);
      if (judgement.state != Settling::equal) {
        judged[id] = judgement;
      }
    }
  }
  judge_rows(judged, summary.full);
  recheck(judged, summary.full);

  std::map<std::size_t, std::vector<std::size_t>> diverged; // job → chunks
  std::map<std::size_t, std::size_t> unsettled;             // job → chunk count
  std::vector<Clock::duration> worst_lag(m_plan.jobs.size(), Clock::duration::zero());
  for (const auto &[id, judgement] : judged) {
    if (judgement.state == Settling::unsettled) {
      ++unsettled[id.first];
      continue;
    }
    worst_lag[id.first] = std::max(worst_lag[id.first], judgement.lag);
    if (judgement.state == Settling::diverged) {
      diverged[id.first].push_back(id.second);
      m_open.try_emplace(id, summary.pass);
    } else {
      ++summary.in_flight;
    }
  }
  if (summary.full) { // a full read of a chunk found equal or in flight closes its divergence
    for (auto it = m_open.begin(); it != m_open.end();) {
      const auto found = judged.find(it->first);
      const bool read = results[it->first.first].status != report::TableStatus::not_verified;
      const bool closed =
          read && (found == judged.end() || found->second.state == Settling::equal ||
                   found->second.state == Settling::in_flight);
      it = closed ? m_open.erase(it) : std::next(it);
    }
  }
  std::map<std::size_t, std::size_t> still_open; // job → open chunks not diverged this pass
  for (const auto &[id, found_in] : m_open) {
    const auto &chunks = diverged[id.first];
    if (std::find(chunks.begin(), chunks.end(), id.second) == chunks.end()) {
      ++still_open[id.first];
    }
  }
  summary.open = m_open.size();
  std::vector<hashing::CollectRequest> requests;
  std::vector<report::TableResult> unreadable; // not verified because a side could not be read
  for (std::size_t j = 0; j < results.size(); ++j) {
    auto &result = results[j];
    TablePass table{result.name, worst_lag[j], false, 0};
    if (result.status == report::TableStatus::not_verified) {
      ++summary.not_verified;
      unreadable.push_back(result);
      table.open = still_open.count(j) ? still_open[j] : 0;
      summary.per_table.push_back(table);
      continue;
    }
    table.every_chunk_judged = unsettled.count(j) == 0;
    table.open =
        (diverged.count(j) ? diverged[j].size() : 0) + (still_open.count(j) ? still_open[j] : 0);
    summary.per_table.push_back(table);
    result.mismatched_chunks = diverged.count(j) ? diverged[j].size() : 0;
    result.status =
        result.mismatched_chunks > 0 ? report::TableStatus::mismatch : report::TableStatus::match;
    if (unsettled.count(j) != 0) {
      summary.unsettled += unsettled[j];
      result.status = report::TableStatus::not_verified;
      result.reason = fmt::format(
          "{} chunks differ from every state the source was seen in, and the source changed "
          "within --max-lag ({:.0f}s), after {} rechecks",
          unsettled[j], std::chrono::duration<double>(m_max_lag).count(), m_config.rechecks);
      report.findings.push_back(
          report::make_finding("data", "data.unsettled", result.name, result.reason,
                               {{"chunks", unsettled[j]}, {"rechecks", m_config.rechecks}}));
    }
    if (still_open.count(j) != 0) {
      if (result.status == report::TableStatus::match) {
        result.status = report::TableStatus::mismatch;
      }
      report.findings.push_back(report::make_finding(
          "data", "data.divergence_open", result.name,
          fmt::format("{} chunks diverged in an earlier pass and no full read since has found "
                      "them equal",
                      still_open[j]),
          {{"chunks", still_open[j]}}));
    }
    if (result.mismatched_chunks > 0) {
      summary.diverged += result.mismatched_chunks;
      report.findings.push_back(report::make_finding(
          "data", "data.table_mismatch", result.name,
          fmt::format("{} of {} chunks diverged: the target equals no state the source had "
                      "within --max-lag ({:.0f}s)",
                      result.mismatched_chunks, result.chunks,
                      std::chrono::duration<double>(m_max_lag).count()),
          {{"chunks", result.chunks}, {"mismatched_chunks", result.mismatched_chunks}}));
      auto chunks = diverged[j];
      chunks.resize(std::min(chunks.size(), std::max<std::size_t>(m_config.data.max_examples, 1)));
      requests.push_back({j, chunks});
    }
  }
  report::report_not_verified(unreadable, report.findings, report.incomplete_reasons);
  if (!requests.empty()) {
    std::vector<report::TableResult *> targets;
    for (const auto &request : requests) {
      targets.push_back(&results[request.job]);
    }
    auto source_pool = pool(m_source);
    auto target_pool = pool(m_target);
    std::vector<report::Finding> localized;
    checks::localize_rows(m_pass_plan, requests, source_pool, target_pool, m_config.data, m_engine,
                          targets, localized);
    keep_diverged_rows(requests, results, localized);
    std::move(localized.begin(), localized.end(), std::back_inserter(report.findings));
  }
  summary.tables = results.size();
  summary.seconds = seconds_since(started);
  std::move(results.begin(), results.end(), std::back_inserter(report.tables));
  std::sort(report.tables.begin(), report.tables.end(),
            [](const auto &a, const auto &b) { return a.name < b.name; });
  report::apply_severity_overrides(report.findings, m_config.severity_overrides);
  report.timings.emplace_back("pass", summary.seconds);
  report.finished_at = std::chrono::system_clock::now();
  return report;
}

report::AuditReport Watch::run(const std::function<void(const PassSummary &)> &on_pass) {
  const auto started = Clock::now();
  const auto started_at = std::chrono::system_clock::now();
  plan();
  const bool structure =
      std::count(m_config.scope.checks.begin(), m_config.scope.checks.end(), "structure") != 0;
  std::optional<checks::StructureOutcome> at_start;
  if (structure) {
    at_start = check_structure();
    m_log.info(fmt::format("structural checks at the start: {} findings; they run again at the end",
                           at_start->findings.size()));
  }
  m_log.info(fmt::format("watching {} tables; a differing chunk is re-read {} times, {:.1f}s "
                         "apart",
                         m_plan.jobs.size(), m_config.rechecks,
                         std::chrono::duration<double>(m_config.recheck_delay).count()));
  report::AuditReport report;
  std::atomic<int> clean_streak{0}; // also read by the status line's thread
  std::atomic<int> current_pass{0};
  const core::ProgressTicker ticker{
      [&] {
        const double elapsed = seconds_since(started);
        return fmt::format("watch: pass {}, {}/{} table slices read, {} rows in {:.0f}s, "
                           "clean passes in a row: {}",
                           current_pass.load(), m_progress.slices_done.load(),
                           m_progress.slices_total.load(), m_progress.rows.load(), elapsed,
                           clean_streak.load());
      },
      m_config.show_progress};
  for (int number = 1;; ++number) {
    current_pass = number;
    if (number > 1) {
      once_started([&] { follow_schema(number); });
    }
    PassSummary summary;
    summary.pass = number;
    summary.full = m_changed_column.empty() || m_config.full_every <= 1 ||
                   (number - 1) % m_config.full_every == 0;
    // Rows changed since this pass began (less the time a write may take to reach the
    // target) are what the next narrowed pass reads.
    const std::string began = m_changed_column.empty() ? std::string{} : source_now();
    narrow_to_changed_rows(summary.full);
    if (!summary.full) {
      // Digests of changed rows only are comparable only within this pass.
      for (auto &[id, watched] : m_chunks) {
        watched.narrowed = Timeline{};
      }
    }
    report = once_started([&] { return pass(summary); });
    record_tables(summary);
    if (!summary.full) {
      report.scope.partial = "the last pass read only rows changed since the previous pass "
                             "(--changed-column); rows deleted since the last full pass are not "
                             "seen";
    }
    if (!m_changed_column.empty()) {
      m_changed_since = began;
    }
    // Clean: every chunk of every table judged (read, and equal or in flight), none diverged,
    // no divergence still open.
    const bool clean = report.status() == report::Status::clean && summary.open == 0 &&
                       summary.unsettled == 0 && summary.not_verified == 0 && !stopped();
    clean_streak = clean ? clean_streak + 1 : 0;
    summary.clean_streak = clean_streak;
    summary.finished_at = report.finished_at;
    on_pass(summary);
    const bool enough = m_config.until_clean > 0 && clean_streak >= m_config.until_clean;
    const bool out_of_passes = m_config.max_passes > 0 && number >= m_config.max_passes;
    const bool out_of_time =
        m_config.duration.count() > 0 && Clock::now() - started >= m_config.duration;
    if (enough || out_of_passes || out_of_time || stopped()) {
      break;
    }
    pause(m_config.recheck_delay);
  }
  if (stopped()) {
    report.incomplete_reasons.emplace_back("watch was interrupted");
  } else if (m_config.until_clean > 0 && clean_streak < m_config.until_clean &&
             report.status() != report::Status::failed) {
    // A last pass that found a real difference (rows diverged while the source was stable) is
    // a failed verdict, exit 1: not reaching --until-clean does not make it merely incomplete.
    report.incomplete_reasons.push_back(
        fmt::format("{} clean passes in a row at the end, {} wanted (--until-clean)",
                    clean_streak.load(), m_config.until_clean));
  }
  if (structure) {
    // At the end on the catalogs of the last pass; an interrupted watch keeps the start's.
    const bool interrupted = stopped();
    auto outcome = interrupted ? std::move(*at_start) : check_structure();
    report::apply_severity_overrides(outcome.findings, m_config.severity_overrides);
    add_structure_outcome(report, outcome, interrupted ? "start" : "end");
  }
  report.sections["watch"] = watch_section();
  report.started_at = started_at; // the run's start, not the last pass's
  report.timings.emplace_back("total", seconds_since(started));
  return report;
}

} // namespace

report::AuditReport run_watch(const core::ConnectionString &source,
                              const core::ConnectionString &target, const WatchConfig &config,
                              const std::function<void(const PassSummary &)> &on_pass,
                              const core::Log &log) {
  Watch watch{source, target, config, log};
  return watch.run(on_pass);
}

} // namespace pgparity::watch
