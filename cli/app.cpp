#include "cli/app.hpp"

#include "cli/command.hpp"
#include "core/error.hpp"

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace pgparity::cli {

namespace {

void print_error(const std::string &message, const std::string &hint) {
  std::string text = "pgparity: error: " + message + "\n";
  if (!hint.empty()) {
    text += "hint: " + hint + "\n";
  }
  std::fputs(text.c_str(), stderr);
}

} // namespace

int run(int argc, char **argv) {
  CLI::App app{"pgparity: move a PostgreSQL database to another server and prove the copy "
               "faithful.\n\nExit codes: 0 clean, 1 failed, 2 usage or configuration error, "
               "3 incomplete (something was not verified), 4 internal error.",
               "pgparity"};
  app.set_version_flag("--version", PGPARITY_VERSION);
  app.require_subcommand(1);
  // One TOML file can hold the options of every command, one [section] per command, keys spelled
  // as the long options without dashes (`report-json = "r.json"`); the command line wins.
  // fallthrough lets `--config` follow the command name, as users write it.
  app.set_config("--config", "",
                 "Read options from this TOML file: a [audit], [gate], … section per command, "
                 "keys named like the long options; the command line overrides the file");
  app.allow_config_extras(CLI::config_extras_mode::error);
  app.fallthrough();
  const std::vector<Command> commands{add_audit_command(app), add_migrate_command(app),
                                      add_watch_command(app), add_retired_command(app),
                                      add_gate_command(app),  add_inventory_command(app)};
  for (const auto &command : commands) {
    const std::string name = command.subcommand->get_name();
    command.subcommand->footer(
        "Every option can also come from a TOML file: pgparity " + name +
        " --config FILE, keys in a [" + name +
        "] section; the command line wins.\nExit codes: "
        "0 clean, 1 failed, 2 usage or configuration error, 3 incomplete, 4 internal error.");
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    if (e.get_exit_code() != 0) {
      // A refused command line must not leave an earlier verdict in the report files it names.
      // Best effort: the paths are CLI11's raw values, there only if it read them before it
      // stopped (an error earlier on the line, or in the --config file itself, can leave them
      // unread; then nothing can be replaced).
      for (const auto &command : commands) {
        if (command.subcommand->parsed() && command.not_started) {
          command.not_started(e.what());
        }
      }
    }
    if (dynamic_cast<const CLI::ConfigError *>(&e) == nullptr &&
        dynamic_cast<const CLI::FileError *>(&e) == nullptr) {
      return app.exit(e) == 0 ? to_int(ExitCode::clean) : to_int(ExitCode::usage);
    }
    // A bad --config file: CLI11's text names neither the file nor how keys are spelled.
    print_error("--config " + app.get_config_ptr()->as<std::string>() + ": " + e.what(),
                dynamic_cast<const CLI::FileError *>(&e) != nullptr
                    ? "check the path of the config file"
                    : "keys are the long options without dashes, in a [command] section, "
                      "e.g. [audit] report-json = \"report.json\"");
    return to_int(ExitCode::usage);
  }

  try {
    for (const auto &command : commands) {
      if (command.subcommand->parsed()) {
        return to_int(command.run());
      }
    }
    throw InternalError("no command ran");
  } catch (const Error &e) {
    print_error(e.what(), e.hint());
    return to_int(exit_code_for(e.kind()));
  } catch (const std::exception &e) {
    print_error(std::string{"internal error: "} + e.what(),
                "this is a bug in pgparity; please report it with the command you ran");
    return to_int(ExitCode::internal);
  } catch (...) {
    print_error("internal error: unknown exception", "this is a bug in pgparity");
    return to_int(ExitCode::internal);
  }
}

} // namespace pgparity::cli
