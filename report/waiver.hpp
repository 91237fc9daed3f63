// Waivers: findings a team has accepted (id, object pattern, reason, who, until when), and the
// severity words the command line and files use. An expired waiver no longer applies.
#pragma once

#include "report/finding.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pgparity::report {

// An accepted finding: id and an object pattern (shell-style), why, who, until when.
struct Waiver {
  std::string id;
  std::string object = "*";
  std::string reason;
  std::string accepted_by;
  std::optional<std::string> expires; // YYYY-MM-DD, inclusive
};

// Reads a waivers file: {"waivers": [{"id", "object", "reason", "accepted_by", "expires"}]}.
// Throws ConfigError when it is unreadable or a waiver lacks id, reason or accepted_by.
std::vector<Waiver> read_waivers(const std::string &path);

// "index.extra=error" → the id and severity. Throws ConfigError on anything else.
std::pair<std::string, Severity> parse_severity_override(const std::string &text);
Severity parse_severity(const std::string &text);

// The first waiver covering finding `id` on `object` that has not expired by `today`
// (YYYY-MM-DD), or null.
const Waiver *waiver_for(const std::string &id, const std::string &object,
                         const std::vector<Waiver> &waivers, const std::string &today);
// YYYY-MM-DD in UTC.
std::string utc_date(std::chrono::system_clock::time_point at);

} // namespace pgparity::report
