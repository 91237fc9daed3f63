#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char **environ;

namespace pgparity::test {

namespace {

std::string required_env(const char *name) {
  const char *value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(std::string{name} +
                             " is not set: start the test clusters with scripts/test, or "
                             "eval \"$(scripts/pg-clusters start)\" before running ctest");
  }
  return value;
}

ProcessResult run_psql(const std::string &url, std::vector<std::string> args) {
  std::vector<std::string> argv{pg_program("psql"), "-X",       "-q", "-v",
                                "ON_ERROR_STOP=1",  "--dbname", url};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessResult result = run_process(argv);
  if (result.exit_code != 0) {
    throw std::runtime_error("psql failed (" + std::to_string(result.exit_code) +
                             "): " + result.err);
  }
  return result;
}

// `text` as a SQL string literal.
std::string quote_literal(const std::string &text) {
  std::string quoted = "'";
  for (const char c : text) {
    quoted += c == '\'' ? std::string{"''"} : std::string{c};
  }
  return quoted + "'";
}

void run_or_throw(const std::vector<std::string> &argv) {
  const ProcessResult result = run_process(argv);
  if (result.exit_code != 0) {
    throw std::runtime_error(argv[0] + " failed (" + std::to_string(result.exit_code) +
                             "): " + result.err);
  }
}

} // namespace

ProcessResult run_process(const std::vector<std::string> &argv) {
  try {
    BackgroundProcess process{argv};
    return process.wait(std::chrono::hours{1}); // ctest's own timeout comes first
  } catch (const std::runtime_error &e) {
    return ProcessResult{.err = e.what()};
  }
}

std::string pgparity_binary() { return PGPARITY_BINARY; }

