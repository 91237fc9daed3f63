// Where a long-running command (watch, retired) writes its one JSON line per step: standard
// output, or a file it appends to (--events PATH), which it owns and closes.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

namespace pgparity::cli {

class EventsStream {
public:
  EventsStream() = default; // standard output
  // "" or "-": standard output; else the file, opened for appending. Throws ConfigError when it
  // cannot be written.
  explicit EventsStream(const std::string &path);

  std::FILE *get() const { return m_file ? m_file.get() : stdout; }

private:
  std::unique_ptr<std::FILE, int (*)(std::FILE *)> m_file{nullptr, &std::fclose};
};

} // namespace pgparity::cli
