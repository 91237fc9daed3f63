// The preflight of `migrate`: everything that can be known before changing anything, checked
// and printed as a checklist. Reads only (both servers, the client programs, the work
// directory); a failed item stops the run before the maintenance hook or any write.
#pragma once

#include "checks/table_selection.hpp"
#include "core/connection_string.hpp"
#include "migrate/client_tools.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace pgparity::migrate {

struct PreflightInput {
  core::ConnectionString source;
  core::ConnectionString target;
  std::string pg_bin;         // --pg-bin, empty to search
  std::string work_dir;       // where the dump goes
  std::string from_dump;      // --from-dump: no pg_dump run, no space needed for a dump
  bool clean = false;         // --clean: a non-empty target is allowed (objects are replaced)
  checks::TableFilter filter; // --include/--exclude of the verify phase: each must match
};

struct PreflightItem {
  std::string name; // "source reachable", "extension postgis available on the target", …
  bool ok = true;
  std::string detail; // versions, sizes, or what is wrong and what to do
};

struct PreflightResult {
  std::vector<PreflightItem> items;
  std::vector<std::string> plan; // steps the run will take because of what was found
  ClientTools tools;
  std::string source_version; // server_version, e.g. "15.4 (Debian 15.4-1)"
  std::string target_version;
  int source_version_num = 0;
  int target_version_num = 0;
  std::int64_t source_bytes = 0; // pg_database_size of the source
  std::size_t source_tables = 0; // tables whose data the dump holds (progress totals)
  double estimated_seconds = 0;  // rough dump + restore time
  std::vector<std::string> heroku_ext_extensions; // extensions in the source's heroku_ext schema

  bool passed() const;
  // The checklist as text, one line per item ("  ok    …" / "  FAIL  …"), then the plan.
  std::string render() const;
};

// Runs every check. Throws ConfigError or ConnectionError only when a side cannot be reached at
// all (a usage or connection problem); every other problem is a failed item.
PreflightResult run_preflight(const PreflightInput &input);

} // namespace pgparity::migrate
