#include "checks/icu_locale.hpp"

#include <unicode/uloc.h>
#include <unicode/utypes.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace pgparity::checks {

namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

} // namespace

std::string canonical_icu_locale(std::string_view locale) {
  // PostgreSQL 16+ (icu_language_tag) stores C and POSIX as this tag.
  if (same_ignoring_case(locale, "c") || same_ignoring_case(locale, "posix")) {
    return "en-US-u-va-posix";
  }
  const std::string name{locale};
  constexpr int32_t k_first_size = 64;
  constexpr int32_t k_largest_size = 1 << 16;
  std::vector<char> tag(k_first_size);
  for (;;) {
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length = uloc_toLanguageTag(name.c_str(), tag.data(),
                                              static_cast<int32_t>(tag.size()), true, &status);
    if ((status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) &&
        tag.size() < static_cast<std::size_t>(k_largest_size)) {
      tag.resize(
          static_cast<std::size_t>(std::max(length + 1, 2 * static_cast<int32_t>(tag.size()))));
      continue;
    }
    if (U_FAILURE(status) || length <= 0) {
      return name;
    }
    return std::string{tag.data(), static_cast<std::size_t>(length)};
  }
}

} // namespace pgparity::checks
