// The dump and restore phases of `migrate`: pg_dump in directory format with --jobs, and
// pg_restore --no-owner --no-acl with --jobs, each run as a child process whose every output
// line goes to the run's log. The password reaches them through PGPASSWORD, never argv.
// pg_restore's errors are parsed and classified (restore_errors.hpp); its exit code is never
// ignored, and a program killed by a signal (the OOM killer, kill -9) never counts as finished.
#pragma once

#include "core/connection_string.hpp"
#include "migrate/child_process.hpp"
#include "migrate/client_tools.hpp"
#include "report/finding.hpp"

#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

namespace pgparity::migrate {

// Tables done so far by the running program, for the progress line (from any thread).
struct TableProgress {
  std::atomic<std::size_t> done{0};
  std::atomic<std::size_t> total{0};
};

struct DumpRequest {
  std::string directory; // must not exist yet (pg_dump creates it)
  std::size_t jobs = 2;
  std::string log_path;
};

// Runs pg_dump of `source` into request.directory. Throws ConnectionError (exit 3) naming the
// source and the log when pg_dump fails: a non-zero exit, death by a signal, or no start.
void run_dump(ChildProcess &child, const ClientTools &tools, const core::ConnectionString &source,
              const DumpRequest &request, TableProgress &progress);

struct RestoreRequest {
  std::string dump; // a directory-format dump, or a custom-format file (--from-dump)
  std::size_t jobs = 2;
  bool clean = false; // --clean --if-exists
  std::string log_path;
};

struct RestoreOutcome {
  ChildResult result;
  // True when pg_restore ran to its own end: it exited with 0, or with 1 after errors it
  // printed and went on from. False when it never started, a signal killed it, or it exited
  // with a status pg_restore never uses (a wrapper script reports its program's death by
  // signal N as 128 + N): then the restore is unfinished, whatever the target holds.
  bool finished = false;
  // One finding per error pg_restore printed (restore.ignored_error or restore.error), plus a
  // restore.error when it finished with exit code 1 without printing any.
  std::vector<report::Finding> findings;
};

// Runs pg_restore of request.dump into `target`; a failure is in the outcome, never thrown.
RestoreOutcome run_restore(ChildProcess &child, const ClientTools &tools,
                           const core::ConnectionString &target, const RestoreRequest &request,
                           TableProgress &progress);

} // namespace pgparity::migrate
