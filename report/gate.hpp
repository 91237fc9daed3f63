// The cutover gate: the decision `pgparity gate` (and audit's own exit code) makes from a report.
// It passes only a complete report of whole scope (every check, every table, every row and
// column, default severities; a narrowing passes only when the caller accepts it by name), young
// enough, with no finding at or above the failing severity that a waiver does not cover.
//
// Reading a report back checks its version and its digest, so a truncated or accidentally edited
// report is refused. The digest proves nothing against a deliberate edit (anyone can recompute
// it): given a verifier for the user's key, reading also requires the report's signature, so an
// unsigned, re-signed or edited report is refused. The digest and signature functions are
// injected, keeping report/ free of hashing and cryptography.
#pragma once

#include "report/audit_report.hpp"
#include "report/finding.hpp"
#include "report/waiver.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace pgparity::report {

// Computes the digest a report carries: "xxh3-128:<hex>" of its canonical text (the document
// without its "digest" and "signature" fields, dumped compactly).
using Digester = std::function<std::string(std::string_view)>;
// Signs the canonical text with the user's key: "hmac-sha256:<hex>".
using Signer = std::function<std::string(std::string_view)>;
// Whether `signature` is the user's key's signature of the canonical text `text`.
using Verifier = std::function<bool(std::string_view text, std::string_view signature)>;

// The document with its "digest" field set and, when `sign` is given, its "signature" field.
nlohmann::ordered_json seal(nlohmann::ordered_json document, const Digester &digest,
                            const Signer &sign = {});

// Reads and checks a report written by pgparity: JSON, report_version 1, digest intact and, when
// `verify` is given, a signature that it accepts. Throws ConfigError naming the file and what is
// wrong (never the key).
nlohmann::ordered_json read_report(const std::string &path, const Digester &digest,
                                   const Verifier &verify = {});

// The narrowings of scope a gate may be told to accept, as --accept-scope spells them.
// data-only, filtered, partial, overrides, ignored-columns
const std::vector<std::string> &scope_narrowings();

struct GatePolicy {
  Severity fail_on = Severity::error;
  std::optional<std::chrono::seconds> max_age = std::chrono::hours{24}; // nullopt: no limit
  std::vector<Waiver> waivers;
  std::set<std::string> accepted_scope; // from scope_narrowings()
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
};

struct GateDecision {
  bool passed = false;
  std::vector<std::string> reasons;         // why it did not pass
  std::vector<std::string> applied_waivers; // "id object: reason (accepted_by)"
  std::vector<std::string> expired_waivers;
  std::vector<std::string> accepted_scope; // narrowings of scope accepted by the policy
};

// The decision on a report document as read back (or as about to be written). An incomplete
// report's reasons name the classes its coverage table left not compared; a report that says
// clean or failed while its coverage leaves objects not compared is refused as inconsistent.
GateDecision decide(const nlohmann::ordered_json &report, const GatePolicy &policy);

} // namespace pgparity::report
