// `pgparity migrate` end to end between the two local clusters: a clean run with its gate, the
// order of the maintenance and cutover hooks (also after a failure), a restore error that closes
// the gate, a preflight that stops before anything changed, --resume after a crash during the
// restore, --rehearsal, and SIGINT during the verification; and the promises kept on every way
// out: a resumed run keeps the findings of the phases it does not repeat, a client program
// killed by a signal fails its phase, the off-hook runs after any failure once the on-hook ran,
// and a failure after the cutover never claims that nothing changed.
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

extern char **environ;

using namespace pgparity;

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The JSON document at `path`; null when it is missing or not (yet) valid JSON.
nlohmann::json read_json(const fs::path &path) {
  auto document = nlohmann::json::parse(test::read_file(path), nullptr, false);
  return document.is_discarded() ? nlohmann::json{} : document;
}

// The three hook options, each appending one word to `file`.
std::vector<std::string> hooks(const fs::path &file) {
  const std::string target = " >> '" + file.string() + "'";
  return {"--maintenance-on",      "echo on" + target,  "--cutover",
          "echo cutover" + target, "--maintenance-off", "echo off" + target};
}

std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string> &b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::string output(const test::ProcessResult &result) {
  return "exit code " + std::to_string(result.exit_code) + "\n--- stdout\n" + result.out +
         "\n--- stderr\n" + result.err;
}

// The phase the journal of `work_dir` records as started and not completed; "" when none.
std::string journal_in_progress(const fs::path &work_dir) {
  const auto journal = read_json(work_dir / "journal.json");
  if (!journal.is_object() || !journal.contains("in_progress") ||
      !journal["in_progress"].is_object()) {
    return "";
  }
  return journal["in_progress"].value("phase", "");
}

// The entry of `phase` in the report's migrate.phases; null when absent.
nlohmann::json phase_entry(const nlohmann::json &report, const std::string &phase) {
  for (const auto &entry : report["migrate"]["phases"]) {
    if (entry["phase"] == phase) {
      return entry;
    }
  }
  return nullptr;
}

std::vector<std::string> phase_names(const nlohmann::json &report) {
  std::vector<std::string> names;
  for (const auto &entry : report["migrate"]["phases"]) {
    names.push_back(entry["phase"].get<std::string>());
  }
  return names;
}

std::string table_count(const std::string &url) {
  return test::psql_value(url, "SELECT count(*) FROM pg_catalog.pg_tables "
                               "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
}

// The pids whose parent is `parent` (from /proc).
std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> children;
  for (const auto &entry : fs::directory_iterator{"/proc"}) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    const std::string stat = test::read_file(entry.path() / "stat"); // pid (comm) state ppid …
    const auto comm_end = stat.rfind(')');
    if (comm_end == std::string::npos) {
      continue;
    }
    std::istringstream fields{stat.substr(comm_end + 1)};
    std::string state;
    pid_t ppid = 0;
    if (fields >> state >> ppid && ppid == parent) {
      children.push_back(static_cast<pid_t>(std::stol(name)));
    }
  }
  return children;
}

