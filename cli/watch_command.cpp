#include "cli/command.hpp"
#include "cli/compare_options.hpp"
#include "cli/events_stream.hpp"
#include "core/connection_string.hpp"
#include "core/duration.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/utc_time.hpp"
#include "migrate/interrupt.hpp"
#include "report/audit_report.hpp"
#include "watch/watch_loop.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace pgparity::cli {

namespace {

struct WatchOptions {
  std::string source;
  std::string target;
  CompareOptions compare;
  std::string recheck_delay = "3s";
  std::string max_lag = "60s";
  int rechecks = 3;
  int until_clean = 0;
  int max_passes = 0;
  std::string duration;
  double max_rows_per_second = 0;
  std::vector<std::string> ignore_columns;
  std::vector<std::string> changed_columns;
  int full_every = 10;
  std::string events;
  bool quiet = false;
};

std::chrono::milliseconds milliseconds(const std::string &text, const char *option) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(core::parse_duration(text, option));
}

nlohmann::ordered_json event_json(const watch::PassSummary &pass) {
  auto tables = nlohmann::ordered_json::array();
  for (const auto &table : pass.per_table) {
    tables.push_back({{"table", table.name},
                      {"worst_lag_seconds", std::chrono::duration<double>(table.worst_lag).count()},
                      {"every_chunk_judged", table.every_chunk_judged},
                      {"open", table.open}});
  }
  return {{"pass", pass.pass},
          {"time", core::utc_timestamp(pass.finished_at)},
          {"tables", pass.tables},
          {"chunks", pass.chunks},
          {"mismatched", pass.mismatched},
          {"unsettled", pass.unsettled},
          {"diverged", pass.diverged},
          {"in_flight", pass.in_flight},
          {"open", pass.open},
          {"not_verified", pass.not_verified},
          {"source_rows", pass.source_rows},
          {"rows_per_second", pass.rows_per_second},
          {"seconds", pass.seconds},
          {"full", pass.full},
          {"clean_streak", pass.clean_streak},
          {"tables_detail", tables}};
}

// What a watch runs with, every option checked.
struct WatchInput {
  core::ConnectionString source;
  core::ConnectionString target;
  checks::AuditConfig audit;
  watch::WatchConfig config;
  EventsStream events_stream;
  std::FILE *events = stdout;
};

// Checks every option before anything connects: bad input touches no database. Throws
// ConfigError.
WatchInput check_watch_options(const WatchOptions &options) {
  WatchInput input{core::ConnectionString::parse("source", options.source),
                   core::ConnectionString::parse("target", options.target),
                   make_audit_config(options.compare, false),
                   {}};
  const auto &audit = input.audit;
  auto &config = input.config;
  config.jobs = audit.jobs;
  config.data = audit.data;
  config.data.ignore_columns = options.ignore_columns;
  config.fail_on = audit.fail_on;
  config.waivers = audit.waivers;
  config.severity_overrides = audit.severity_overrides;
  config.options = audit.options;
  config.scope = audit.scope; // the structural checks too, at the start and end, unless
                              // --data-only
  config.structure = audit.structure;
  // Columns left out of every row: recorded, so the gate refuses the report unless told to.
  config.scope.ignored_columns = options.ignore_columns;
  config.show_progress = !options.quiet;
  config.recheck_delay = milliseconds(options.recheck_delay, "--recheck-delay");
  config.rechecks = options.rechecks;
  config.max_lag = milliseconds(options.max_lag, "--max-lag");
  if (config.max_lag < std::chrono::seconds{1} || config.max_lag > std::chrono::hours{24 * 7}) {
    throw ConfigError("--max-lag " + options.max_lag + ": expected 1s to 7d",
                      "the longest a write may take to reach the target, e.g. 60s");
  }
  config.until_clean = options.until_clean;
  config.max_passes = options.max_passes;
  if (!options.duration.empty()) {
    config.duration = milliseconds(options.duration, "--duration");
  }
  config.max_rows_per_second = options.max_rows_per_second;
  config.statement_timeout = *audit.sessions.statement_timeout;
  config.lock_timeout = *audit.sessions.lock_timeout;
  config.changed_columns = options.changed_columns;
  config.full_every = options.full_every;
  for (const auto &[option, columns] : {std::pair{"--ignore-column", &options.ignore_columns},
                                        std::pair{"--changed-column", &options.changed_columns}}) {
    for (const auto &column : *columns) {
      if (std::count(column.begin(), column.end(), '.') < 2) {
        throw ConfigError(std::string{option} + " " + column + ": expected schema.table.column");
      }
    }
  }
  input.events_stream = EventsStream{options.events};
  input.events = input.events_stream.get();
  return input;
}

