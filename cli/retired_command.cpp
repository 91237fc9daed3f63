// `pgparity retired`: the straggler watch on the old database after the cutover (issue 13, point
// 5). Options, wiring and the exit code; the watch itself is watch/straggler_watch.
#include "cli/command.hpp"
#include "cli/events_stream.hpp"
#include "core/connection_string.hpp"
#include "core/duration.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/utc_time.hpp"
#include "migrate/interrupt.hpp"
#include "report/audit_report.hpp"
#include "report/straggler_report.hpp"
#include "watch/straggler_watch.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

namespace pgparity::cli {

namespace {

struct RetiredOptions {
  std::string db;
  std::string interval = "10s";
  std::string duration;
  std::string settle = "75s";
  std::string statement_timeout = "60s";
  std::string lock_timeout = "5s";
  std::string report_json;
  std::string events;
  bool quiet = false;
};

// What a straggler watch runs with, every option checked.
struct RetiredInput {
  core::ConnectionString url;
  watch::StragglerConfig config;
  EventsStream events_stream;
  std::FILE *events = stdout;
};

// Checks every option before anything connects: bad input touches no database. Throws
// ConfigError.
RetiredInput check_retired_options(const RetiredOptions &options) {
  RetiredInput input{core::ConnectionString::parse("retired", options.db), {}};
  auto &config = input.config;
  config.interval = core::parse_duration(options.interval, "--interval");
  if (config.interval < std::chrono::milliseconds{100}) {
    throw ConfigError("--interval " + options.interval + ": at least 100ms");
  }
  if (!options.duration.empty()) {
    config.duration = core::parse_duration(options.duration, "--duration");
  }
  config.settle = core::parse_duration(options.settle, "--settle");
  if (config.settle < std::chrono::seconds{1}) {
    throw ConfigError("--settle " + options.settle + ": at least 1s",
                      "a backend publishes its counters at most once a second; 75s covers "
                      "PostgreSQL's longest delay under contention");
  }
  config.statement_timeout =
      core::parse_server_timeout(options.statement_timeout, "--statement-timeout");
  config.lock_timeout = core::parse_server_timeout(options.lock_timeout, "--lock-timeout");
  input.events_stream = EventsStream{options.events};
  input.events = input.events_stream.get();
  return input;
}

// The report file holds an incomplete report from the moment the options are checked until the
// watch ends, so no earlier verdict survives a run that fails or is killed.
void write_placeholder(const std::string &path, const std::string &url, const std::string &why) {
  if (path.empty()) {
    return;
  }
  report::StragglerReport placeholder;
  placeholder.url = url;
  placeholder.status = "incomplete";
  placeholder.started_at = core::utc_timestamp(std::chrono::system_clock::now());
  placeholder.incomplete_reasons.push_back(why);
  report::write_text(report::render_straggler_json(placeholder), path);
}

ExitCode run_retired(const RetiredOptions &options) {
  const core::Log log{options.quiet ? core::LogLevel::warning : core::LogLevel::info};
  RetiredInput input = [&] {
    try {
      return check_retired_options(options);
    } catch (const ConfigError &e) {
      write_placeholder(options.report_json, "", std::string{"the run did not start: "} + e.what());
      throw;
    }
  }();
  write_placeholder(options.report_json, input.url.redacted(), "the run did not finish");
  const migrate::InterruptWatch interrupt{[] {}};
  input.config.stop = &interrupt.interrupted();
  log.info("retired: watching " + input.url.redacted() + " for writes" +
           (options.duration.empty() ? " until interrupted" : " for " + options.duration) +
           ", then " + options.settle + " more for late statistics");
  const auto report = watch::watch_retired(
      input.url, input.config,
      [&](const report::StragglerLook &look) {
        const std::string line = report::render_straggler_event(look) + "\n";
        std::fwrite(line.data(), 1, line.size(), input.events);
        std::fflush(input.events);
      },
      log);
  if (!options.report_json.empty()) {
    report::write_text(report::render_straggler_json(report), options.report_json);
  }
  const std::string summary = report::render_straggler_summary(report);
  std::fwrite(summary.data(), 1, summary.size(), stdout);
  return report.status == "clean"    ? ExitCode::clean
         : report.status == "failed" ? ExitCode::failed
                                     : ExitCode::incomplete;
}

} // namespace

Command add_retired_command(CLI::App &app) {
  auto options = std::make_shared<RetiredOptions>();
  CLI::App *sub = app.add_subcommand(
      "retired",
      "After the cutover, watch the old (retired) database: report every write that still "
      "reaches it (per-table insert/update/delete counters, rewrites such as TRUNCATE, sessions "
      "holding a transaction id) and every client connected, with its application_name (address "
      "and last statement with pg_monitor). Exit 1 when a write is seen, 3 when the statistics "
      "were reset or the watch ended before --settle. One JSON line per look. Reads only.");
  sub->add_option("--db", options->db,
                  "The retired database's connection string (URL or key=value; libpq syntax)")
      ->envname("PGPARITY_RETIRED")
      ->required();
  sub->add_option("--interval", options->interval, "Time between two looks (e.g. 5s, 1m)")
      ->capture_default_str();
  sub->add_option("--duration", options->duration,
                  "Watch this long (e.g. 1h, 7d), then --settle more; default: until "
                  "interrupted (SIGINT/SIGTERM)");
  sub->add_option("--settle", options->settle,
                  "How late a finished write may show in the statistics counters: PostgreSQL "
                  "15+ publishes them when a session goes idle, retried every 10s and held up "
                  "to 60s under contention; a watch certifies no write only up to its last "
                  "look minus this")
      ->capture_default_str();
  sub->add_option("--statement-timeout", options->statement_timeout,
                  "Limit for every statement (e.g. 30s)")
      ->capture_default_str();
  sub->add_option("--lock-timeout", options->lock_timeout, "Limit for any wait on a lock")
      ->capture_default_str();
  sub->add_option("--report-json", options->report_json,
                  "Write the report as JSON to this file (atomically)");
  sub->add_option("--events", options->events,
                  "Append one JSON line per look to this file (default: stdout)");
  sub->add_flag("--quiet", options->quiet, "Only warnings and errors on stderr");
  return {sub, [options] { return run_retired(*options); }};
}

} // namespace pgparity::cli
