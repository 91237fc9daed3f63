// The exit codes every command shares (DESIGN.md, "Contracts").
#pragma once

#include "core/error.hpp"

namespace pgparity::cli {

enum class ExitCode : int {
  clean = 0,      // everything compared, nothing at or above the failing severity
  failed = 1,     // at least one finding at or above the failing severity
  usage = 2,      // usage or configuration error; nothing was compared
  incomplete = 3, // something was not verified: unreachable, permission, failed query
  internal = 4,   // a bug in pgparity
};

// The exit code for an error that stopped a command.
constexpr ExitCode exit_code_for(ErrorKind kind) {
  switch (kind) {
  case ErrorKind::config:
    return ExitCode::usage;
  case ErrorKind::connection:
  case ErrorKind::query:
    return ExitCode::incomplete;
  case ErrorKind::internal:
    return ExitCode::internal;
  }
  return ExitCode::internal;
}

constexpr int to_int(ExitCode code) { return static_cast<int>(code); }

} // namespace pgparity::cli