ExitCode run_watch(const WatchOptions &options) {
  const core::Log log{options.quiet ? core::LogLevel::warning : core::LogLevel::info};
  auto input =
      checked_input(options.compare.report, "watch", [&] { return check_watch_options(options); });
  const auto &source = input.source;
  const auto &target = input.target;
  const auto &audit = input.audit;
  auto &config = input.config;
  std::FILE *events = input.events;

  const migrate::InterruptWatch interrupt{[] {}};
  config.stop = &interrupt.interrupted();
  config.data.stop = config.stop;
  checks::AuditConfig placeholder_config = audit;
  placeholder_config.scope = config.scope;
  return run_reported(
             options.compare.report,
             placeholder_report("watch", placeholder_config, source, target), log,
             [&] {
               return watch::run_watch(
                   source, target, config,
                   [&](const watch::PassSummary &pass) {
                     const std::string line = event_json(pass).dump() + "\n";
                     std::fwrite(line.data(), 1, line.size(), events);
                     std::fflush(events);
                     log.info(fmt::format(
                         "pass {}: {} tables, {} chunks, {} differed at first, {} in flight, "
                         "{} unsettled, {} diverged, {} open, {:.0f} source rows/s; clean "
                         "passes in a row: {}",
                         pass.pass, pass.tables, pass.chunks, pass.mismatched, pass.in_flight,
                         pass.unsettled, pass.diverged, pass.open, pass.rows_per_second,
                         pass.clean_streak));
                   },
                   log);
             })
      .second;
}

} // namespace

Command add_watch_command(CLI::App &app) {
  auto options = std::make_shared<WatchOptions>();
  CLI::App *sub = app.add_subcommand(
      "watch",
      "Compare two databases over and over while the application writes to both (dual-write): "
      "a target equal to a state the source had within --max-lag is in flight; one equal to "
      "no state the source had within --max-lag is diverged (rows named as in audit), and "
      "stays open until a later full read finds it equal; a chunk still changing is judged "
      "row by row, and re-read after --recheck-delay. A table, column, index or sequence "
      "changed on one side only during the watch is reported (schema_drift.*); audit's "
      "structural checks run at the start and the end. One JSON line per pass. Reads only, "
      "gently: statement and lock timeouts, --max-rows-per-second.");
  add_endpoint_options(*sub, options->source, options->target);
  sub->add_option("--recheck-delay", options->recheck_delay,
                  "Wait before re-reading a differing chunk (e.g. 500ms, 3s)")
      ->capture_default_str();
  sub->add_option("--max-lag", options->max_lag,
                  "How far the target may trail the source (1s to 7d): a target that equals no "
                  "state the source had within this long is diverged; a difference is reported "
                  "once it has lasted this long")
      ->capture_default_str();
  sub->add_option("--rechecks", options->rechecks,
                  "Re-reads, within a pass, of a chunk not judged yet (unsettled) or diverged")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  sub->add_option("--until-clean", options->until_clean,
                  "Exit 0 after exactly this many passes in a row in which every chunk of every "
                  "table was judged (equal, or in flight within --max-lag) and none diverged or "
                  "open")
      ->check(CLI::Range(1, 1000000));
  sub->add_option("--max-passes", options->max_passes, "Stop after this many passes")
      ->check(CLI::Range(1, 100000000));
  sub->add_option("--duration", options->duration, "Stop after this long (e.g. 30m, 2h)");
  sub->add_option("--max-rows-per-second", options->max_rows_per_second,
                  "Read at most this many source rows per second (0: no limit); tables are then "
                  "read in slices of about ten seconds each")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--ignore-column", options->ignore_columns,
                  "Leave schema.table.column out of the comparison: a value each database sets "
                  "for itself, such as a trigger-set timestamp (repeatable; not a column of the "
                  "table's primary or unique chunk key, nor every column); recorded in the "
                  "report's scope, and `gate` refuses it unless given --accept-scope "
                  "ignored-columns");
  sub->add_option("--changed-column", options->changed_columns,
                  "schema.table.column recording each row's last change (written the same on "
                  "both sides): passes between full ones read only rows changed since the "
                  "previous pass began (repeatable)");
  sub->add_option("--full-every", options->full_every,
                  "With --changed-column, read every row on every Nth pass (deletions are seen "
                  "only then)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  sub->add_option("--events", options->events,
                  "Append one JSON line per pass to this file (default: stdout)");
  // Gentler than audit's defaults: watch reads over and over beside a live application.
  options->compare.statement_timeout = "60s";
  options->compare.lock_timeout = "5s";
  add_data_options(*sub, options->compare);
  sub->add_flag("--data-only", options->compare.data_only,
                "Leave out audit's structural checks, run otherwise at the start and the end of "
                "the watch; the report is then data only, and `gate` refuses it unless given "
                "--accept-scope data-only");
  sub->add_flag("--quiet", options->quiet, "Only warnings and errors on stderr");
  return {sub, [options] { return run_watch(*options); },
          [sub](const std::string &error) {
            write_not_started(report_options_given(*sub), "watch", error);
          }};
}

} // namespace pgparity::cli
