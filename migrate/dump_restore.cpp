#include "migrate/dump_restore.hpp"

#include "core/error.hpp"
#include "migrate/restore_errors.hpp"

#include <fmt/format.h>

namespace pgparity::migrate {

namespace {

// pg_restore's own exit statuses: 0, or 1 after errors (fatal or ignored). Anything else is not
// pg_restore's word on the restore.
constexpr int k_restore_errors_exit = 1;

// The environment of a client program: the password outside argv, and a name on the server.
std::vector<std::pair<std::string, std::string>>
client_environment(const core::ConnectionString::ForChild &connection) {
  std::vector<std::pair<std::string, std::string>> env{{"PGAPPNAME", "pgparity"}};
  if (!connection.password.empty()) {
    env.emplace_back("PGPASSWORD", connection.password);
  }
  return env;
}

bool starts_with(std::string_view line, std::string_view prefix) {
  return line.substr(0, prefix.size()) == prefix;
}

} // namespace

void run_dump(ChildProcess &child, const ClientTools &tools, const core::ConnectionString &source,
              const DumpRequest &request, TableProgress &progress) {
  const auto connection = source.for_child();
  ChildSpec spec{.argv = {tools.pg_dump, "--format=directory",
                          "--jobs=" + std::to_string(request.jobs), "--file=" + request.directory,
                          "--verbose", "--no-password", "--dbname=" + connection.conninfo},
                 .env = client_environment(connection),
                 .name = "pg_dump",
                 .log_path = request.log_path};
  spec.on_stderr_line = [&](std::string_view line) {
    if (starts_with(line, "pg_dump: dumping contents of table")) {
      ++progress.done;
    }
  };
  child.start(spec);
  const ChildResult result = child.wait();
  if (!result.ok()) {
    throw ConnectionError(fmt::format("source: pg_dump failed: it {}", result.describe()),
                          "see " + request.log_path + " for pg_dump's messages");
  }
}

RestoreOutcome run_restore(ChildProcess &child, const ClientTools &tools,
                           const core::ConnectionString &target, const RestoreRequest &request,
                           TableProgress &progress) {
  const auto connection = target.for_child();
  ChildSpec spec{.argv = {tools.pg_restore, "--jobs=" + std::to_string(request.jobs), "--no-owner",
                          "--no-acl", "--verbose", "--no-password"},
                 .env = client_environment(connection),
                 .name = "pg_restore",
                 .log_path = request.log_path};
  if (request.clean) {
    spec.argv.emplace_back("--clean");
    spec.argv.emplace_back("--if-exists");
  }
  spec.argv.push_back("--dbname=" + connection.conninfo);
  spec.argv.push_back(request.dump);
  RestoreErrorParser parser;
  spec.on_stderr_line = [&](std::string_view line) {
    parser.feed(line);
    if (starts_with(line, "pg_restore: processing data for table")) {
      ++progress.done;
    }
  };
  child.start(spec);
  RestoreOutcome outcome;
  outcome.result = child.wait();
  outcome.finished = outcome.result.ok() || (outcome.result.started && outcome.result.signal == 0 &&
                                             outcome.result.exit_code == k_restore_errors_exit);
  const auto errors = parser.finish();
  outcome.findings = restore_findings(errors);
  if (outcome.finished && !outcome.result.ok() && errors.empty()) {
    outcome.findings.push_back(report::make_finding(
        "restore", "restore.error", "pg_restore",
        fmt::format("pg_restore exited with code {} without naming an error; see {}",
                    outcome.result.exit_code, request.log_path),
        {{"exit_code", outcome.result.exit_code}, {"log", request.log_path}}));
  }
  return outcome;
}

} // namespace pgparity::migrate
