// restore_findings: pg_restore's errors as Findings of the check "restore".
#include "migrate/restore_errors.hpp"

#include <fmt/format.h>

namespace pgparity::migrate {

namespace {

constexpr std::string_view k_check = "restore";
constexpr std::string_view k_ignored_id = "restore.ignored_error";
constexpr std::string_view k_error_id = "restore.error";

} // namespace

std::vector<report::Finding> restore_findings(const std::vector<RestoreError> &errors) {
  std::vector<report::Finding> findings;
  findings.reserve(errors.size());
  for (const auto &error : errors) {
    const std::string object = error.object.empty() ? std::string{"pg_restore"} : error.object;
    std::string message =
        error.harmless
            ? fmt::format("pg_restore error on {} ignored as harmless: {}", object, error.message)
            : fmt::format("pg_restore failed on {}: {}", object, error.message);
    nlohmann::ordered_json details{{"toc_entry", error.toc_entry},
                                   {"message", error.message},
                                   {"detail", error.detail},
                                   {"command", error.command},
                                   {"why_harmless", error.why_harmless}};
    findings.push_back(report::make_finding(std::string{k_check},
                                            std::string{error.harmless ? k_ignored_id : k_error_id},
                                            object, std::move(message), std::move(details)));
  }
  return findings;
}

} // namespace pgparity::migrate
