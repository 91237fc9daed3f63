#include "core/error.hpp"
#include "report/audit_report.hpp"

#include <cstdio>
#include <fstream>
#include <unistd.h>

namespace pgparity::report {

void write_text(const std::string &text, const std::string &path) {
  const std::string temporary = path + ".tmp." + std::to_string(getpid());
  const auto fail = [&] {
    std::remove(temporary.c_str());
    throw ConfigError("cannot write the report to " + path,
                      "check that the directory exists and is writable");
  };
  {
    std::ofstream out{temporary, std::ios::binary | std::ios::trunc};
    out << text;
    out.flush();
    if (!out) {
      fail();
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    fail();
  }
}

} // namespace pgparity::report
