// What a completed phase of `migrate` leaves to the report (the restore's errors as findings,
// post-restore's statements as its entry of the report's migrate section), stored in the journal
// together with the phase's completion, in one atomic write. A resumed run, which does not repeat
// the phase, reports it again from there: a restore error found by the first run still closes
// the gate of every resumed one.
#pragma once

#include "report/finding.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pgparity::migrate {

struct PhaseMemory {
  // As the phase found them, before this run's --severity overrides.
  std::vector<report::Finding> findings;
  // The phase's entry in the report's migrate section (under the phase's name); null = none.
  nlohmann::ordered_json section;
};

// The memory as the journal stores it, in the completed phase's details.
nlohmann::ordered_json to_journal(const PhaseMemory &memory);

// The memory read back from a completed phase's details. Throws ConfigError naming
// `journal_path` when they are not what to_journal writes.
PhaseMemory phase_memory_from_journal(const nlohmann::ordered_json &details,
                                      const std::string &journal_path);

} // namespace pgparity::migrate
