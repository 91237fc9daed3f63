// The pgparity command line: parses the arguments, runs the chosen command, and turns every
// outcome, including every exception, into one of the exit codes of DESIGN.md.
#pragma once

namespace pgparity::cli {

// Runs pgparity with the process's arguments and returns its exit code.
int run(int argc, char **argv);

} // namespace pgparity::cli
