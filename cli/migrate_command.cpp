#include "cli/command.hpp"
#include "cli/compare_options.hpp"
#include "core/connection_string.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/redact.hpp"
#include "migrate/pipeline.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>

namespace pgparity::cli {

namespace {

constexpr const char *k_default_work_dir = "pgparity-work";

// Where the JSON report goes without --report-json.
std::string default_report_json(const std::string &work_dir) { return work_dir + "/report.json"; }

struct MigrateOptions {
  std::string source;
  std::string target;
  CompareOptions compare;
  std::string pg_bin;
  std::string work_dir = k_default_work_dir;
  std::string from_dump;
  bool clean = false;
  bool fix_sequences = false;
  bool rehearsal = false;
  bool resume = false;
  std::string maintenance_on;
  std::string maintenance_off;
  std::string cutover;
  bool quiet = false;
};

// "phase timings: dump 1.2s, restore 3.4s, …; projected downtime 9.9s" from the report section.
std::string timings_line(const report::AuditReport &report, bool rehearsal) {
  const auto &section = report.sections["migrate"];
  std::string line = rehearsal ? "rehearsal phase timings:" : "phase timings:";
  for (const auto &phase : section["phases"]) {
    line += fmt::format(" {} {:.1f}s,", phase["phase"].get<std::string>(),
                        phase["seconds"].get<double>());
  }
  line.pop_back();
  return line + fmt::format("; projected downtime (dump, restore, post-restore, verify) {:.1f}s\n",
                            section["projected_downtime_seconds"].get<double>());
}

ExitCode run_migrate(MigrateOptions options) {
  const core::Log log{options.quiet ? core::LogLevel::warning : core::LogLevel::info, stderr,
                      isatty(STDERR_FILENO) == 0};
  if (options.compare.report.json.empty()) {
    options.compare.report.json = default_report_json(options.work_dir);
  }
  // Every option is checked before anything runs: bad input touches no database, and leaves
  // the report files saying the run did not start.
  migrate::MigrateConfig config;
  checked_input(options.compare.report, "migrate", [&] {
    config.source = core::ConnectionString::parse("source", options.source);
    config.target = core::ConnectionString::parse("target", options.target);
    std::error_code error;
    std::filesystem::create_directories(options.work_dir, error);
    if (error) {
      throw ConfigError("--work-dir: cannot create " + options.work_dir + ": " + error.message(),
                        "choose a directory you can write to");
    }
    config.audit = make_audit_config(options.compare, !options.quiet);
  });
  config.audit.options["work_dir"] = options.work_dir;
  config.audit.options["from_dump"] = options.from_dump;
  config.audit.options["clean"] = options.clean;
  config.audit.options["fix_sequences"] = options.fix_sequences;
  config.audit.options["rehearsal"] = options.rehearsal;
  config.audit.options["resume"] = options.resume;
  config.audit.options["pg_bin"] = options.pg_bin;
  // Hook commands may carry a database URL with its password: shown redacted.
  config.audit.options["maintenance_on"] = core::redact_secrets(options.maintenance_on);
  config.audit.options["maintenance_off"] = core::redact_secrets(options.maintenance_off);
  config.audit.options["cutover"] = core::redact_secrets(options.cutover);
  config.pg_bin = options.pg_bin;
  config.work_dir = options.work_dir;
  config.from_dump = options.from_dump;
  config.jobs = options.compare.jobs;
  config.clean = options.clean;
  config.fix_sequences = options.fix_sequences;
  config.rehearsal = options.rehearsal;
  config.resume = options.resume;
  config.maintenance_on = options.maintenance_on;
  config.maintenance_off = options.maintenance_off;
  config.cutover = options.cutover;

  // The run's report, kept here too: publishing may fail after the run changed the target.
  report::AuditReport report;
  ExitCode code = ExitCode::incomplete;
  try {
    code = run_reported(options.compare.report,
                        placeholder_report("migrate", config.audit, *config.source, *config.target),
                        log, [&] { return report = migrate::run_migrate(config, log); })
               .second;
  } catch (const Error &e) {
    if (!report.sections.contains("migrate")) {
      throw; // stopped before the pipeline ran (preflight): nothing was changed
    }
    // The run went past the preflight and changed the target: never exit 2, "nothing changed".
    log.error(std::string{e.what()} +
              (report.sections["migrate"].value("cutover_ran", false)
                   ? "; the cutover ran"
                   : "; the cutover did not run") +
              ": the run counts as incomplete");
  }
  const auto &section = report.sections["migrate"];
  const std::string timings = timings_line(report, options.rehearsal) +
                              "cutover: " + section.value("cutover", std::string{}) + "\n";
  std::fwrite(timings.data(), 1, timings.size(), stdout);
  return code;
}

} // namespace

Command add_migrate_command(CLI::App &app) {
  auto options = std::make_shared<MigrateOptions>();
  CLI::App *sub = app.add_subcommand(
      "migrate",
      "Move a database to another server and prove the copy: preflight (changes nothing), "
      "maintenance on, pg_dump (directory format, --jobs), pg_restore --no-owner --no-acl, "
      "ANALYZE (and --fix-sequences), the source's ALTER DATABASE/ROLE … SET settings and the "
      "database's connection limit and comment, which pg_dump leaves out, set on the target, the "
      "full audit, the gate, the cutover command only "
      "if the gate is open, maintenance off. --rehearsal measures the downtime to expect.");
  add_endpoint_options(*sub, options->source, options->target);
  sub->add_option("--work-dir", options->work_dir,
                  "Directory for the dump, the journal of completed phases (for --resume), the "
                  "logs and the reports")
      ->capture_default_str();
  sub->add_option("--pg-bin", options->pg_bin,
                  "Directory of pg_dump and pg_restore (default: the newest "
                  "/usr/lib/postgresql/*/bin, else PATH)");
  sub->add_option("--from-dump", options->from_dump,
                  "Restore this existing backup (custom-format file or directory dump, e.g. a "
                  "Heroku backup) instead of running pg_dump");
  sub->add_flag("--clean", options->clean,
                "Allow a non-empty target: pg_restore --clean --if-exists replaces the dump's "
                "objects");
  sub->add_flag("--fix-sequences", options->fix_sequences,
                "After the restore, move each target sequence past both the source's position "
                "and its columns' maximum (logged; the only write besides the restore and the "
                "database's settings)");
  sub->add_flag("--rehearsal", options->rehearsal,
                "Dry run against a throwaway target: no maintenance or cutover hooks; prints the "
                "time of every phase and the projected downtime");
  sub->add_flag("--resume", options->resume,
                "Continue the run recorded in --work-dir after its last completed phase; what "
                "the earlier phases found (e.g. restore errors) is reported again");
  sub->add_option("--maintenance-on", options->maintenance_on,
                  "Shell command run before the dump (e.g. heroku maintenance:on -a APP); if it "
                  "fails nothing else runs");
  sub->add_option("--maintenance-off", options->maintenance_off,
                  "Shell command run at the end whenever --maintenance-on ran, once, on every "
                  "way out: also after a failure, an error of any kind or an interruption");
  sub->add_option("--cutover", options->cutover,
                  "Shell command run only when the gate is open (e.g. switching the "
                  "application's DATABASE_URL)");
  add_compare_options(*sub, options->compare);
  sub->add_flag("--quiet", options->quiet, "Only warnings and errors on stderr");
  return {sub, [options] { return run_migrate(*options); },
          [sub](const std::string &error) {
            auto given = report_options_given(*sub);
            if (given.json.empty()) {
              const auto *work_dir = sub->get_option_no_throw("--work-dir");
              given.json = default_report_json(work_dir == nullptr || work_dir->results().empty()
                                                   ? k_default_work_dir
                                                   : work_dir->results().back());
            }
            write_not_started(given, "migrate", error);
          }};
}

} // namespace pgparity::cli
