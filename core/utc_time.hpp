// The one way pgparity writes a moment: ISO 8601 in UTC to the second, as reports, the migrate
// journal and timestamped log lines show it ("2026-11-23T12:00:00Z").
#pragma once

#include <chrono>
#include <string>

namespace pgparity::core {

std::string utc_timestamp(std::chrono::system_clock::time_point at);

} // namespace pgparity::core
