// Logging for humans: stderr only, one write per line, a level threshold. Callers pass text
// that is already redacted (connection strings through ConnectionString::redacted()).
#pragma once

#include <cstdio>
#include <string_view>

namespace pgparity::core {

enum class LogLevel { debug, info, warning, error, quiet };

class Log {
public:
  // With `timestamps`, each line starts with the UTC time (for logs read later, off a terminal).
  explicit Log(LogLevel threshold = LogLevel::info, std::FILE *stream = stderr,
               bool timestamps = false)
      : m_threshold(threshold), m_stream(stream), m_timestamps(timestamps) {}

  void debug(std::string_view line) const { write(LogLevel::debug, line); }
  void info(std::string_view line) const { write(LogLevel::info, line); }
  void warning(std::string_view line) const { write(LogLevel::warning, line); }
  void error(std::string_view line) const { write(LogLevel::error, line); }

private:
  void write(LogLevel level, std::string_view line) const;

  LogLevel m_threshold;
  std::FILE *m_stream;
  bool m_timestamps;
};

} // namespace pgparity::core
