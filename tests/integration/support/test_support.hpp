// What integration tests need: the two clusters of scripts/pg-clusters (from the environment;
// missing ones make the test fail, never skip), scratch databases, psql, and running the real
// pgparity binary with its exit code and both output streams.
#pragma once

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
// Drops and recreates `name` on the cluster of `side`; returns its URL.
std::string scratch_database(const std::string &side, const std::string &name);

// Runs SQL through psql with ON_ERROR_STOP; throws with psql's stderr on failure.
void psql(const std::string &url, const std::string &sql);
void psql_file(const std::string &url, const std::string &path);
// One value from psql -At.
std::string psql_value(const std::string &url, const std::string &sql);

// The whole content of the file at `path` (empty when it cannot be read).
std::string read_file(const std::string &path);
// Writes `text` to `name` in the test's temporary directory; returns the file's path.
std::string write_temp_file(const std::string &name, const std::string &text);

// Absolute path of a file in the repository (e.g. "fixtures/sample/sample.sql").
std::string repository_path(const std::string &relative);

} // namespace pgparity::test
