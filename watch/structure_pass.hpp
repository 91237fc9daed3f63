// The structural checks of audit (checks/structure_check.hpp) as a watch runs them, at its start
// and at its end, so that watch's final report covers the whole scope and can open the gate on
// its own. One difference from audit: while the application writes to both databases it takes
// ids from the source's sequences, so the target's sequences trail the source's. A watch judges
// the target's sequences only against the target's own column maxima (sequence.behind_max stays
// an error); a sequence behind the source is information (sequence.trails_source). Reads only.
#pragma once

#include "checks/structure_check.hpp"
#include "core/catalog.hpp"
#include "core/snapshot_pool.hpp"
#include "report/audit_report.hpp"

#include <string_view>
#include <vector>

namespace pgparity::watch {

// check_structure, with the sequences judged for dual-write (judge_sequences_for_dual_write).
checks::StructureOutcome check_structure_during_watch(const core::Catalog &source,
                                                      const core::Catalog &target,
                                                      core::SnapshotPool &source_pool,
                                                      core::SnapshotPool &target_pool,
                                                      const checks::StructureFactOptions &options);

// Replaces each sequence.behind_source by sequence.trails_source (info): expected during
// dual-write, and set right at the cutover (migrate's --fix-sequences, or the setval named).
void judge_sequences_for_dual_write(std::vector<report::Finding> &findings);

// Adds the structural outcome to a watch's report: its findings, what it could not verify
// (making the report incomplete) and its timings, each timing named after `when` ("start",
// "end") so that the two runs stay apart.
void add_structure_outcome(report::AuditReport &report, const checks::StructureOutcome &outcome,
                           std::string_view when);

} // namespace pgparity::watch
