#include "cli/events_stream.hpp"

#include "core/error.hpp"

namespace pgparity::cli {

EventsStream::EventsStream(const std::string &path) {
  if (path.empty() || path == "-") {
    return;
  }
  m_file.reset(std::fopen(path.c_str(), "a"));
  if (!m_file) {
    throw ConfigError("--events: cannot write " + path, "the directory must exist and be writable");
  }
}

} // namespace pgparity::cli