// pgparity running in the background, so that a test can watch its journal and signal it.
std::unique_ptr<test::BackgroundProcess> start_pgparity(const std::vector<std::string> &args) {
  std::vector<std::string> argv{test::pgparity_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return std::make_unique<test::BackgroundProcess>(argv);
}

// A --pg-bin directory whose pg_dump and pg_restore run the real programs, then, outside a
// `--version` call, the shell text `dump_tail` or `restore_tail` (with $status holding the real
// program's exit status): a stand-in for the OOM killer, `kill -9`, or anything that happens
// right after the program.
fs::path pg_bin_wrapper(const std::string &name, const std::string &dump_tail,
                        const std::string &restore_tail) {
  const fs::path dir = test::fresh_temp_path(name);
  fs::create_directories(dir);
  for (const auto &[program, tail] : {std::pair{std::string{"pg_dump"}, dump_tail},
                                      std::pair{std::string{"pg_restore"}, restore_tail}}) {
    const std::string real = "'" + test::pg_program(program) + "'";
    const fs::path script = dir / program;
    std::ofstream{script} << "#!/bin/sh\n"
                          << "if [ \"$1\" = --version ]; then exec " << real << " \"$@\"; fi\n"
                          << real << " \"$@\"\n"
                          << "status=$?\n"
                          << tail << "\n"
                          << "exit $status\n";
    fs::permissions(script, fs::perms::owner_all);
  }
  return dir;
}

// How many findings of the report have `id` and `object`.
std::size_t count_findings(const nlohmann::json &report, const std::string &id,
                           const std::string &object) {
  std::size_t count = 0;
  for (const auto &finding : report["findings"]) {
    count += finding["id"] == id && finding["object"] == object ? 1U : 0U;
  }
  return count;
}

// True when one of the report's incomplete reasons holds `text`.
bool has_reason(const nlohmann::json &report, const std::string &text) {
  for (const auto &reason : report["incomplete_reasons"]) {
    if (reason.get<std::string>().find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

// customers 1..50, orders 1..500 through their sequences, plus one order given the id 1000 by
// hand: the source's orders_id_seq stands behind the column's maximum, as after a bulk import.
constexpr const char *k_shop_sql =
    "CREATE TABLE public.customers (id serial PRIMARY KEY, name text NOT NULL);"
    "CREATE TABLE public.orders (id serial PRIMARY KEY, "
    "  customer_id int NOT NULL REFERENCES public.customers (id), total numeric(10, 2));"
    "CREATE INDEX orders_customer_id_idx ON public.orders (customer_id);"
    "INSERT INTO public.customers (name) SELECT 'customer ' || g FROM generate_series(1, 50) g;"
    "INSERT INTO public.orders (customer_id, total) "
    "  SELECT 1 + g % 50, g * 1.25 FROM generate_series(1, 500) g;"
    "INSERT INTO public.orders (id, customer_id, total) VALUES (1000, 7, 99.5);";

struct Databases {
  std::string source;
  std::string target;
};

Databases shop(const std::string &name) {
  Databases db{test::scratch_database("source", name), test::scratch_database("target", name)};
  test::psql(db.source, k_shop_sql);
  return db;
}

// A source with a schema app that the target already has: pg_restore's CREATE SCHEMA app fails,
// which is not one of the harmless errors, while the table itself arrives and matches.
Databases conflicting_schema(const std::string &name) {
  Databases db{test::scratch_database("source", name), test::scratch_database("target", name)};
  test::psql(db.source,
             "CREATE SCHEMA app;"
             "CREATE TABLE app.items (id int PRIMARY KEY, name text);"
             "INSERT INTO app.items SELECT g, 'item ' || g FROM generate_series(1, 20) g;");
  test::psql(db.target, "CREATE SCHEMA app");
  return db;
}

TEST(Migrate, FullPipelineEndsCleanAndTheGateOpens) {
  const auto db = shop("mig_full");
  const fs::path dir = test::fresh_temp_path("pgparity_mig_full");
  auto result = test::run_pgparity({"migrate", "--source", db.source, "--target", db.target,
                                    "--work-dir", dir.string(), "--fix-sequences", "--quiet"});
  ASSERT_EQ(result.exit_code, 0) << output(result);
  const auto report = read_json(dir / "report.json");
  ASSERT_TRUE(report.is_object()) << output(result);
  EXPECT_EQ(report["command"], "migrate");
  EXPECT_EQ(report["status"], "clean") << report.dump(2);
  EXPECT_EQ(phase_names(report), (std::vector<std::string>{"preflight", "dump", "restore",
                                                           "post_restore", "verify", "gate"}))
      << report["migrate"].dump(2);
  for (const char *phase : {"preflight", "dump", "restore", "post_restore", "verify"}) {
    EXPECT_EQ(phase_entry(report, phase)["status"], "completed") << phase;
    EXPECT_GE(phase_entry(report, phase)["seconds"].get<double>(), 0.0) << phase;
  }
  EXPECT_EQ(phase_entry(report, "gate")["status"], "open");
  EXPECT_GT(report["migrate"]["projected_downtime_seconds"].get<double>(), 0.0);
  EXPECT_EQ(report["migrate"]["cutover"], "no --cutover command given");

  // The data arrived, and --fix-sequences moved the sequence past the hand-given id 1000.
  EXPECT_EQ(test::psql_value(db.target, "SELECT count(*) FROM public.customers"), "50");
  EXPECT_EQ(test::psql_value(db.target, "SELECT count(*) FROM public.orders"), "501");
  const std::string fixes = report["migrate"]["post_restore"].dump();
  EXPECT_NE(fixes.find("setval"), std::string::npos) << fixes;
  EXPECT_NE(fixes.find("orders_id_seq"), std::string::npos) << fixes;
  EXPECT_EQ(test::psql_value(db.target, "SELECT nextval('public.orders_id_seq') > "
                                        "(SELECT max(id) FROM public.orders)"),
            "t");
  EXPECT_NO_THROW(test::psql(db.target, "INSERT INTO public.orders (customer_id) VALUES (1)"));

  result = test::run_pgparity({"gate", (dir / "report.json").string()});
  EXPECT_EQ(result.exit_code, 0) << output(result);
}

// pg_dump without --create carries no ALTER DATABASE … SET nor ALTER ROLE … IN DATABASE … SET:
// migrate sets the source's on the target after the restore, so the target stores the very same
// text (search_path's quoted names included) and the verification is clean. A role the target
// lacks is named, not failed on. Without them the audit fails (reset on the target at the end).
TEST(Migrate, DatabaseAndRoleSettingsAreCarriedToTheTarget) {
  const auto db = Databases{test::scratch_database("source", "mig_settings"),
                            test::scratch_database("target", "mig_settings")};
  const std::string create_app_role =
      "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = "
      "'pgparity_mig_app') THEN CREATE ROLE pgparity_mig_app; END IF; END $$;";
  test::psql(db.source, create_app_role);
  test::psql(db.target, create_app_role);
  test::psql(db.source, "CREATE TABLE public.t (id int PRIMARY KEY);"
                        "INSERT INTO public.t SELECT generate_series(1, 10);"
                        "DO $$ BEGIN"
                        "  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles"
                        "                  WHERE rolname = 'pgparity_mig_source_only') THEN"
                        "    CREATE ROLE pgparity_mig_source_only;"
                        "  END IF;"
                        "  EXECUTE format('ALTER DATABASE %I SET search_path = app, public',"
                        "                 current_database());"
                        "  EXECUTE format('ALTER DATABASE %I SET statement_timeout = %L',"
                        "                 current_database(), '5min');"
                        "  EXECUTE format('ALTER ROLE pgparity_mig_app IN DATABASE %I"
                        "                  SET search_path = \"$user\", \"My App\", public',"
                        "                 current_database());"
                        "  EXECUTE format('ALTER ROLE pgparity_mig_source_only IN DATABASE %I"
                        "                  SET work_mem = %L', current_database(), '64MB');"
                        "END $$;");
  const std::string settings_sql =
      "SELECT coalesce(r.rolname, '-') || ': ' || array_to_string(s.setconfig, ' | ')"
      "  FROM pg_db_role_setting s LEFT JOIN pg_roles r ON r.oid = s.setrole"
      " WHERE s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())"
      "   AND coalesce(r.rolname, '-') <> 'pgparity_mig_source_only' ORDER BY 1";
  const std::string source_settings = test::psql_value(db.source, settings_sql);
  ASSERT_EQ(source_settings, "-: search_path=app, public | statement_timeout=5min\n"
                             "pgparity_mig_app: search_path=\"$user\", \"My App\", public");

  const fs::path dir = test::fresh_temp_path("pgparity_mig_settings");
  auto result = test::run_pgparity(
      {"migrate", "--source", db.source, "--target", db.target, "--work-dir", dir.string()});
  ASSERT_EQ(result.exit_code, 0) << output(result);
  const auto report = read_json(dir / "report.json");
  ASSERT_TRUE(report.is_object()) << output(result);
  EXPECT_EQ(report["status"], "clean") << report.dump(2);
  EXPECT_EQ(test::psql_value(db.target, settings_sql), source_settings);
  const std::string post_restore = report["migrate"]["post_restore"].dump();
  EXPECT_NE(post_restore.find("ALTER DATABASE"), std::string::npos) << post_restore;
  EXPECT_NE(post_restore.find("SET \\\"statement_timeout\\\" TO '5min'"), std::string::npos)
      << post_restore;
  std::set<std::pair<std::string, std::string>> named;
  for (const auto &finding : report["findings"]) {
    if (finding["object"] == "pgparity_mig_source_only") {
      named.emplace(finding["id"], finding["severity"]);
    }
  }
  EXPECT_EQ(named,
            (std::set<std::pair<std::string, std::string>>{
                {"role_setting.not_applied", "warning"}, {"role_setting.role_missing", "warning"}}))
      << report["findings"].dump(2);

  // Without the settings the copy is not faithful: the audit says so.
  test::psql(db.target, "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET ALL',"
                        " current_database()); END $$;");
  result = test::run_pgparity({"audit", "--source", db.source, "--target", db.target});
  EXPECT_EQ(result.exit_code, 1) << output(result);
  EXPECT_NE(result.out.find("database_setting.missing"), std::string::npos) << output(result);
}

// pg_dump without --create carries neither the database's CONNECTION LIMIT nor its comment:
// post-restore sets both on the target, so the copy audits clean; a target whose limit is then
// changed is named (a warning) with the statement that fixes it.
TEST(Migrate, DatabasePropertiesAreCarriedToTheTarget) {
  const auto db = Databases{test::scratch_database("source", "mig_db_properties"),
                            test::scratch_database("target", "mig_db_properties")};
  test::psql(db.source, "CREATE TABLE public.t (id int PRIMARY KEY);"
                        "INSERT INTO public.t SELECT generate_series(1, 10);"
                        "DO $$ BEGIN"
                        "  EXECUTE format('ALTER DATABASE %I CONNECTION LIMIT 30',"
                        "                 current_database());"
                        "  EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(),"
                        "                 'the shop''s orders');"
                        "END $$;");
  const std::string properties_sql =
      "SELECT d.datconnlimit || ' ' || shobj_description(d.oid, 'pg_database')"
      "  FROM pg_database d WHERE d.datname = current_database()";
  ASSERT_EQ(test::psql_value(db.source, properties_sql), "30 the shop's orders");

  const fs::path dir = test::fresh_temp_path("pgparity_mig_db_properties");
  auto result = test::run_pgparity(
      {"migrate", "--source", db.source, "--target", db.target, "--work-dir", dir.string()});
  ASSERT_EQ(result.exit_code, 0) << output(result);
  const auto report = read_json(dir / "report.json");
  ASSERT_TRUE(report.is_object()) << output(result);
  EXPECT_EQ(report["status"], "clean") << report.dump(2);
  EXPECT_EQ(test::psql_value(db.target, properties_sql), "30 the shop's orders");
  const std::string post_restore = report["migrate"]["post_restore"].dump();
  EXPECT_NE(post_restore.find("CONNECTION LIMIT 30"), std::string::npos) << post_restore;
  EXPECT_NE(post_restore.find("COMMENT ON DATABASE"), std::string::npos) << post_restore;
  for (const auto &finding : report["findings"]) {
    EXPECT_NE(finding["check"], "database") << finding.dump(2);
  }

  test::psql(db.target, "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I CONNECTION LIMIT -1',"
                        " current_database()); END $$;");
  result = test::run_pgparity({"audit", "--source", db.source, "--target", db.target});
  EXPECT_EQ(result.exit_code, 0) << output(result);
  EXPECT_NE(result.out.find("database.connection_limit_changed"), std::string::npos)
      << output(result);
  EXPECT_NE(result.out.find("CONNECTION LIMIT 30;"), std::string::npos) << output(result);
}

// Heroku keeps extensions in a schema named heroku_ext, which a plain server lacks: the dump's
// CREATE EXTENSION … WITH SCHEMA heroku_ext would fail. The preflight plans the schema and the
// restore creates it first, so the extension lands where qualified references expect it.
TEST(Migrate, HerokuExtSchemaIsCreatedBeforeTheRestore) {
  const auto db = Databases{test::scratch_database("source", "mig_heroku_ext"),
                            test::scratch_database("target", "mig_heroku_ext")};
  test::psql(db.source, "CREATE SCHEMA heroku_ext;"
                        "CREATE EXTENSION citext WITH SCHEMA heroku_ext;"
                        "CREATE TABLE public.users (id int PRIMARY KEY, email heroku_ext.citext);"
                        "INSERT INTO public.users VALUES (1, 'A@example.com'), (2, 'b@x.org');");
  const fs::path dir = test::fresh_temp_path("pgparity_mig_heroku_ext");
  auto result = test::run_pgparity(
      {"migrate", "--source", db.source, "--target", db.target, "--work-dir", dir.string()});
  ASSERT_EQ(result.exit_code, 0) << output(result);
  EXPECT_NE(result.err.find("plan: create schema heroku_ext on the target before the restore"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(test::psql_value(db.target, "SELECT n.nspname FROM pg_extension e JOIN pg_namespace "
                                        "n ON n.oid = e.extnamespace WHERE extname = 'citext'"),
            "heroku_ext");
  EXPECT_EQ(test::psql_value(db.target, "SELECT count(*) FROM public.users WHERE email "
                                        "OPERATOR(heroku_ext.=) 'a@EXAMPLE.com'"),
            "1"); // citext's own case-blind equality, from heroku_ext
  const auto report = read_json(dir / "report.json");
  EXPECT_EQ(report["migrate"]["plan"].size(), 1u);
  bool classified = false; // the dump's own CREATE SCHEMA heroku_ext then finds it there
  for (const auto &finding : report["findings"]) {
    classified |=
        finding["id"] == "restore.ignored_error" && finding["object"] == "schema heroku_ext";
  }
  EXPECT_TRUE(classified) << report["findings"].dump(2);
}

TEST(Migrate, HooksRunInOrderAroundTheCutover) {
  const auto db = shop("mig_hooks");
  const fs::path dir = test::fresh_temp_path("pgparity_mig_hooks");
  const fs::path file = test::fresh_temp_path("pgparity_mig_hooks.txt");
  auto result =
      test::run_pgparity(concat({"migrate", "--source", db.source, "--target", db.target,
                                 "--work-dir", dir.string(), "--fix-sequences", "--quiet"},
                                hooks(file)));
  ASSERT_EQ(result.exit_code, 0) << output(result);
  EXPECT_EQ(test::read_file(file), "on\ncutover\noff\n");
  const auto report = read_json(dir / "report.json");
  EXPECT_EQ(phase_names(report), (std::vector<std::string>{"preflight", "maintenance_on", "dump",
                                                           "restore", "post_restore", "verify",
                                                           "gate", "cutover", "maintenance_off"}))
      << report["migrate"].dump(2);
  EXPECT_EQ(report["migrate"]["cutover"].get<std::string>().rfind("ran: ", 0), 0u)
      << report["migrate"].dump(2);

  // Resuming a finished run verifies again but never switches over a second time.
  result = test::run_pgparity(concat({"migrate", "--source", db.source, "--target", db.target,
                                      "--work-dir", dir.string(), "--resume", "--quiet"},
                                     hooks(file)));
  ASSERT_EQ(result.exit_code, 0) << output(result);
  EXPECT_EQ(test::read_file(file), "on\ncutover\noff\non\noff\n");
  const auto resumed = read_json(dir / "report.json");
  EXPECT_EQ(phase_entry(resumed, "cutover")["status"], "done in an earlier run");
  EXPECT_EQ(phase_entry(resumed, "verify")["status"], "completed");
}

TEST(Migrate, OffHookRunsAfterAFailedDumpAndTheCutoverDoesNot) {
  // The source's role may not read the table: pg_dump fails after maintenance-on ran.
  const auto db = shop("mig_hooks_fail");
  test::psql(db.source, "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC");
  const std::string reader_source =
      "postgresql://pgparity_reader@127.0.0.1:" + test::cluster_port("source") + "/mig_hooks_fail";
  const fs::path dir = test::fresh_temp_path("pgparity_mig_hooks_fail");
  const fs::path file = test::fresh_temp_path("pgparity_mig_hooks_fail.txt");
  auto result = test::run_pgparity(concat({"migrate", "--source", reader_source, "--target",
                                           db.target, "--work-dir", dir.string(), "--quiet"},
                                          hooks(file)));
  ASSERT_EQ(result.exit_code, 3) << output(result);
  EXPECT_EQ(test::read_file(file), "on\noff\n");
  const auto report = read_json(dir / "report.json");
  EXPECT_EQ(report["status"], "incomplete") << report.dump(2);
  EXPECT_NE(report["incomplete_reasons"].dump().find("pg_dump failed"), std::string::npos)
      << report.dump(2);
  EXPECT_EQ(phase_names(report),
            (std::vector<std::string>{"preflight", "maintenance_on", "maintenance_off"}));
  EXPECT_EQ(phase_entry(report, "maintenance_off")["status"], "completed");
  EXPECT_EQ(report["migrate"].value("cutover", "").rfind("ran", 0), std::string::npos);
  EXPECT_EQ(table_count(db.target), "0");
}

TEST(Migrate, FailingOnHookStopsEverything) {
  const auto db = shop("mig_hooks_on");
  const fs::path dir = test::fresh_temp_path("pgparity_mig_hooks_on");
  const fs::path file = test::fresh_temp_path("pgparity_mig_hooks_on.txt");
  const std::string append = " >> '" + file.string() + "'";
  auto result = test::run_pgparity(
      {"migrate", "--source", db.source, "--target", db.target, "--work-dir", dir.string(),
       "--quiet", "--maintenance-on", "echo on" + append + "; exit 1", "--cutover",
       "echo cutover" + append, "--maintenance-off", "echo off" + append});
  ASSERT_EQ(result.exit_code, 3) << output(result);
  EXPECT_EQ(test::read_file(file), "on\n"); // neither cutover nor off
  EXPECT_FALSE(fs::exists(dir / "dump"));
  EXPECT_EQ(table_count(db.target), "0");
  const auto report = read_json(dir / "report.json");
  EXPECT_EQ(report["status"], "incomplete") << report.dump(2);
  EXPECT_NE(report["incomplete_reasons"].dump().find("maintenance-on"), std::string::npos)
      << report.dump(2);
  EXPECT_EQ(phase_names(report), (std::vector<std::string>{"preflight"}));
}

TEST(Migrate, RestoreErrorClosesTheGateAndSkipsTheCutover) {
  // The target already has the schema app: pg_restore's CREATE SCHEMA app fails, which is not
  // one of the harmless errors, while the table itself arrives and matches. The audit is
  // complete, so the run is failed (exit 1), not incomplete.
  const auto [source, target] = conflicting_schema("mig_restore_error");
  const fs::path dir = test::fresh_temp_path("pgparity_mig_restore_error");
  const fs::path file = test::fresh_temp_path("pgparity_mig_restore_error.txt");
  auto result = test::run_pgparity(concat(
      {"migrate", "--source", source, "--target", target, "--work-dir", dir.string(), "--quiet"},
      hooks(file)));
  ASSERT_EQ(result.exit_code, 1) << output(result);
  EXPECT_EQ(test::read_file(file), "on\noff\n");
  const auto report = read_json(dir / "report.json");
  EXPECT_EQ(report["status"], "failed") << report.dump(2);
  bool restore_error = false;
  for (const auto &finding : report["findings"]) {
    restore_error |= finding["id"] == "restore.error" && finding["severity"] == "error" &&
                     finding["object"] == "schema app";
  }
  EXPECT_TRUE(restore_error) << report["findings"].dump(2);
  ASSERT_EQ(report["tables"].size(), 1u) << report["tables"].dump(2);
  EXPECT_EQ(report["tables"][0]["status"], "match");
  EXPECT_EQ(test::psql_value(target, "SELECT count(*) FROM app.items"), "20");
  EXPECT_EQ(phase_entry(report, "gate")["status"], "closed");
  EXPECT_TRUE(phase_entry(report, "cutover").is_null());
  EXPECT_EQ(report["migrate"]["cutover"].get<std::string>().rfind("not run", 0), 0u)
      << report["migrate"].dump(2);
  result = test::run_pgparity({"gate", (dir / "report.json").string()});
  EXPECT_EQ(result.exit_code, 1) << output(result);
}

TEST(Migrate, ExtensionTheTargetRoleMayNotCreateStopsThePreflight) {
  // pageinspect is untrusted: the non-superuser target role cannot create it.
  const auto source = test::scratch_database("source", "mig_extension");
  const auto target = test::scratch_database("target", "mig_extension");
  ASSERT_EQ(test::psql_value(target,
                             "SELECT trusted FROM pg_catalog.pg_available_extension_versions"
                             " WHERE name = 'pageinspect' LIMIT 1"),
            "f");
  test::psql(source, "CREATE EXTENSION pageinspect;"
                     "CREATE TABLE public.t (id int PRIMARY KEY);"
                     "INSERT INTO public.t VALUES (1), (2);");
  const std::string role_target =
      "postgresql://pgparity_pw:pgparity-secret@127.0.0.1:" + test::cluster_port("target") +
      "/mig_extension";
  const fs::path dir = test::fresh_temp_path("pgparity_mig_extension");
  const fs::path file = test::fresh_temp_path("pgparity_mig_extension.txt");
  auto result = test::run_pgparity(concat({"migrate", "--source", source, "--target", role_target,
                                           "--work-dir", dir.string(), "--quiet"},
                                          hooks(file)));
  ASSERT_EQ(result.exit_code, 2) << output(result);
  EXPECT_NE(result.err.find("FAIL  extension pageinspect"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("may not create"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("pgparity-secret"), std::string::npos) << result.err;
  // Nothing changed: no hook, no dump, nothing on the target.
  EXPECT_FALSE(fs::exists(file));
  EXPECT_FALSE(fs::exists(dir / "dump"));
  EXPECT_EQ(table_count(target), "0");
  EXPECT_EQ(test::psql_value(target, "SELECT count(*) FROM pg_catalog.pg_extension "
                                     "WHERE extname = 'pageinspect'"),
            "0");
}

TEST(Migrate, ResumeAfterACrashDuringTheRestore) {
  // Each row of `paced` sleeps in its CHECK for as long as the database setting
  // mig_test.row_delay says. Only the target database sets it, so the dump is quick and the
  // first restore takes ~10 s: a wide window to kill pgparity in the middle of loading data.
  const auto source = test::scratch_database("source", "mig_resume");
  const auto target = test::scratch_database("target", "mig_resume");
  test::psql(source, std::string{k_shop_sql} +
                         "CREATE FUNCTION public.restore_pace(id int) RETURNS boolean "
                         "LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN "
                         "  PERFORM pg_catalog.pg_sleep(coalesce(nullif(pg_catalog.current_setting("
                         "    'mig_test.row_delay', true), ''), '0')::float8); "
                         "  RETURN true; END $$;"
                         "CREATE TABLE public.paced (id int PRIMARY KEY "
                         "  CHECK (public.restore_pace(id)), note text);"
                         "INSERT INTO public.paced SELECT g, 'row ' || g "
                         "  FROM generate_series(1, 20) g;");
  const std::string target_admin = test::cluster_url("target");
  test::psql(target_admin, "ALTER DATABASE mig_resume SET mig_test.row_delay = '0.5'");
  const fs::path dir = test::fresh_temp_path("pgparity_mig_resume");
  const std::vector<std::string> args{"migrate", "--source",   source,       "--target",
                                      target,    "--work-dir", dir.string(), "--quiet"};
  {
    auto run = start_pgparity(args);
    const bool loading = run->wait_while_running(
        [&] {
          return journal_in_progress(dir) == "restore" &&
                 test::psql_value(
                     target_admin,
                     "SELECT count(*) FROM pg_catalog.pg_stat_activity "
                     "WHERE datname = 'mig_resume' AND query LIKE 'COPY public.paced %'") == "1";
        },
        60s);
    ASSERT_TRUE(loading) << output(run->wait(1s));
    // A crash: pgparity gets no chance to clean up. pg_restore runs in a process group of its
    // own and would go on loading; kill it as the crash of the machine would.
    const auto children = children_of(run->pid());
    EXPECT_FALSE(children.empty()) << "pg_restore is not running";
    run->signal(SIGKILL);
    for (const pid_t child : children) {
      ::killpg(child, SIGKILL);
    }
    EXPECT_EQ(run->wait(60s).exit_code, 128 + SIGKILL);
  }
  // The server ends the dead client's sessions once it notices; do it now.
  test::psql(target_admin, "SELECT pg_catalog.pg_terminate_backend(pid) "
                           "FROM pg_catalog.pg_stat_activity WHERE datname = 'mig_resume'");
  test::psql(target_admin, "ALTER DATABASE mig_resume RESET mig_test.row_delay");
  EXPECT_EQ(journal_in_progress(dir), "restore");
  EXPECT_EQ(test::psql_value(target, "SELECT to_regclass('public.paced') IS NOT NULL"), "t");
  EXPECT_EQ(test::psql_value(target, "SELECT count(*) FROM public.paced"), "0");
  // The crash leaves this run's placeholder report, incomplete: never an earlier verdict.
  EXPECT_EQ(read_json(dir / "report.json")["status"], "incomplete");

  auto result = test::run_pgparity(concat(args, {"--resume"}));
  ASSERT_EQ(result.exit_code, 2) << output(result);
  EXPECT_NE(result.err.find("partial restore"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("--clean"), std::string::npos) << result.err;
  EXPECT_EQ(journal_in_progress(dir), "restore");

  result = test::run_pgparity(concat(args, {"--resume", "--clean", "--fix-sequences"}));
  ASSERT_EQ(result.exit_code, 0) << output(result);
  const auto report = read_json(dir / "report.json");
  EXPECT_EQ(report["status"], "clean") << report.dump(2);
  EXPECT_EQ(report["migrate"]["resumed"], true);
  EXPECT_EQ(phase_entry(report, "dump")["status"], "done in an earlier run")
      << report["migrate"].dump(2);
  EXPECT_EQ(phase_entry(report, "restore")["status"], "completed");
  EXPECT_EQ(phase_entry(report, "gate")["status"], "open");
  EXPECT_EQ(test::psql_value(target, "SELECT count(*) FROM public.paced"), "20");
  EXPECT_EQ(test::psql_value(target, "SELECT count(*) FROM public.orders"), "501");
  EXPECT_EQ(journal_in_progress(dir), "");
}

TEST(Migrate, RehearsalPrintsPhaseTimingsAndRunsNoHook) {
  const auto db = shop("mig_rehearsal");
  const fs::path dir = test::fresh_temp_path("pgparity_mig_rehearsal");
  const fs::path file = test::fresh_temp_path("pgparity_mig_rehearsal.txt");
  auto result = test::run_pgparity(
      concat({"migrate", "--source", db.source, "--target", db.target, "--work-dir", dir.string(),
              "--rehearsal", "--fix-sequences", "--quiet"},
             hooks(file)));
  ASSERT_EQ(result.exit_code, 0) << output(result);
  EXPECT_NE(result.out.find("rehearsal phase timings:"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("projected downtime"), std::string::npos) << result.out;
  EXPECT_FALSE(fs::exists(file)) << test::read_file(file);
  const auto report = read_json(dir / "report.json");
  EXPECT_EQ(report["migrate"]["rehearsal"], true);
  EXPECT_EQ(report["migrate"]["cutover"], "not run: rehearsal");
  double downtime = 0;
  for (const char *phase : {"dump", "restore", "post_restore", "verify"}) {
    const auto entry = phase_entry(report, phase);
    ASSERT_TRUE(entry.is_object()) << phase << report["migrate"].dump(2);
    EXPECT_EQ(entry["status"], "completed") << phase;
    EXPECT_GE(entry["seconds"].get<double>(), 0.0) << phase;
    downtime += entry["seconds"].get<double>();
  }
  EXPECT_NEAR(report["migrate"]["projected_downtime_seconds"].get<double>(), downtime, 1e-6);
  for (const char *phase : {"maintenance_on", "cutover", "maintenance_off"}) {
    EXPECT_TRUE(phase_entry(report, phase).is_null()) << phase;
  }
}

TEST(Migrate, SigintDuringVerificationRunsTheOffHookAndIsIncomplete) {
  // 200,000 rows compared 100 at a time by one session a side: 2,000 chunks, a few seconds.
  const auto source = test::scratch_database("source", "mig_interrupt");
  const auto target = test::scratch_database("target", "mig_interrupt");
  test::psql(source, "CREATE TABLE public.big (id int PRIMARY KEY, v int);"
                     "INSERT INTO public.big SELECT g, g FROM generate_series(1, 200000) g;");
  const fs::path dir = test::fresh_temp_path("pgparity_mig_interrupt");
  const fs::path file = test::fresh_temp_path("pgparity_mig_interrupt.txt");
  auto run = start_pgparity(concat({"migrate", "--source", source, "--target", target, "--work-dir",
                                    dir.string(), "--jobs", "1", "--chunk-size", "100", "--quiet"},
                                   hooks(file)));
  const bool verifying =
      run->wait_while_running([&] { return journal_in_progress(dir) == "verify"; }, 60s);
  ASSERT_TRUE(verifying) << output(run->wait(1s));
  run->signal(SIGINT);
  const auto result = run->wait(60s);
  ASSERT_EQ(result.exit_code, 3) << output(result);
  EXPECT_EQ(test::read_file(file), "on\noff\n");
  const auto report = read_json(dir / "report.json");
  EXPECT_EQ(report["status"], "incomplete") << report.dump(2);
  bool interrupted = false;
  for (const auto &reason : report["incomplete_reasons"]) {
    const auto text = reason.get<std::string>();
    interrupted |=
        text.find("interrupted") != std::string::npos && text.find("verify") != std::string::npos;
  }
  EXPECT_TRUE(interrupted) << report["incomplete_reasons"].dump(2);
  EXPECT_EQ(phase_entry(report, "maintenance_off")["status"], "completed");
  EXPECT_TRUE(phase_entry(report, "cutover").is_null());
  EXPECT_EQ(journal_in_progress(dir), "verify");
}

TEST(Migrate, ResumeKeepsTheRestoreErrorsOfTheFirstRun) {
  // As in RestoreErrorClosesTheGateAndSkipsTheCutover, CREATE SCHEMA app fails on the target.
  // The first run is stopped right after its restore completed: the wrapped pg_restore closes
  // the source database to new connections, so post-restore (which reads the source's database
  // and role settings) cannot connect.
  const auto [source, target] = conflicting_schema("mig_resume_error");
  const std::string source_admin = test::cluster_url("source");
  const std::string close_source = "'" + test::pg_program("psql") + "' '" + source_admin +
                                   "' -qc 'ALTER DATABASE mig_resume_error ALLOW_CONNECTIONS "
                                   "false' >/dev/null";
  const fs::path bin = pg_bin_wrapper("pgparity_mig_resume_error_bin", "", close_source);
  const fs::path dir = test::fresh_temp_path("pgparity_mig_resume_error");
  const fs::path file = test::fresh_temp_path("pgparity_mig_resume_error.txt");
  const auto args = concat({"migrate", "--source", source, "--target", target, "--work-dir",
                            dir.string(), "--pg-bin", bin.string(), "--quiet"},
                           hooks(file));
  auto result = test::run_pgparity(args);
  test::psql(source_admin, "ALTER DATABASE mig_resume_error ALLOW_CONNECTIONS true");
  ASSERT_EQ(result.exit_code, 3) << output(result);
  EXPECT_EQ(journal_in_progress(dir), "post_restore");
  auto report = read_json(dir / "report.json");
  EXPECT_EQ(count_findings(report, "restore.error", "schema app"), 1u) << report.dump(2);

  // The resumed run does not restore again, yet the restore's error still closes the gate.
  for (int resume = 1; resume <= 2; ++resume) { // after an interrupted run, then a finished one
    result = test::run_pgparity(concat(args, {"--resume"}));
    ASSERT_EQ(result.exit_code, 1) << "resume " << resume << "\n" << output(result);
    report = read_json(dir / "report.json");
    EXPECT_EQ(report["status"], "failed") << report.dump(2);
    EXPECT_EQ(phase_entry(report, "restore")["status"], "done in an earlier run");
    EXPECT_EQ(count_findings(report, "restore.error", "schema app"), 1u)
        << "resume " << resume << "\n"
        << report["findings"].dump(2);
    EXPECT_EQ(phase_entry(report, "gate")["status"], "closed");
    EXPECT_TRUE(phase_entry(report, "cutover").is_null());
    EXPECT_EQ(report["migrate"]["post_restore"], nlohmann::json::array({"ANALYZE"}))
        << report["migrate"].dump(2);
    EXPECT_EQ(test::run_pgparity({"gate", (dir / "report.json").string()}).exit_code, 1);
  }
  EXPECT_EQ(test::read_file(file), "on\noff\non\noff\non\noff\n"); // never the cutover
}

TEST(Migrate, ClientProgramKilledByASignalFailsItsPhase) {
  // Each program runs to its end, then dies as the OOM killer or `kill -9` would make it; or
  // a wrapper reports its program's death by a signal as the shell does (exit 128 + 9). The data
  // is all there and would compare equal: only the way the program ended says it did not finish.
  struct Case {
    const char *name;
    const char *dump_tail;
    const char *restore_tail;
    const char *phase;
    const char *reason;
  };
  for (const Case &c : {Case{"restore_kill", "", "kill -9 $$", "restore", "SIGKILL"},
                        Case{"restore_137", "", "exit 137", "restore", "code 137"},
                        Case{"dump_kill", "kill -9 $$", "", "dump", "SIGKILL"}}) {
    SCOPED_TRACE(c.name);
    const std::string name = std::string{"mig_killed_"} + c.name;
    const auto db = shop(name);
    const fs::path bin = pg_bin_wrapper("pgparity_" + name + "_bin", c.dump_tail, c.restore_tail);
    const fs::path dir = test::fresh_temp_path("pgparity_" + name);
    const fs::path file = test::fresh_temp_path("pgparity_" + name + ".txt");
    const auto result = test::run_pgparity(
        concat({"migrate", "--source", db.source, "--target", db.target, "--work-dir", dir.string(),
                "--pg-bin", bin.string(), "--fix-sequences", "--quiet"},
               hooks(file)));
    EXPECT_EQ(result.exit_code, 3) << output(result);
    EXPECT_EQ(test::read_file(file), "on\noff\n");
    const auto report = read_json(dir / "report.json");
    EXPECT_EQ(report["status"], "incomplete") << report.dump(2);
    EXPECT_TRUE(has_reason(report, std::string{"pg_"} + c.phase) && has_reason(report, c.reason))
        << report["incomplete_reasons"].dump(2);
    EXPECT_TRUE(phase_entry(report, c.phase).is_null()) << report["migrate"].dump(2);
    EXPECT_TRUE(phase_entry(report, "verify").is_null()) << report["migrate"].dump(2);
    EXPECT_EQ(phase_entry(report, "maintenance_off")["status"], "completed");
    EXPECT_EQ(journal_in_progress(dir), c.phase);
  }
}

TEST(Migrate, OffHookRunsAfterAConfigurationErrorMidRun) {
  // Once maintenance is on, a configuration error is no longer "nothing changed": pg_restore's
  // log cannot be opened (a directory stands in its place), the run ends incomplete, exit 3,
  // and the off-hook runs.
  const auto db = shop("mig_mid_config");
  const fs::path dir = test::fresh_temp_path("pgparity_mig_mid_config");
  const fs::path file = test::fresh_temp_path("pgparity_mig_mid_config.txt");
  const std::string append = " >> '" + file.string() + "'";
  const auto result = test::run_pgparity(
      {"migrate", "--source", db.source, "--target", db.target, "--work-dir", dir.string(),
       "--quiet", "--maintenance-on",
       "echo on" + append + "; mkdir -p '" + (dir / "logs" / "pg_restore.log").string() + "'",
       "--cutover", "echo cutover" + append, "--maintenance-off", "echo off" + append});
  ASSERT_EQ(result.exit_code, 3) << output(result);
  EXPECT_EQ(test::read_file(file), "on\noff\n");
  const auto report = read_json(dir / "report.json");
  EXPECT_EQ(report["status"], "incomplete") << report.dump(2);
  EXPECT_TRUE(has_reason(report, "cannot open log file")) << report["incomplete_reasons"].dump(2);
  EXPECT_EQ(phase_entry(report, "maintenance_off")["status"], "completed");
  EXPECT_TRUE(phase_entry(report, "verify").is_null());
}

TEST(Migrate, OffHookRunsAfterAJournalWriteFailure) {
  // The on-hook puts a directory where the journal is: recording its own completion fails.
  const auto db = shop("mig_journal_fail");
  const fs::path dir = test::fresh_temp_path("pgparity_mig_journal_fail");
  const fs::path file = test::fresh_temp_path("pgparity_mig_journal_fail.txt");
  const std::string append = " >> '" + file.string() + "'";
  const std::string journal = "'" + (dir / "journal.json").string() + "'";
  const auto result = test::run_pgparity(
      {"migrate", "--source", db.source, "--target", db.target, "--work-dir", dir.string(),
       "--quiet", "--maintenance-on",
       "echo on" + append + "; rm " + journal + " && mkdir " + journal, "--cutover",
       "echo cutover" + append, "--maintenance-off", "echo off" + append});
  ASSERT_EQ(result.exit_code, 3) << output(result);
  EXPECT_EQ(test::read_file(file), "on\noff\n");
  const auto report = read_json(dir / "report.json");
  EXPECT_EQ(report["status"], "incomplete") << report.dump(2);
  EXPECT_TRUE(has_reason(report, "cannot write journal")) << report["incomplete_reasons"].dump(2);
  EXPECT_EQ(phase_entry(report, "maintenance_off")["status"], "completed");
  EXPECT_FALSE(fs::exists(dir / "dump")); // nothing runs without a journal
  EXPECT_EQ(table_count(db.target), "0");
}

TEST(Migrate, FailureAfterTheCutoverSaysTheCutoverRan) {
  // The cutover succeeds, then something fails: recording it in the journal, or writing the
  // report. Neither may end as exit 2, "configuration error, nothing changed".
  struct Case {
    const char *name;
    const char *blocked; // what the cutover hook replaces by a directory
  };
  for (const Case &c : {Case{"journal", "journal.json"}, Case{"report", "report.json"}}) {
    SCOPED_TRACE(c.name);
    const std::string name = std::string{"mig_after_cutover_"} + c.name;
    const auto db = shop(name);
    const fs::path dir = test::fresh_temp_path("pgparity_" + name);
    const fs::path file = test::fresh_temp_path("pgparity_" + name + ".txt");
    const fs::path markdown = test::fresh_temp_path("pgparity_" + name + ".md");
    const std::string append = " >> '" + file.string() + "'";
    const std::string blocked = "'" + (dir / c.blocked).string() + "'";
    const auto result =
        test::run_pgparity({"migrate", "--source", db.source, "--target", db.target, "--work-dir",
                            dir.string(), "--fix-sequences", "--report-md", markdown.string(),
                            "--maintenance-on", "echo on" + append, "--cutover",
                            "echo cutover" + append + "; rm -f " + blocked + " && mkdir " + blocked,
                            "--maintenance-off", "echo off" + append});
    EXPECT_EQ(result.exit_code, 3) << output(result);
    EXPECT_EQ(test::read_file(file), "on\ncutover\noff\n");
    EXPECT_NE(result.out.find("cutover: ran"), std::string::npos) << output(result);
    if (std::string{c.name} == "journal") {
      const auto report = read_json(dir / "report.json");
      if (!report.is_object()) {
        ADD_FAILURE() << "no report\n" << output(result);
        continue;
      }
      EXPECT_EQ(report["status"], "incomplete") << report.dump(2);
      EXPECT_EQ(report["migrate"].value("cutover", "").rfind("ran: ", 0), 0u)
          << report["migrate"].dump(2);
      EXPECT_EQ(report["migrate"].value("cutover_ran", false), true);
      EXPECT_TRUE(has_reason(report, "after the cutover ran"))
          << report["incomplete_reasons"].dump(2);
      EXPECT_EQ(phase_entry(report, "maintenance_off")["status"], "completed");
      EXPECT_NE(test::read_file(markdown).find("after the cutover ran"), std::string::npos);
    } else {
      EXPECT_NE(result.err.find("the cutover ran"), std::string::npos) << output(result);
    }
  }
}

} // namespace

// A table pattern that selects nothing would make the verify phase compare nothing: it is found
// by the preflight, before the dump and the restore change anything.
TEST(Migrate, PatternSelectingNothingStopsAtThePreflight) {
  const auto db = shop("mig_pattern");
  const fs::path dir = test::fresh_temp_path("pgparity_mig_pattern");
  const auto result =
      test::run_pgparity({"migrate", "--source", db.source, "--target", db.target, "--work-dir",
                          dir.string(), "--include", "shop.no_such_*", "--quiet"});
  EXPECT_EQ(result.exit_code, 2) << output(result);
  EXPECT_NE(result.err.find("FAIL  --include/--exclude patterns select tables of the source"),
            std::string::npos)
      << output(result);
  EXPECT_EQ(table_count(db.target), "0");
}

// pg_dump cannot dump a server of a newer major version than its own. A PostgreSQL 17 source
// (the target cluster of the cross-version pair 13→17) into an 18 target (that of 15→18), with
// Debian's version 15 pg_dump found by default: the preflight refuses it on one line naming both
// versions and how to give a matching client, and stops before anything changed.
TEST(Migrate, PgDumpOlderThanTheSourceStopsThePreflight) {
  const std::string source =
      test::scratch_database_at(test::version_pair_url(13, 17, "target"), "mig_old_pg_dump");
  const std::string target =
      test::scratch_database_at(test::version_pair_url(15, 18, "target"), "mig_old_pg_dump");
  ASSERT_EQ(test::psql_value(source, "SELECT current_setting('server_version_num')::int / 10000"),
            "17");
  test::psql(source, "CREATE TABLE public.t (id int PRIMARY KEY);"
                     "INSERT INTO public.t VALUES (1), (2);");
  const std::string source_version = test::psql_value(source, "SHOW server_version");
  const fs::path dir = test::fresh_temp_path("pgparity_mig_old_pg_dump");
  const fs::path file = test::fresh_temp_path("pgparity_mig_old_pg_dump.txt");
  const auto result = test::run_pgparity(concat(
      {"migrate", "--source", source, "--target", target, "--work-dir", dir.string(), "--quiet"},
      hooks(file)));
  ASSERT_EQ(result.exit_code, 2) << output(result);
  std::string line; // the preflight's line about pg_dump
  std::istringstream lines{result.err};
  for (std::string candidate; std::getline(lines, candidate);) {
    if (candidate.find("FAIL  pg_dump and pg_restore") != std::string::npos) {
      line = candidate;
    }
  }
  ASSERT_FALSE(line.empty()) << output(result);
  EXPECT_NE(line.find("pg_dump 15."), std::string::npos) << line;
  EXPECT_NE(line.find("(PostgreSQL " + source_version + ")"), std::string::npos) << line;
  EXPECT_NE(line.find("PostgreSQL 17 client programs"), std::string::npos) << line;
  EXPECT_NE(line.find("--pg-bin"), std::string::npos) << line;
  // Nothing changed: no hook, no dump, nothing on the target.
  EXPECT_FALSE(fs::exists(file));
  EXPECT_FALSE(fs::exists(dir / "dump"));
  EXPECT_EQ(table_count(target), "0");
}

// A run killed inside its cutover command may have switched the application over in part: a
// resumed run never runs the command again, and says the switch must be finished by hand.
TEST(Migrate, ResumeAfterACrashInsideTheCutoverDoesNotRunItAgain) {
  const auto db = shop("mig_cutover_crash");
  const fs::path dir = test::fresh_temp_path("pgparity_mig_cutover_crash");
  const fs::path file = test::fresh_temp_path("pgparity_mig_cutover_crash.txt");
  const std::string append = " >> '" + file.string() + "'";
  // The cutover hook's shell is a child of pgparity: it kills pgparity half way through.
  const std::vector<std::string> crashing{"--cutover", "echo cutover" + append + "; kill -9 $PPID"};
  auto result =
      test::run_pgparity(concat({"migrate", "--source", db.source, "--target", db.target,
                                 "--work-dir", dir.string(), "--fix-sequences", "--quiet"},
                                crashing));
  ASSERT_EQ(result.exit_code, 128 + 9) << output(result); // killed by SIGKILL
  ASSERT_EQ(test::read_file(file), "cutover\n");

  result = test::run_pgparity(
      concat({"migrate", "--source", db.source, "--target", db.target, "--work-dir", dir.string(),
              "--resume", "--fix-sequences", "--quiet"},
             crashing));
  EXPECT_EQ(result.exit_code, 3) << output(result);
  EXPECT_EQ(test::read_file(file), "cutover\n") << "the cutover ran again";
  const auto report = read_json(dir / "report.json");
  EXPECT_EQ(report["status"], "incomplete") << report.dump(2);
  EXPECT_NE(report["incomplete_reasons"].dump().find("finish the switch by hand"),
            std::string::npos)
      << report.dump(2);
}
