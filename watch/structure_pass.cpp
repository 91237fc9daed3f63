#include "watch/structure_pass.hpp"

#include <string>

namespace pgparity::watch {

checks::StructureOutcome check_structure_during_watch(const core::Catalog &source,
                                                      const core::Catalog &target,
                                                      core::SnapshotPool &source_pool,
                                                      core::SnapshotPool &target_pool,
                                                      const checks::StructureFactOptions &options) {
  auto outcome = checks::check_structure(source, target, source_pool, target_pool, options);
  judge_sequences_for_dual_write(outcome.findings);
  return outcome;
}

void judge_sequences_for_dual_write(std::vector<report::Finding> &findings) {
  for (auto &finding : findings) {
    if (finding.id != "sequence.behind_source") {
      continue;
    }
    finding = report::make_finding(
        finding.check, "sequence.trails_source", finding.object,
        finding.message + " (expected while the application writes to both databases and takes "
                          "ids from the source's sequences; set it at the cutover)",
        finding.details);
  }
}

void add_structure_outcome(report::AuditReport &report, const checks::StructureOutcome &outcome,
                           std::string_view when) {
  report.findings.insert(report.findings.end(), outcome.findings.begin(), outcome.findings.end());
  report.incomplete_reasons.insert(report.incomplete_reasons.end(), outcome.unverified.begin(),
                                   outcome.unverified.end());
  for (const auto &[name, seconds] : outcome.timings) {
    report.timings.emplace_back(std::string{when} + "_" + name, seconds);
  }
}

} // namespace pgparity::watch
