// The judgement of the straggler watch, a pure function of two looks at the retired database:
// which tables were written between them (a counter up, a new relfilenode, a table created or
// dropped), which counters went down (a statistics reset: writes made before it may be lost),
// and which sessions hold a transaction id (a write in progress, not yet in any counter). And
// the bookkeeping that folds each look into the report. No database here.
#pragma once

#include "report/straggler_report.hpp"
#include "watch/write_counters.hpp"

#include <vector>

namespace pgparity::watch {

// What changed from `previous` to `current`.
struct LookChanges {
  // Per table, what was written between the looks: counter increases, a rewrite, created or
  // dropped (first_seen and last_seen left empty). A counter that went down adds nothing.
  std::vector<report::TableWrites> writes;
  // Counters lower than at the previous look, and a changed pg_stat_database.stats_reset (as
  // counter "stats_reset", before and after 0): the statistics were reset between the looks.
  std::vector<report::CounterReset> resets;
  // Sessions of `current` holding a transaction id.
  std::vector<report::ClientSession> writing;
  // Every session of either look, as "application_name (pid N)": the candidates for the writes.
  std::vector<std::string> connected;
};

// Compares two looks of the same database, `previous` taken before `current`.
LookChanges judge_look(const Look &previous, const Look &current);

// Adds a look and its changes to `report`: sums the writes per table, records the sessions that
// held a transaction id and every client seen (one entry per pid and start time, with first and
// last seen), the resets, and the look's line (`number`, 0 for the baseline, which has no
// changes). `time` is the look's UTC time as reports write it.
void record_look(report::StragglerReport &report, int number, const std::string &time,
                 const Look &current, const LookChanges &changes);

// The verdict of a finished watch: "failed" when a write or a write in progress was seen,
// else "incomplete" when a reason is recorded, else "clean".
std::string straggler_status(const report::StragglerReport &report);

} // namespace pgparity::watch
