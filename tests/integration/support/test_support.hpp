// What integration tests need: the two clusters of scripts/pg-clusters (from the environment;
// missing ones make the test fail, never skip), scratch databases, psql, and running the real
// pgparity binary with its exit code and both output streams.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace pgparity::test {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] looked up in PATH) with stdin closed; captures both streams.
ProcessResult run_process(const std::vector<std::string> &argv);
// Runs the pgparity binary built with these tests.
ProcessResult run_pgparity(const std::vector<std::string> &args);
// The path of the pgparity binary built with these tests.
std::string pgparity_binary();

// The connection URL of the cluster's `postgres` database; `side` is "source" or "target".
// Throws (failing the test) when scripts/pg-clusters has not exported it.
std::string cluster_url(const std::string &side);
// The port of the cluster of `side`; throws (failing the test) when it was not exported.
std::string cluster_port(const std::string &side);
// A PostgreSQL client program (psql, pg_dump, …) from $PGPARITY_TEST_PG_BINDIR, the clusters'
// version, else from PATH.
std::string pg_program(const std::string &program);
// `url` with its database name replaced by `database`.
std::string with_database(const std::string &url, const std::string &database);
// `url` (a cluster URL, user postgres) for another user, e.g. "pgparity_reader" or "name:pw".
std::string with_user(const std::string &url, const std::string &user);
// Drops (with its subscriptions, if any) and recreates `name` on the cluster of `side`;
// returns its URL.
std::string scratch_database(const std::string &side, const std::string &name);
// Drops and recreates `name` on the cluster whose `postgres` database is `admin_url`; returns
// its URL.
std::string scratch_database_at(const std::string &admin_url, const std::string &name);

// What pg_dump without --create leaves behind, applied as migrate's post-restore phase does: every
// ALTER DATABASE … SET and ALTER ROLE … IN DATABASE … SET of the `source` database, and its
// CONNECTION LIMIT and comment, on the `target` database (the roles must exist on its cluster).
void copy_database_settings(const std::string &source, const std::string &target);

// The cross-version leg: scripts/test also starts pairs of clusters on other major versions
// (servers of scripts/install-pg-servers, client programs still $PGPARITY_TEST_PG_BINDIR's), a
// source of major `source_major` and a target of major `target_major`, exported as
// PGPARITY_TEST_PG<source_major>_TO_PG<target_major>_SOURCE / _TARGET. The connection URL of
// `side` ("source" or "target") of that pair; throws (failing the test) when it was not exported.
std::string version_pair_url(int source_major, int target_major, const std::string &side);

// Makes the database `target` (empty) a real copy of `source`, as a migration run by another
// role would: pg_dump --format=directory, then pg_restore --no-owner --no-acl --exit-on-error,
// both from $PGPARITY_TEST_PG_BINDIR. `label` names the temporary dump directory. Throws with
// the failing program's stderr.
void restore_from_source(const std::string &source, const std::string &target,
                         const std::string &label);

// Runs SQL through psql with ON_ERROR_STOP; throws with psql's stderr on failure.
void psql(const std::string &url, const std::string &sql);
void psql_file(const std::string &url, const std::string &path);
// One value from psql -At.
std::string psql_value(const std::string &url, const std::string &sql);

// Polls `done` every 10 ms until it holds or `timeout` passes; returns whether it held.
bool wait_until(const std::function<bool()> &done, std::chrono::milliseconds timeout);

// A program running beside the test (pgparity, the dual writer), stdin from /dev/null, stdout
// and stderr into temporary files, so a test can watch it and signal it. The destructor kills
// and reaps it if it still runs.
class BackgroundProcess {
public:
  // Starts `argv` (argv[0] looked up in PATH). Throws std::runtime_error when it cannot be
  // started.
  explicit BackgroundProcess(const std::vector<std::string> &argv);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess &) = delete;
  BackgroundProcess &operator=(const BackgroundProcess &) = delete;

  int pid() const { return m_pid; }
  // False once the program has ended (it is then reaped).
  bool running();
  void signal(int number) const;
  // Polls `ready` while the program runs, for at most `timeout`; returns `ready()` at the end.
  bool wait_while_running(const std::function<bool()> &ready, std::chrono::milliseconds timeout);
  // Waits for the end (killing it after `timeout`, noted on err); exit code and both streams.
  ProcessResult wait(std::chrono::milliseconds timeout);

private:
  int m_pid = -1;
  bool m_reaped = false;
  int m_exit_code = -1;
  std::string m_out_path;
  std::string m_err_path;
};

// Holds an ACCESS EXCLUSIVE lock on `table` of database `database` (on the cluster of `url`)
// from a psql session of its own, named `application` in pg_stat_activity, until release() or
// destruction, which terminate that session. Throws when the lock cannot be taken in 30 s.
class HeldLock {
public:
  HeldLock(std::string url, const std::string &database, const std::string &table,
           std::string application);
  ~HeldLock() { release(); }
  HeldLock(const HeldLock &) = delete;
  HeldLock &operator=(const HeldLock &) = delete;

  void release();

private:
  std::string m_admin;
  std::string m_application;
  BackgroundProcess m_holder;
};

// The whole content of the file at `path` (empty when it cannot be read).
std::string read_file(const std::string &path);
// `name` in the test's temporary directory, whatever was there (file or directory) removed.
std::string fresh_temp_path(const std::string &name);
// Writes `text` to `name` in the test's temporary directory; returns the file's path.
std::string write_temp_file(const std::string &name, const std::string &text);

// Absolute path of a file in the repository (e.g. "fixtures/sample/sample.sql").
std::string repository_path(const std::string &relative);

} // namespace pgparity::test
