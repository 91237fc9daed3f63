// The work directory's record of a migration, for --resume: which phases completed (with their
// timings and details: what each left to the report) and which phase was started but not
// completed. Stored as journal.json in
// the work directory and rewritten atomically on every change (temp file, fsync, rename), so a
// kill at any moment leaves either the old or the new journal.
// Limits: one process per work directory (no locking); not thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgparity::migrate {

// The phases of `migrate`, in the order they run.
enum class Phase {
  preflight,
  maintenance_on,
  dump,
  restore,
  post_restore,
  verify,
  gate,
  cutover,
  maintenance_off,
};

// Every phase, in order.
inline constexpr std::array<Phase, 9> k_phases{
    Phase::preflight, Phase::maintenance_on, Phase::dump,
    Phase::restore,   Phase::post_restore,   Phase::verify,
    Phase::gate,      Phase::cutover,        Phase::maintenance_off};

// "preflight", "maintenance_on", …
std::string to_string(Phase phase);

// The phase named `name` (as to_string writes it), or nothing.
std::optional<Phase> parse_phase(std::string_view name);

// What a run migrates; a work directory holds the journal of exactly one.
struct JournalIdentity {
  std::string source;      // redacted source URL
  std::string target;      // redacted target URL
  std::string dump_source; // "pg_dump", or the --from-dump path

  bool operator==(const JournalIdentity &) const = default;
};

// One completed phase.
struct PhaseRecord {
  Phase phase;
  double seconds = 0;             // how long it took
  std::string completed_at;       // UTC, ISO 8601
  nlohmann::ordered_json details; // what the phase chose to remember (null when nothing)
};

class Journal {
public:
  // Opens work_dir/journal.json, creating the directory and the journal when missing. Throws
  // ConfigError when the journal belongs to another identity, cannot be read or is not a
  // journal, or when it cannot be written.
  static Journal open(const std::string &work_dir, const JournalIdentity &identity);

  // Path of journal.json.
  const std::string &path() const noexcept { return m_path; }

  const JournalIdentity &identity() const noexcept { return m_identity; }

  // True when `phase` completed in this or an earlier run.
  bool completed(Phase phase) const;

  // Records `phase` as completed after `seconds` (replacing an earlier record of it) and clears
  // it as in progress; rewrites the journal. Throws ConfigError when it cannot be written.
  void complete(Phase phase, double seconds, nlohmann::ordered_json details = {});

  // The latest phase, in pipeline order, that completed; nothing when none did.
  std::optional<Phase> last_completed() const;

  // Records `phase` as started but not completed; rewrites the journal. A resume then knows, e.g.,
  // that a restore was interrupted and the target is not empty. Throws ConfigError when it cannot
  // be written.
  void mark_started(Phase phase);

  // The phase started and not completed, if any.
  std::optional<Phase> in_progress() const;

  // Completed phases in pipeline order, with their timings.
  std::vector<PhaseRecord> completed_phases() const;

private:
  Journal(std::string path, JournalIdentity identity) noexcept
      : m_path(std::move(path)), m_identity(std::move(identity)) {}

  void load();
  void save() const;

  std::string m_path;
  JournalIdentity m_identity;
  std::string m_created_at;
  std::vector<PhaseRecord> m_completed; // in pipeline order
  std::optional<Phase> m_in_progress;
  std::string m_started_at; // when m_in_progress started
};

} // namespace pgparity::migrate
