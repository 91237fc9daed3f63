// How `watch` judges a chunk whose digests differ while the application writes to both sides,
// as a pure function of the digests read so far (no server): a target equal to a state the
// source had recently is a write in flight; a source that changed since the last read is still
// moving (unsettled); a stable source with a differing target has diverged.
#pragma once

#include "hashing/digest.hpp"

#include <cstddef>
#include <deque>
#include <map>
#include <utility>

namespace pgparity::watch {

using ChunkId = std::pair<std::size_t, std::size_t>; // job, chunk

// The last few source digests of every chunk, across reads and passes.
class SourceHistory {
public:
  explicit SourceHistory(std::size_t remembered = 8) : m_remembered(remembered) {}

  // Records `source` as the chunk's latest state (a repeat of the latest is not stored twice).
  void remember(const ChunkId &id, const hashing::ChunkDigest &source);
  // True when the source had the state `target` recently.
  bool seen(const ChunkId &id, const hashing::ChunkDigest &target) const;
  void clear() { m_states.clear(); }

private:
  std::size_t m_remembered;
  std::map<ChunkId, std::deque<hashing::ChunkDigest>> m_states;
};

enum class Settling {
  settled,  // the target equals the source now, or a state the source had: nothing to report
  moving,   // the source changed since the last read: not judged yet (unsettled)
  diverged, // the source did not change and the target still differs
};

// A chunk being re-read: the source digest of its last read.
struct PendingChunk {
  hashing::ChunkDigest source;
  Settling state = Settling::moving; // not judged before its first re-read
};

// Judges one more read of a pending chunk and remembers the source state it saw.
Settling judge_read(const ChunkId &id, PendingChunk &pending, const hashing::ChunkDigest &source,
                    const hashing::ChunkDigest &target, SourceHistory &history);

} // namespace pgparity::watch
