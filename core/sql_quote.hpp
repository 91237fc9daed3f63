// Quoting names into SQL text built without a connection (fix statements shown in findings,
// statements migrate runs after the restore).
#pragma once

#include <string>
#include <string_view>

namespace pgparity::core {

// "name" with embedded double quotes doubled: valid for any identifier, whatever its case.
std::string quoted_identifier(std::string_view identifier);

} // namespace pgparity::core
