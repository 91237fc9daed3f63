#include "report/audit_report.hpp"

#include <algorithm>

namespace pgparity::report {

std::string to_string(Status status) {
  switch (status) {
  case Status::clean:
    return "clean";
  case Status::failed:
    return "failed";
  case Status::incomplete:
    return "incomplete";
  }
  return "incomplete";
}

std::string to_string(TableStatus status) {
  switch (status) {
  case TableStatus::match:
    return "match";
  case TableStatus::mismatch:
    return "mismatch";
  case TableStatus::missing_on_target:
    return "missing_on_target";
  case TableStatus::extra_on_target:
    return "extra_on_target";
  case TableStatus::not_verified:
    return "not_verified";
  }
  return "not_verified";
}

const Waiver *AuditReport::waiver_of(const Finding &finding) const {
  return waiver_for(finding.id, finding.object, waivers, utc_date(finished_at));
}

Status AuditReport::status() const {
  const bool unverified = !incomplete_reasons.empty() ||
                          std::any_of(tables.begin(), tables.end(), [](const TableResult &t) {
                            return t.status == TableStatus::not_verified;
                          });
  if (unverified) {
    return Status::incomplete;
  }
  const bool failing = std::any_of(findings.begin(), findings.end(), [&](const Finding &f) {
    return static_cast<int>(f.severity) >= static_cast<int>(fail_on) && waiver_of(f) == nullptr;
  });
  return failing ? Status::failed : Status::clean;
}

} // namespace pgparity::report
