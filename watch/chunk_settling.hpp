// How `watch` judges a chunk, or a row, whose target differs from the source while the
// application writes to both sides, as a pure function of what was read and when (the clock is
// passed in; no server). The rule is bounded by time: a target may trail the source by at most
// `max_lag`. Every source state seen is kept with the time it was first seen; a state's *age* is
// how long ago the source left it, which is at least the time since the next state was first
// seen. A target equal to the source is `equal`; equal to a state the source left at most
// max_lag ago, `in_flight`; equal to one it left longer ago, `diverged`. A target equal to no
// state seen may be at a state the source passed through between two reads: it is `unsettled`
// while the source changed within max_lag, and `diverged` once the source has been still for
// longer than max_lag. The one assumption: a state the source has left does not come back unseen
// within max_lag (rows carrying a timestamp or counter never do).
#pragma once

#include "hashing/digest.hpp"

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pgparity::watch {

using Clock = std::chrono::steady_clock;
using ChunkId = std::pair<std::size_t, std::size_t>; // job, chunk

enum class Settling {
  equal,     // the target equals the source's state now
  in_flight, // the target equals a state the source left at most max_lag ago
  unsettled, // the target equals no state seen and the source changed within max_lag
  diverged,  // the target trails by more than max_lag
};

// The worse of two judgements' states (diverged > unsettled > in_flight > equal).
Settling worse(Settling a, Settling b);

struct Judgement {
  Settling state = Settling::unsettled;
  // How far the target trails the source at least, if it holds a past state of the source
  // (zero when equal; when it equals no state seen, how long the source has been still).
  Clock::duration lag{};
};

// The states one source object (a chunk, or the rows of one key) was seen in, oldest first.
// Memory is bounded: a state the source left more than max_lag ago is forgotten, except the
// last k_stale_states of them (a target stuck at one is named diverged) and the newest.
class Timeline {
public:
  static constexpr std::size_t k_stale_states = 4;

  // Records the source's state read at `now` (a repeat of the newest is not stored again).
  void observe(const hashing::ChunkDigest &state, Clock::time_point now, Clock::duration max_lag);
  // Judges `target` read at `now` against the states seen.
  Judgement judge(const hashing::ChunkDigest &target, Clock::time_point now,
                  Clock::duration max_lag) const;
  bool empty() const { return m_seen.empty(); }
  std::size_t size() const { return m_seen.size(); }

private:
  struct Seen {
    hashing::ChunkDigest state;
    Clock::time_point first_seen;
  };
  std::deque<Seen> m_seen;
};

// A row's state as a digest of the rows with its key: one row, or none (absent).
hashing::ChunkDigest row_state(const hashing::Hash128 &row_hash);
hashing::ChunkDigest absent_row();

using RowKey = std::vector<std::string>;
using RowStates = std::map<RowKey, hashing::Hash128>; // key → row hash, one side's read

// The judgement of a differing chunk row by row.
struct RowsJudgement {
  Judgement chunk;                 // the worst of its rows
  std::vector<RowKey> diverged;    // keys of the rows diverged
  std::vector<RowKey> differing;   // keys whose target differs from the source now
  std::vector<RowKey> out_of_date; // keys in flight or unsettled (not diverged)
};

// The source rows of one chunk, key by key, across reads: a chunk written continuously never
// equals any state seen as a whole, but each of its rows catches up within the lag.
class RowTimelines {
public:
  // Observes the rows read at `now` and judges every differing key. `complete`: both reads
  // covered every row of the chunk, so a key missing on the source side is absent there; a
  // narrowed read (--changed-column) sees only recent rows, so a key it did not return on the
  // source is not judged, and a key missing on the target is judged as absent there.
  RowsJudgement judge(const RowStates &source, const RowStates &target, bool complete,
                      Clock::time_point now, Clock::duration max_lag);
  // Forgets every row once a read at `now` found the whole chunk equal on both sides: a key
  // seen later on the source only was absent then (rows are tracked again from that read).
  void reset(Clock::time_point now) {
    m_rows.clear();
    m_last_complete = now;
  }

private:
  std::map<RowKey, Timeline> m_rows;
  std::optional<Clock::time_point> m_last_complete; // of the last read of every row
};

} // namespace pgparity::watch
