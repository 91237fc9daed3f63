#include "migrate/client_tools.hpp"

#include "core/error.hpp"
#include "migrate/child_process.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>
#include <unistd.h>

namespace pgparity::migrate {

namespace {

namespace fs = std::filesystem;

// Debian installs each major version's programs under /usr/lib/postgresql/<major>/bin.
constexpr const char *k_debian_root = "/usr/lib/postgresql";

bool executable(const fs::path &path) { return access(path.c_str(), X_OK) == 0; }

std::string newest_debian_bin() {
  int best = 0;
  std::error_code error;
  for (const auto &entry : fs::directory_iterator(k_debian_root, error)) {
    const std::string name = entry.path().filename().string();
    if (std::all_of(name.begin(), name.end(), ::isdigit) && !name.empty() &&
        executable(entry.path() / "bin" / "pg_dump")) {
      best = std::max(best, std::stoi(name));
    }
  }
  return best == 0 ? std::string{}
                   : std::string{k_debian_root} + "/" + std::to_string(best) + "/bin";
}

std::string in_path(const std::string &program) {
  const char *path = std::getenv("PATH");
  std::stringstream directories{path ? path : ""};
  std::string directory;
  while (std::getline(directories, directory, ':')) {
    if (!directory.empty() && executable(fs::path{directory} / program)) {
      return (fs::path{directory} / program).string();
    }
  }
  return {};
}

std::string locate(const std::string &directory, const std::string &program) {
  if (!directory.empty()) {
    const fs::path path = fs::path{directory} / program;
    if (!executable(path)) {
      throw ConfigError("--pg-bin: " + path.string() + " is missing or not executable",
                        "give the directory holding pg_dump and pg_restore, e.g. "
                        "/usr/lib/postgresql/16/bin");
    }
    return path.string();
  }
  std::string found = in_path(program);
  if (found.empty()) {
    throw ConfigError(program + " not found in /usr/lib/postgresql/*/bin or PATH",
                      "install postgresql-client, or give its directory with --pg-bin");
  }
  return found;
}

} // namespace

int major_of(int server_version_num) {
  return server_version_num >= 100000 ? server_version_num / 10000 : server_version_num / 100;
}

ClientTools find_client_tools(const std::string &pg_bin) {
  const std::string directory = pg_bin.empty() ? newest_debian_bin() : pg_bin;
  ClientTools tools;
  tools.pg_dump = locate(directory, "pg_dump");
  tools.pg_restore = locate(directory, "pg_restore");
  std::string first_line;
  ChildSpec spec{.argv = {tools.pg_dump, "--version"}};
  spec.on_stdout_line = [&](std::string_view line) {
    if (first_line.empty()) {
      first_line = line;
    }
  };
  const ChildResult result = run_child(spec);
  std::smatch match;
  if (!result.ok() || !std::regex_search(first_line, match, std::regex{R"(\) (\d+)(\.\d+)?)"})) {
    throw ConfigError(tools.pg_dump + " --version did not run or gave no version: " +
                          (result.error.empty() ? first_line : result.error),
                      "give a working PostgreSQL client directory with --pg-bin");
  }
  tools.version = first_line;
  tools.major = std::stoi(match[1].str());
  tools.release = match[1].str() + match[2].str();
  return tools;
}

} // namespace pgparity::migrate
