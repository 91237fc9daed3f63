// Waivers: findings a team has accepted (id, object pattern, reason, who, until when), and the
// severity words the command line and files use. An expired waiver no longer applies. Expiry
// dates are strict ISO dates (YYYY-MM-DD, zero-padded) and are compared as calendar dates in UTC.
#pragma once

#include "report/finding.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pgparity::report {

// An accepted finding: id and an object pattern (shell-style; "*" only when written so), why,
// who, until when.
struct Waiver {
  std::string id;
  std::string object;
  std::string reason;
  std::string accepted_by;
  std::optional<std::chrono::year_month_day> expires; // inclusive: the last day it applies
};

// Reads a waivers file: {"waivers": [{"id", "object", "reason", "accepted_by", "expires"}]}.
// Throws ConfigError naming the file and the entry when it is unreadable, a waiver lacks id,
// object, reason or accepted_by, or its expires is not a real YYYY-MM-DD date.
std::vector<Waiver> read_waivers(const std::string &path);

// "2026-01-05" → that date; nullopt for anything else ("2026-1-5", "2026-02-30", "soon").
std::optional<std::chrono::year_month_day> parse_iso_date(const std::string &text);
// The date as YYYY-MM-DD.
std::string iso_date(const std::chrono::year_month_day &date);

// "index.extra=error" → the id and severity. Throws ConfigError on anything else.
std::pair<std::string, Severity> parse_severity_override(const std::string &text);
Severity parse_severity(const std::string &text);

// The first waiver covering finding `id` on `object` that has not expired by `today`, or null.
const Waiver *waiver_for(const std::string &id, const std::string &object,
                         const std::vector<Waiver> &waivers,
                         const std::chrono::year_month_day &today);
// Whether `waiver` has expired by `today` (its last day is before today).
bool expired(const Waiver &waiver, const std::chrono::year_month_day &today);
// The UTC calendar date of `at`.
std::chrono::year_month_day utc_date(std::chrono::system_clock::time_point at);

} // namespace pgparity::report
