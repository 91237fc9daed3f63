// How a command plugs into the application: each cli/*_command.cpp adds its subcommand with its
// options bound to a plain options struct, and hands back the function that runs it.
#pragma once

#include "cli/exit_code.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace pgparity::cli {

struct Command {
  CLI::App *subcommand = nullptr;
  std::function<ExitCode()> run; // called only when the subcommand was given
  // For a command that writes reports: replaces the report files its command line names with
  // "the run did not start: <error>" when CLI11 refused that command line. Empty otherwise.
  std::function<void(const std::string &error)> not_started;
};

// `pgparity audit`: compares every table of two live databases.
Command add_audit_command(CLI::App &app);

// `pgparity migrate`: the pipeline from preflight to gated cutover.
Command add_migrate_command(CLI::App &app);

// `pgparity watch`: continuous comparison during dual-write.
Command add_watch_command(CLI::App &app);

// `pgparity retired`: the straggler watch on the old database after the cutover.
Command add_retired_command(CLI::App &app);

// `pgparity gate`: opens or closes the cutover from a report.
Command add_gate_command(CLI::App &app);

// `pgparity inventory`: one database's tables, sizes, estimates and chunk keys.
Command add_inventory_command(CLI::App &app);

} // namespace pgparity::cli
