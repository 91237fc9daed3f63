#include "watch/chunk_settling.hpp"

#include <algorithm>
#include <set>

namespace pgparity::watch {

Settling worse(Settling a, Settling b) {
  return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

void Timeline::observe(const hashing::ChunkDigest &state, Clock::time_point now,
                       Clock::duration max_lag) {
  if (m_seen.empty() || !(m_seen.back().state == state)) {
    m_seen.push_back({state, now});
  }
  // m_seen[i] was left when m_seen[i + 1] was first seen. Those left more than max_lag ago can
  // only prove a target stale: the last few of them are enough for that.
  std::size_t stale = 0;
  while (stale + 1 < m_seen.size() && now - m_seen[stale + 1].first_seen > max_lag) {
    ++stale;
  }
  const std::size_t forget = stale > k_stale_states ? stale - k_stale_states : 0;
  m_seen.erase(m_seen.begin(), m_seen.begin() + static_cast<std::ptrdiff_t>(forget));
}

Judgement Timeline::judge(const hashing::ChunkDigest &target, Clock::time_point now,
                          Clock::duration max_lag) const {
  if (m_seen.empty()) {
    return {Settling::unsettled, {}};
  }
  if (m_seen.back().state == target) {
    return {Settling::equal, {}};
  }
  // The newest earlier state the target equals: the source left it when its successor was
  // first seen, or later.
  for (std::size_t i = m_seen.size() - 1; i-- > 0;) {
    if (m_seen[i].state == target) {
      const Clock::duration lag = now - m_seen[i + 1].first_seen;
      return {lag > max_lag ? Settling::diverged : Settling::in_flight, lag};
    }
  }
  // No state seen: the target may hold one the source passed through between two reads, all of
  // which it left before its present state was first seen.
  const Clock::duration still = now - m_seen.back().first_seen;
  return {still > max_lag ? Settling::diverged : Settling::unsettled, still};
}

hashing::ChunkDigest row_state(const hashing::Hash128 &row_hash) {
  hashing::ChunkDigest state;
  state.add_row(row_hash);
  return state;
}

hashing::ChunkDigest absent_row() { return {}; }

RowsJudgement RowTimelines::judge(const RowStates &source, const RowStates &target, bool complete,
                                  Clock::time_point now, Clock::duration max_lag) {
  RowsJudgement result;
  result.chunk = {Settling::equal, {}};
  std::set<RowKey> keys;
  for (const auto &[key, hash] : source) {
    auto [it, added] = m_rows.try_emplace(key);
    if (added && complete && m_last_complete) {
      // A key new to a chunk read in full before was absent at that read: inserted since.
      it->second.observe(absent_row(), *m_last_complete, max_lag);
    }
    it->second.observe(row_state(hash), now, max_lag);
    keys.insert(key);
  }
  if (complete) {
    for (const auto &[key, hash] : target) {
      keys.insert(key);
    }
    for (auto &[key, timeline] : m_rows) {
      if (source.count(key) == 0) {
        timeline.observe(absent_row(), now, max_lag);
        keys.insert(key);
      }
    }
  }
  if (complete) {
    m_last_complete = now;
  }
  for (const auto &key : keys) {
    const auto found = target.find(key);
    const auto state = found == target.end() ? absent_row() : row_state(found->second);
    const Judgement judged = m_rows[key].judge(state, now, max_lag);
    if (judged.state == Settling::equal) {
      if (complete && source.count(key) == 0) {
        m_rows.erase(key); // gone from both sides: nothing left to remember
      }
      continue;
    }
    result.differing.push_back(key);
    (judged.state == Settling::diverged ? result.diverged : result.out_of_date).push_back(key);
    result.chunk.state = worse(result.chunk.state, judged.state);
    result.chunk.lag = std::max(result.chunk.lag, judged.lag);
  }
  return result;
}

} // namespace pgparity::watch
