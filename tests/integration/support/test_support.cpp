#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

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

} // namespace

ProcessResult run_process(const std::vector<std::string> &argv) {
  char out_path[] = "/tmp/pgparity-test-out-XXXXXX";
  char err_path[] = "/tmp/pgparity-test-err-XXXXXX";
  const int out_fd = mkstemp(out_path);
  const int err_fd = mkstemp(err_path);
  if (out_fd < 0 || err_fd < 0) {
    throw std::runtime_error("cannot create temporary files for a child's output");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, 1);
  posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
  std::vector<char *> args;
  for (const auto &arg : argv) {
    args.push_back(const_cast<char *>(arg.c_str()));
  }
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out_fd);
  close(err_fd);
  ProcessResult result;
  if (spawned != 0) {
    result.err = "cannot start " + argv[0];
  } else {
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = read_file(out_path);
    result.err = read_file(err_path);
  }
  unlink(out_path);
  unlink(err_path);
  return result;
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

std::string scratch_database(const std::string &side, const std::string &name) {
  const std::string admin = cluster_url(side);
  psql(admin, "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
  psql(admin, "CREATE DATABASE \"" + name + "\"");
  return with_database(admin, name);
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

std::string write_temp_file(const std::string &name, const std::string &text) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream{path, std::ios::binary} << text;
  return path;
}

} // namespace pgparity::test