ProcessResult run_pgparity(const std::vector<std::string> &args) {
  std::vector<std::string> argv{PGPARITY_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

std::string cluster_url(const std::string &side) {
  return required_env(side == "source" ? "PGPARITY_TEST_SOURCE" : "PGPARITY_TEST_TARGET");
}

std::string cluster_port(const std::string &side) {
  return required_env(side == "source" ? "PGPARITY_TEST_SOURCE_PORT" : "PGPARITY_TEST_TARGET_PORT");
}

std::string pg_program(const std::string &program) {
  const char *bindir = std::getenv("PGPARITY_TEST_PG_BINDIR");
  if (bindir != nullptr && *bindir != '\0') {
    std::string candidate = std::string{bindir} + "/" + program;
    if (access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return program;
}

std::string with_database(const std::string &url, const std::string &database) {
  return url.substr(0, url.rfind('/') + 1) + database;
}

std::string with_user(const std::string &url, const std::string &user) {
  std::string copy = url;
  return copy.replace(copy.find("postgres@"), 9, user + "@");
}

std::string scratch_database(const std::string &side, const std::string &name) {
  return scratch_database_at(cluster_url(side), name);
}

std::string scratch_database_at(const std::string &admin_url, const std::string &name) {
  const std::string &admin = admin_url;
  // DROP DATABASE refuses a database that has subscriptions, even disabled ones: drop them
  // first, without their slots (a scratch subscription never had one on a real publisher).
  const std::string subscriptions =
      psql_value(admin, "SELECT pg_catalog.count(*) FROM pg_catalog.pg_subscription s JOIN "
                        "pg_catalog.pg_database d ON d.oid = s.subdbid WHERE d.datname = " +
                            quote_literal(name));
  if (subscriptions != "0") {
    psql(with_database(admin, name), R"sql(
      DO $$
      DECLARE
        sub text;
      BEGIN
        FOR sub IN SELECT s.subname FROM pg_catalog.pg_subscription s
                   JOIN pg_catalog.pg_database d ON d.oid = s.subdbid
                   WHERE d.datname = pg_catalog.current_database() LOOP
          EXECUTE pg_catalog.format('ALTER SUBSCRIPTION %I DISABLE', sub);
          EXECUTE pg_catalog.format('ALTER SUBSCRIPTION %I SET (slot_name = NONE)', sub);
          EXECUTE pg_catalog.format('DROP SUBSCRIPTION %I', sub);
        END LOOP;
      END $$)sql");
  }
  psql(admin, "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
  psql(admin, "CREATE DATABASE \"" + name + "\"");
  return with_database(admin, name);
}

// ALTER DATABASE … SET and ALTER ROLE … IN DATABASE … SET for every setting of the source
// database, for a target database of the same name (the roles exist on both clusters).
namespace {

constexpr const char *k_settings_sql = R"sql(
SELECT pg_catalog.string_agg(pg_catalog.format('ALTER %s SET %I = %L',
         CASE WHEN s.setrole = 0 THEN 'DATABASE ' || pg_catalog.quote_ident(d.datname)
              ELSE 'ROLE ' || pg_catalog.quote_ident(r.rolname) || ' IN DATABASE ' ||
                   pg_catalog.quote_ident(d.datname) END,
         pg_catalog.split_part(c.setting, '=', 1),
         pg_catalog.substr(c.setting, pg_catalog.strpos(c.setting, '=') + 1)), '; ')
FROM pg_catalog.pg_db_role_setting s
JOIN pg_catalog.pg_database d ON d.oid = s.setdatabase
LEFT JOIN pg_catalog.pg_roles r ON r.oid = s.setrole
CROSS JOIN LATERAL pg_catalog.unnest(s.setconfig) AS c(setting)
WHERE d.datname = pg_catalog.current_database()
)sql";

// The database's CONNECTION LIMIT and comment, for a target database of the same name.
constexpr const char *k_properties_sql = R"sql(
SELECT pg_catalog.concat_ws('; ',
         CASE WHEN d.datconnlimit <> -1 THEN pg_catalog.format(
           'ALTER DATABASE %I CONNECTION LIMIT %s', d.datname, d.datconnlimit) END,
         pg_catalog.format('COMMENT ON DATABASE %I IS %L', d.datname,
                           pg_catalog.shobj_description(d.oid, 'pg_database')))
FROM pg_catalog.pg_database d
WHERE d.datname = pg_catalog.current_database()
)sql";

} // namespace

void copy_database_settings(const std::string &source, const std::string &target) {
  for (const char *sql : {k_settings_sql, k_properties_sql}) {
    const std::string statements = psql_value(source, sql);
    if (!statements.empty()) {
      psql(target, statements);
    }
  }
}

std::string version_pair_url(int source_major, int target_major, const std::string &side) {
  const std::string name = "PGPARITY_TEST_PG" + std::to_string(source_major) + "_TO_PG" +
                           std::to_string(target_major) +
                           (side == "source" ? "_SOURCE" : "_TARGET");
  const char *value = std::getenv(name.c_str());
  if (value == nullptr || *value == '\0') {
    const std::string prefix = name.substr(0, name.rfind('_'));
    throw std::runtime_error(
        name + " is not set: run scripts/test, or scripts/install-pg-servers " +
        std::to_string(source_major) + " " + std::to_string(target_major) +
        " and eval \"$(PGPARITY_CLUSTERS_DIR=<another dir> PGPARITY_SOURCE_MAJOR=" +
        std::to_string(source_major) + " PGPARITY_TARGET_MAJOR=" + std::to_string(target_major) +
        " PGPARITY_ENV_PREFIX=" + prefix + " scripts/pg-clusters start)\" before running ctest");
  }
  return value;
}

void restore_from_source(const std::string &source, const std::string &target,
                         const std::string &label) {
  namespace fs = std::filesystem;
  const fs::path dump = fs::path{::testing::TempDir()} / ("pgparity_dump_" + label);
  std::error_code ignored;
  fs::remove_all(dump, ignored);
  run_or_throw(
      {pg_program("pg_dump"), "--format=directory", "--file", dump.string(), "--dbname", source});
  try {
    run_or_throw({pg_program("pg_restore"), "--no-owner", "--no-acl", "--exit-on-error", "--dbname",
                  target, dump.string()});
  } catch (...) {
    fs::remove_all(dump, ignored);
    throw;
  }
  fs::remove_all(dump, ignored);
}

void psql(const std::string &url, const std::string &sql) { run_psql(url, {"-c", sql}); }

void psql_file(const std::string &url, const std::string &path) { run_psql(url, {"-f", path}); }

std::string psql_value(const std::string &url, const std::string &sql) {
  std::string out = run_psql(url, {"-At", "-c", sql}).out;
  while (!out.empty() && out.back() == '\n') {
    out.pop_back();
  }
  return out;
}

std::string repository_path(const std::string &relative) {
  return std::string{PGPARITY_SOURCE_DIR} + "/" + relative;
}

std::string read_file(const std::string &path) {
  std::ifstream in{path, std::ios::binary};
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string fresh_temp_path(const std::string &name) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::filesystem::remove_all(path);
  return path;
}

std::string write_temp_file(const std::string &name, const std::string &text) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream{path, std::ios::binary} << text;
  return path;
}

bool wait_until(const std::function<bool()> &done, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= until) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{10});
  }
  return true;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string> &argv) {
  char out_path[] = "/tmp/pgparity-background-out-XXXXXX";
  char err_path[] = "/tmp/pgparity-background-err-XXXXXX";
  const int out_fd = mkstemp(out_path);
  const int err_fd = mkstemp(err_path);
  m_out_path = out_path;
  m_err_path = err_path;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
  std::vector<char *> args;
  for (const auto &arg : argv) {
    args.push_back(const_cast<char *>(arg.c_str())); // NOLINT: posix_spawn's signature
  }
  args.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_fd);
  close(err_fd);
  if (spawned != 0) {
    throw std::runtime_error("cannot start " + argv.at(0));
  }
  m_pid = pid;
}

