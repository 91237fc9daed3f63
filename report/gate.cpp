#include "report/gate.hpp"

#include "core/error.hpp"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>

namespace pgparity::report {

namespace {

constexpr int k_report_version = 1;

std::string canonical_text(nlohmann::ordered_json document) {
  document.erase("digest");
  document.erase("signature");
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

std::string joined(const nlohmann::ordered_json &list) {
  std::string text;
  for (const auto &item : list) {
    text += (text.empty() ? "" : ", ") + (item.is_string() ? item.get<std::string>() : item.dump());
  }
  return text;
}

// The classes of the report's coverage table with objects on either side left not compared.
std::vector<std::string> classes_not_compared(const nlohmann::ordered_json &report) {
  std::vector<std::string> classes;
  for (const auto &row : report.value("coverage", nlohmann::ordered_json::array())) {
    if (row.value("status", "") == "not_compared" &&
        (row.value("source", std::int64_t{0}) != 0 || row.value("target", std::int64_t{0}) != 0)) {
      classes.push_back(row.value("class", "?"));
    }
  }
  return classes;
}

// A narrowing of the report's scope: refused unless the policy accepts it by name.
void judge_narrowing(const std::string &name, const std::string &what, const GatePolicy &policy,
                     GateDecision &decision) {
  if (policy.accepted_scope.count(name) != 0) {
    decision.accepted_scope.push_back(what + " (accepted: --accept-scope " + name + ")");
  } else {
    decision.reasons.push_back(what + " (to accept it: --accept-scope " + name + ")");
  }
}

// The report's scope against the policy: every check family, every table, every row, default
// severities; anything less is a reason unless accepted. A report without a readable scope
// (an older pgparity) covers an unknown scope and is refused.
void judge_scope(const nlohmann::ordered_json &report, const GatePolicy &policy,
                 GateDecision &decision) {
  const auto scope = report.find("scope");
  if (scope == report.end() || !scope->is_object() || !scope->contains("checks") ||
      !(*scope)["checks"].is_array() || !scope->contains("include") ||
      !scope->contains("exclude") || !scope->contains("partial") ||
      !scope->contains("severity_overrides") || !(*scope)["severity_overrides"].is_object() ||
      !scope->contains("ignored_columns") || !(*scope)["ignored_columns"].is_array()) {
    decision.reasons.push_back("the report does not record its scope (written by an older "
                               "pgparity?): what it covers is unknown; run the comparison again");
    return;
  }
  const auto &checks = (*scope)["checks"];
  for (const auto &family : all_check_families()) {
    if (std::find(checks.begin(), checks.end(), family) != checks.end()) {
      continue;
    }
    if (family == "structure") {
      judge_narrowing("data-only",
                      "the report is data only: the structural checks (schema, including "
                      "which partitions and inheritance children a table has, sequences, "
                      "indexes, constraints, extensions, large objects) did not run",
                      policy, decision);
    } else {
      decision.reasons.push_back("the report's " + family + " checks did not run");
    }
  }
  const auto &include = (*scope)["include"];
  const auto &exclude = (*scope)["exclude"];
  if (!include.empty() || !exclude.empty()) {
    std::string filters;
    if (!include.empty()) {
      filters += "--include " + joined(include);
    }
    if (!exclude.empty()) {
      filters += (filters.empty() ? "" : "; ") + std::string{"--exclude "} + joined(exclude);
    }
    judge_narrowing("filtered",
                    "the report is filtered (" + filters + "): other tables were not compared",
                    policy, decision);
  }
  if ((*scope)["partial"] != false) {
    judge_narrowing("partial",
                    "the report is partial: " +
                        scope->value("partial_reason", std::string{"not every row was read"}),
                    policy, decision);
  }
  for (const auto &[id, severity] : (*scope)["severity_overrides"].items()) {
    judge_narrowing("overrides",
                    "severity override at audit time: " + id + "=" +
                        (severity.is_string() ? severity.get<std::string>() : severity.dump()),
                    policy, decision);
  }
  if (const auto &ignored = (*scope)["ignored_columns"]; !ignored.empty()) {
    judge_narrowing("ignored-columns",
                    "columns were left out of the comparison (--ignore-column " + joined(ignored) +
                        "): their values were not compared",
                    policy, decision);
  }
}

} // namespace

const std::vector<std::string> &scope_narrowings() {
  static const std::vector<std::string> k_narrowings{"data-only", "filtered", "partial",
                                                     "overrides", "ignored-columns"};
  return k_narrowings;
}

nlohmann::ordered_json seal(nlohmann::ordered_json document, const Digester &digest,
                            const Signer &sign) {
  const std::string text = canonical_text(document);
  document["digest"] = digest(text);
  if (sign) {
    document["signature"] = sign(text);
  } else {
    document.erase("signature");
  }
  return document;
}

nlohmann::ordered_json read_report(const std::string &path, const Digester &digest,
                                   const Verifier &verify) {
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
  if (document.value("command", "") == "retired") {
    throw ConfigError("report " + path +
                          " is a report of `pgparity retired` (writes to the old database after "
                          "the cutover), not of a comparison",
                      "give the gate the report of audit, migrate or watch");
  }
  if (!document.contains("report_version") || document["report_version"] != k_report_version) {
    throw ConfigError("report " + path + " has report_version " +
                          (document.contains("report_version") ? document["report_version"].dump()
                                                               : std::string{"(none)"}) +
                          ", this pgparity reads version " + std::to_string(k_report_version),
                      "check it with the pgparity version that wrote it");
  }
  const std::string canonical = canonical_text(document);
  if (!document.contains("digest") || !document["digest"].is_string() ||
      document["digest"].get<std::string>() != digest(canonical)) {
    throw ConfigError("report " + path +
                          " was changed after pgparity wrote it (its digest does "
                          "not match its contents)",
                      "run the comparison again rather than editing a report");
  }
  if (verify) {
    if (!document.contains("signature") || !document["signature"].is_string()) {
      throw ConfigError("report " + path + " is not signed, and a signing key was given",
                        "run the comparison again with the same --signing-key-file or "
                        "PGPARITY_SIGNING_KEY");
    }
    if (!verify(canonical, document["signature"].get<std::string>())) {
      throw ConfigError("report " + path +
                            " fails its signature check: it was edited after pgparity signed "
                            "it, or signed with another key",
                        "run the comparison again with the same key rather than editing a "
                        "report");
    }
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
    // A few tables by name: when one cause left thousands unverified, the report's grouped
    // reasons above already tell it, and the gate's answer stays readable.
    constexpr std::size_t k_tables_named = 5;
    std::size_t unverified = 0;
    for (const auto &table : report.value("tables", nlohmann::ordered_json::array())) {
      if (table.value("status", "") == "not_verified" && ++unverified <= k_tables_named) {
        why += "; " + table.value("name", "?") + " not verified";
      }
    }
    if (unverified > k_tables_named) {
      why += "; and " + std::to_string(unverified - k_tables_named) + " more tables not verified";
    }
    // The classes of objects left not compared, unless a reason above names them already.
    for (const auto &object_class : classes_not_compared(report)) {
      if (why.find("; " + object_class + " (") == std::string::npos) {
        why += "; " + object_class + " not compared";
      }
    }
    decision.reasons.push_back(why);
  } else if (status != "clean" && status != "failed") {
    decision.reasons.push_back("the report has no valid status");
  } else if (const auto classes = classes_not_compared(report); !classes.empty()) {
    // A report whose own coverage table leaves objects unverified cannot be clean or failed.
    decision.reasons.push_back("the report says " + status + ", yet its coverage leaves " +
                               joined(classes) + " not compared");
  }
  judge_scope(report, policy, decision);
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
  const auto today = utc_date(policy.now);
  for (const auto &waiver : policy.waivers) {
    if (expired(waiver, today)) {
      decision.expired_waivers.push_back(waiver.id + " " + waiver.object + " (expired " +
                                         iso_date(*waiver.expires) + ")");
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
