#include "report/gate.hpp"

#include "core/error.hpp"

#include <ctime>
#include <fstream>
#include <sstream>

namespace pgparity::report {

namespace {

constexpr int k_report_version = 1;

std::string canonical_text(nlohmann::ordered_json document) {
  document.erase("digest");
  // As write_json does: invalid UTF-8 becomes U+FFFD, so the digest matches the file read back.
  return document.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::optional<std::chrono::system_clock::time_point> parse_time(const std::string &text) {
  std::tm parts{};
  if (strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &parts) == nullptr) {
    return std::nullopt;
  }
  return std::chrono::system_clock::from_time_t(timegm(&parts));
}

std::string describe(const nlohmann::ordered_json &finding) {
  return finding.value("severity", "?") + " " + finding.value("id", "?") + " " +
         finding.value("object", "?") + ": " + finding.value("message", "");
}

} // namespace

nlohmann::ordered_json with_digest(nlohmann::ordered_json document, const Digester &digest) {
  document["digest"] = digest(canonical_text(document));
  return document;
}

nlohmann::ordered_json read_report(const std::string &path, const Digester &digest) {
  std::ifstream in{path, std::ios::binary};
  if (!in) {
    throw ConfigError("cannot read the report " + path);
  }
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::ordered_json document;
  try {
    document = nlohmann::ordered_json::parse(text.str());
  } catch (const nlohmann::json::exception &) {
    throw ConfigError("report " + path + " is not valid JSON (truncated or damaged)",
                      "use the report exactly as pgparity wrote it");
  }
  if (!document.is_object() || document.value("tool", "") != "pgparity") {
    throw ConfigError("report " + path + " was not written by pgparity");
  }
  if (!document.contains("report_version") || document["report_version"] != k_report_version) {
    throw ConfigError("report " + path + " has report_version " +
                          (document.contains("report_version") ? document["report_version"].dump()
                                                               : std::string{"(none)"}) +
                          ", this pgparity reads version " + std::to_string(k_report_version),
                      "check it with the pgparity version that wrote it");
  }
  if (!document.contains("digest") || !document["digest"].is_string() ||
      document["digest"].get<std::string>() != digest(canonical_text(document))) {
    throw ConfigError("report " + path +
                          " was changed after pgparity wrote it (its digest does "
                          "not match its contents)",
                      "run the comparison again rather than editing a report");
  }
  return document;
}

GateDecision decide(const nlohmann::ordered_json &report, const GatePolicy &policy) {
  GateDecision decision;
  const std::string status = report.value("status", "");
  if (status == "incomplete") {
    std::string why = "the report is incomplete: not everything was verified";
    for (const auto &reason : report.value("incomplete_reasons", nlohmann::ordered_json::array())) {
      why += "; " + reason.get<std::string>();
    }
    for (const auto &table : report.value("tables", nlohmann::ordered_json::array())) {
      if (table.value("status", "") == "not_verified") {
        why += "; " + table.value("name", "?") + " not verified";
      }
    }
    decision.reasons.push_back(why);
  } else if (status != "clean" && status != "failed") {
    decision.reasons.push_back("the report has no valid status");
  }
  if (policy.max_age) {
    const auto finished = parse_time(report.value("finished_at", ""));
    if (!finished) {
      decision.reasons.push_back("the report has no valid finished_at time");
    } else if (policy.now - *finished > *policy.max_age) {
      decision.reasons.push_back("the report is too old: finished " +
                                 report.value("finished_at", "") + ", more than " +
                                 std::to_string(policy.max_age->count()) + " s ago (--max-age)");
    }
  }
  const std::string today = utc_date(policy.now);
  for (const auto &waiver : policy.waivers) {
    if (waiver.expires && *waiver.expires < today) {
      decision.expired_waivers.push_back(waiver.id + " " + waiver.object + " (expired " +
                                         *waiver.expires + ")");
    }
  }
  for (const auto &finding : report.value("findings", nlohmann::ordered_json::array())) {
    Severity severity = Severity::error;
    try {
      severity = parse_severity(finding.value("severity", "error"));
    } catch (const ConfigError &) {
      decision.reasons.push_back("a finding has an unknown severity: " + describe(finding));
      continue;
    }
    if (static_cast<int>(severity) < static_cast<int>(policy.fail_on)) {
      continue;
    }
    const std::string id = finding.value("id", "");
    const std::string object = finding.value("object", "");
    if (const Waiver *waiver = waiver_for(id, object, policy.waivers, today)) {
      decision.applied_waivers.push_back(id + " " + object + ": " + waiver->reason + " (" +
                                         waiver->accepted_by + ")");
    } else {
      decision.reasons.push_back(describe(finding));
    }
  }
  decision.passed = decision.reasons.empty();
  return decision;
}

} // namespace pgparity::report
