#include "watch/chunk_settling.hpp"

#include <algorithm>

namespace pgparity::watch {

void SourceHistory::remember(const ChunkId &id, const hashing::ChunkDigest &source) {
  auto &states = m_states[id];
  if (states.empty() || !(states.back() == source)) {
    states.push_back(source);
  }
  while (states.size() > m_remembered) {
    states.pop_front();
  }
}

bool SourceHistory::seen(const ChunkId &id, const hashing::ChunkDigest &target) const {
  const auto it = m_states.find(id);
  return it != m_states.end() &&
         std::find(it->second.begin(), it->second.end(), target) != it->second.end();
}

Settling judge_read(const ChunkId &id, PendingChunk &pending, const hashing::ChunkDigest &source,
                    const hashing::ChunkDigest &target, SourceHistory &history) {
  history.remember(id, source);
  if (source == target || history.seen(id, target)) {
    pending.state = Settling::settled;
  } else {
    pending.state = source == pending.source ? Settling::diverged : Settling::moving;
  }
  pending.source = source;
  return pending.state;
}

} // namespace pgparity::watch