BackgroundProcess::~BackgroundProcess() {
  if (running()) {
    kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
  }
  unlink(m_out_path.c_str());
  unlink(m_err_path.c_str());
}

bool BackgroundProcess::running() {
  if (m_reaped) {
    return false;
  }
  int status = 0;
  if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
    m_reaped = true;
    m_exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  return !m_reaped;
}

void BackgroundProcess::signal(int number) const {
  if (!m_reaped) {
    kill(m_pid, number);
  }
}

bool BackgroundProcess::wait_while_running(const std::function<bool()> &ready,
                                           std::chrono::milliseconds timeout) {
  wait_until([&] { return ready() || !running(); }, timeout);
  return ready();
}

ProcessResult BackgroundProcess::wait(std::chrono::milliseconds timeout) {
  ProcessResult result;
  if (!wait_until([this] { return !running(); }, timeout)) {
    kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
    m_reaped = true;
    m_exit_code = -1;
    result.err = "(did not end within the timeout; killed)\n";
  }
  result.exit_code = m_exit_code;
  result.out = read_file(m_out_path);
  result.err += read_file(m_err_path);
  return result;
}

HeldLock::HeldLock(std::string url, const std::string &database, const std::string &table,
                   std::string application)
    : m_admin(with_database(url, "postgres")), m_application(std::move(application)),
      m_holder({pg_program("psql"), "-X", "-q", "-d",
                with_database(m_admin, database) + "?application_name=" + m_application, "-c",
                "BEGIN; LOCK TABLE " + table +
                    " IN ACCESS EXCLUSIVE MODE; SELECT pg_catalog.pg_sleep(600);"}) {
  const bool held = m_holder.wait_while_running(
      [&] {
        return psql_value(m_admin, "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a "
                                   "USING (pid) WHERE a.application_name = '" +
                                       m_application +
                                       "' AND l.mode = 'AccessExclusiveLock' AND l.granted "
                                       "AND l.locktype = 'relation'") != "0";
      },
      std::chrono::seconds{30});
  if (!held) {
    throw std::runtime_error("could not lock " + table);
  }
}

void HeldLock::release() {
  psql(m_admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                "application_name = '" +
                    m_application + "'");
}

} // namespace pgparity::test
