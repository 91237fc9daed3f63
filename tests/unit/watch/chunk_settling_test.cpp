#include "watch/chunk_settling.hpp"

#include <gtest/gtest.h>

using namespace pgparity::watch;
using pgparity::hashing::ChunkDigest;

namespace {

// A chunk state: n rows (enough to tell states apart here).
ChunkDigest state(std::uint64_t rows) { return ChunkDigest{rows, {}}; }

const ChunkId k_chunk{0, 0};

} // namespace

TEST(ChunkSettling, TargetCatchingUpIsSettled) {
  SourceHistory history;
  PendingChunk pending{state(2)}; // first sight: source 2, target 1
  EXPECT_EQ(judge_read(k_chunk, pending, state(2), state(2), history), Settling::settled);
}

TEST(ChunkSettling, TargetAtAnEarlierSourceStateIsInFlight) {
  SourceHistory history;
  history.remember(k_chunk, state(5)); // an earlier pass saw the source at 5
  PendingChunk pending{state(6)};
  // The source moved on to 7; the target shows 5, a state the source had: a write in flight.
  EXPECT_EQ(judge_read(k_chunk, pending, state(7), state(5), history), Settling::settled);
}

TEST(ChunkSettling, MovingSourceIsUnsettledNotDiverged) {
  SourceHistory history;
  PendingChunk pending{state(10)};
  EXPECT_EQ(judge_read(k_chunk, pending, state(11), state(3), history), Settling::moving);
  EXPECT_EQ(judge_read(k_chunk, pending, state(12), state(4), history), Settling::moving);
}

TEST(ChunkSettling, StableSourceWithADifferentTargetHasDiverged) {
  SourceHistory history;
  PendingChunk pending{state(10)};
  EXPECT_EQ(judge_read(k_chunk, pending, state(10), state(9), history), Settling::diverged);
  // Once the source moves again, the chunk is back to not judged.
  EXPECT_EQ(judge_read(k_chunk, pending, state(11), state(9), history), Settling::moving);
}

TEST(ChunkSettling, HistoryIsPerChunkAndBounded) {
  SourceHistory history{2};
  history.remember(k_chunk, state(1));
  history.remember(k_chunk, state(2));
  history.remember(k_chunk, state(3)); // 1 is forgotten
  EXPECT_FALSE(history.seen(k_chunk, state(1)));
  EXPECT_TRUE(history.seen(k_chunk, state(2)));
  EXPECT_FALSE(history.seen({0, 1}, state(2)));
  history.clear();
  EXPECT_FALSE(history.seen(k_chunk, state(3)));
}

TEST(ChunkSettling, NotJudgedBeforeItsFirstReRead) {
  const PendingChunk pending{state(1)};
  EXPECT_EQ(pending.state, Settling::moving); // an interrupted recheck never reports diverged
}
