// Scrubbing secrets from text that is about to be shown: logs, errors, reports. Used on every
// message that may echo a connection string (libpq's own error messages can).
#pragma once

#include <string>
#include <string_view>

namespace pgparity::core {

// `text` with every URL password (`scheme://user:secret@`) and every `password=` value replaced
// by `***`, and every occurrence of `secret_source` (a raw connection string) replaced by
// `placeholder`.
std::string redact_secrets(std::string_view text, std::string_view secret_source = {},
                           std::string_view placeholder = "<connection string>");

} // namespace pgparity::core
