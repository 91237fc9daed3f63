// The cutover gate: the decision `pgparity gate` (and audit's own exit code) makes from a report.
// It passes only a complete report, young enough, with no finding at or above the failing
// severity that a waiver does not cover. Reading a report back checks its version and the
// digest of its contents, so a truncated or edited report is refused, never passed.
#pragma once

#include "report/audit_report.hpp"
#include "report/finding.hpp"
#include "report/waiver.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgparity::report {

// Computes the digest a report carries: "xxh3-128:<hex>" of its canonical text (the document
// without its "digest" field, dumped compactly). Injected so report/ stays free of hashing.
using Digester = std::function<std::string(std::string_view)>;

// The document with its "digest" field set.
nlohmann::ordered_json with_digest(nlohmann::ordered_json document, const Digester &digest);

// Reads and checks a report written by pgparity: JSON, report_version 1, digest intact.
// Throws ConfigError naming the file and what is wrong.
nlohmann::ordered_json read_report(const std::string &path, const Digester &digest);

struct GatePolicy {
  Severity fail_on = Severity::error;
  std::optional<std::chrono::seconds> max_age;
  std::vector<Waiver> waivers;
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
};

struct GateDecision {
  bool passed = false;
  std::vector<std::string> reasons;         // why it did not pass
  std::vector<std::string> applied_waivers; // "id object: reason (accepted_by)"
  std::vector<std::string> expired_waivers;
};

// The decision on a report document as read back (or as about to be written).
GateDecision decide(const nlohmann::ordered_json &report, const GatePolicy &policy);

} // namespace pgparity::report
