#include "core/sql_quote.hpp"

namespace pgparity::core {

std::string quoted_identifier(std::string_view identifier) {
  std::string out = "\"";
  for (const char c : identifier) {
    out += c == '"' ? std::string{"\"\""} : std::string(1, c);
  }
  return out + "\"";
}

} // namespace pgparity::core
