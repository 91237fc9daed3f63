#include "core/redact.hpp"

#include <regex>

namespace pgparity::core {

namespace {

// `postgres://user:secret@host` and `postgresql://:secret@host`.
const std::regex k_url_password{R"(((?:postgres|postgresql)://[^:/@\s]*:)[^@\s]*@)",
                                std::regex::icase};
// `password=secret`, `password = 'se cret'`, `sslpassword=…`, also in URL query strings.
const std::regex k_keyword_password{R"(((?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&'"]+))",
                                    std::regex::icase};

} // namespace

std::string redact_secrets(std::string_view text, std::string_view secret_source,
                           std::string_view placeholder) {
  std::string result{text};
  if (!secret_source.empty()) {
    for (auto at = result.find(secret_source); at != std::string::npos;
         at = result.find(secret_source, at + placeholder.size())) {
      result.replace(at, secret_source.size(), placeholder);
    }
  }
  result = std::regex_replace(result, k_url_password, "$1***@");
  result = std::regex_replace(result, k_keyword_password, "$1***");
  return result;
}

} // namespace pgparity::core
