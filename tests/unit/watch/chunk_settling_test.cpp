#include "watch/chunk_settling.hpp"

#include <gtest/gtest.h>

using namespace pgparity::watch;
using namespace std::chrono_literals;
using pgparity::hashing::ChunkDigest;
using pgparity::hashing::Hash128;

namespace {

// A chunk state: n rows (enough to tell states apart here).
ChunkDigest state(std::uint64_t rows) { return ChunkDigest{rows, {}}; }
Hash128 row(std::uint64_t value) { return Hash128{value, 0}; }

constexpr Clock::duration k_max_lag = 60s;
const Clock::time_point k_start{};

} // namespace

TEST(ChunkSettling, TargetEqualToTheSourceIsEqual) {
  Timeline source;
  source.observe(state(2), k_start, k_max_lag);
  EXPECT_EQ(source.judge(state(2), k_start, k_max_lag).state, Settling::equal);
}

TEST(ChunkSettling, TargetAtAStateLeftWithinMaxLagIsInFlight) {
  Timeline source;
  source.observe(state(5), k_start, k_max_lag);
  source.observe(state(6), k_start + 10s, k_max_lag);
  const auto judged = source.judge(state(5), k_start + 30s, k_max_lag);
  EXPECT_EQ(judged.state, Settling::in_flight);
  EXPECT_EQ(judged.lag, 20s); // at least: the source left 5 before 6 was first seen
}

// Issue 13: a write applied to the source only, after a pass that found both sides equal. The
// target stays at the state the source left: in flight at first, diverged once max_lag passed.
TEST(ChunkSettling, LostWriteAfterACleanPassIsDivergedOnceMaxLagPasses) {
  Timeline source;
  source.observe(state(1), k_start, k_max_lag);
  EXPECT_EQ(source.judge(state(1), k_start, k_max_lag).state, Settling::equal);
  const auto written = k_start + 100s; // first read after the lost write
  source.observe(state(2), written, k_max_lag);
  EXPECT_EQ(source.judge(state(1), written, k_max_lag).state, Settling::in_flight);
  for (auto now = written + 10s; now <= written + k_max_lag; now += 10s) {
    source.observe(state(2), now, k_max_lag);
    EXPECT_EQ(source.judge(state(1), now, k_max_lag).state, Settling::in_flight);
  }
  const auto late = written + k_max_lag + 1s;
  source.observe(state(2), late, k_max_lag);
  const auto judged = source.judge(state(1), late, k_max_lag);
  EXPECT_EQ(judged.state, Settling::diverged);
  EXPECT_GT(judged.lag, k_max_lag);
}

// The old rule ("equal to one of the last N source states") passed a target stuck at an older
// state forever, however long ago the source left it, even while the source kept changing.
// Judged at every read, it is diverged at the first read after the source left its state by
// more than max_lag (watch then keeps the divergence open until a full read finds it equal).
TEST(ChunkSettling, TargetStuckAtAnOlderStateIsDiverged) {
  Timeline source;
  source.observe(state(1), k_start, k_max_lag);
  std::uint64_t n = 1;
  for (auto now = k_start + 5s; now <= k_start + 120s; now += 5s) {
    source.observe(state(++n), now, k_max_lag); // the source changes at every read
    const auto judged = source.judge(state(1), now, k_max_lag);
    if (now - (k_start + 5s) <= k_max_lag) {
      EXPECT_EQ(judged.state, Settling::in_flight) << (now - k_start).count();
    } else {
      EXPECT_EQ(judged.state, Settling::diverged) << (now - k_start).count();
      break;
    }
  }
  // Memory stays bounded: states left long ago are forgotten but the last few.
  for (auto now = k_start + 125s; now <= k_start + 600s; now += 5s) {
    source.observe(state(++n), now, k_max_lag);
  }
  EXPECT_LE(source.size(), 60s / 5s + Timeline::k_stale_states + 2);
}

TEST(ChunkSettling, TargetMatchingNoStateIsUnsettledWhileTheSourceMovesThenDiverged) {
  Timeline source;
  source.observe(state(10), k_start, k_max_lag);
  source.observe(state(11), k_start + 20s, k_max_lag);
  EXPECT_EQ(source.judge(state(99), k_start + 20s, k_max_lag).state, Settling::unsettled);
  // A difference seen at the very first read is not judged before max_lag either: it may be a
  // write in flight.
  EXPECT_EQ(source.judge(state(99), k_start + 20s + k_max_lag, k_max_lag).state,
            Settling::unsettled);
  source.observe(state(11), k_start + 21s + k_max_lag, k_max_lag);
  EXPECT_EQ(source.judge(state(99), k_start + 21s + k_max_lag, k_max_lag).state,
            Settling::diverged);
}

// Continuous writes that reach the target 2 s late, read every 5 s: the target always equals a
// state the source had a read or two ago (or none it was seen in), never one older than max_lag.
TEST(ChunkSettling, ContinuousWritesLaggingUnderMaxLagAreNeverDiverged) {
  Timeline source;
  std::uint64_t source_state = 0;
  std::uint64_t target_state = 0;
  std::map<std::uint64_t, Clock::time_point> written_at;
  for (auto now = k_start; now <= k_start + 600s; now += 1s) {
    written_at[++source_state] = now;
    while (written_at[target_state + 1] <= now - 2s) {
      ++target_state;
    }
    if ((now - k_start) % 5s == 0s) {
      source.observe(state(source_state), now, k_max_lag);
      const auto judged = source.judge(state(target_state), now, k_max_lag);
      EXPECT_NE(judged.state, Settling::diverged) << (now - k_start).count();
      EXPECT_LE(judged.lag, 5s);
    }
  }
}

// A chunk whose rows change all the time never equals a state seen as a whole, but each row's
// target equals its source or a recent state of it: not diverged. The row that lost its write
// is diverged once its source has been still for max_lag.
TEST(ChunkSettling, HotChunkWithRowsEachCatchingUpIsNotDiverged) {
  RowTimelines rows;
  const RowKey hot{"1"};
  const RowKey quiet{"2"};
  const RowKey lost{"3"};
  std::uint64_t hot_value = 100;
  for (auto now = k_start; now <= k_start + 300s; now += 5s) {
    const RowStates source{{hot, row(hot_value + 1)}, {quiet, row(7)}, {lost, row(9)}};
    // The target: the hot row one update behind, the quiet row caught up, the lost write never
    // arrived (8, a state the source was never read in).
    const RowStates target{{hot, row(hot_value)}, {quiet, row(7)}, {lost, row(8)}};
    const auto judged = rows.judge(source, target, true, now, k_max_lag);
    if (now - k_start <= k_max_lag) {
      EXPECT_NE(judged.chunk.state, Settling::diverged) << (now - k_start).count();
      EXPECT_TRUE(judged.diverged.empty());
    } else {
      EXPECT_EQ(judged.chunk.state, Settling::diverged);
      EXPECT_EQ(judged.diverged, std::vector<RowKey>{lost});
    }
    EXPECT_EQ(judged.differing.size(), 2u); // hot and lost, never quiet
    ++hot_value;
  }
}

TEST(ChunkSettling, HotChunkWithEveryRowCatchingUpIsNeverDiverged) {
  RowTimelines rows;
  const RowKey hot{"1"};
  const RowKey inserted{"5"};
  for (int i = 0; i < 100; ++i) {
    const auto now = k_start + i * 5s;
    RowStates source{{hot, row(static_cast<std::uint64_t>(i) + 1)}};
    RowStates target{{hot, row(static_cast<std::uint64_t>(i))}};
    if (i >= 50) {
      source[inserted] = row(1); // inserted at read 50; reaches the target a read later
    }
    if (i >= 51) {
      target[inserted] = row(1);
    }
    const auto judged = rows.judge(source, target, true, now, k_max_lag);
    EXPECT_NE(judged.chunk.state, Settling::diverged) << i;
    if (i > 0) {
      EXPECT_EQ(judged.chunk.state, Settling::in_flight) << i;
    }
  }
}

TEST(ChunkSettling, RowDeletedOnlyOnTheSourceIsDivergedAfterMaxLag) {
  RowTimelines rows;
  const RowKey gone{"4"};
  rows.judge({{gone, row(1)}}, {{gone, row(1)}}, true, k_start, k_max_lag);
  EXPECT_EQ(rows.judge({}, {{gone, row(1)}}, true, k_start + 5s, k_max_lag).chunk.state,
            Settling::in_flight);
  EXPECT_EQ(rows.judge({}, {{gone, row(1)}}, true, k_start + 70s, k_max_lag).chunk.state,
            Settling::diverged);
}

// A narrowed read (--changed-column) does not see old rows: a key it did not return on the
// source is not judged, and a source row it returned but the target did not is absent there.
TEST(ChunkSettling, NarrowedReadJudgesOnlyTheRowsItSawOnTheSource) {
  RowTimelines rows;
  const RowKey old_target_only{"1"};
  const RowKey recent{"2"};
  const auto judged =
      rows.judge({{recent, row(2)}}, {{old_target_only, row(5)}}, false, k_start, k_max_lag);
  EXPECT_EQ(judged.differing, std::vector<RowKey>{recent});
  EXPECT_EQ(judged.chunk.state, Settling::unsettled);
  EXPECT_EQ(rows.judge({{recent, row(2)}}, {}, false, k_start + 61s, k_max_lag).chunk.state,
            Settling::diverged);
}

TEST(ChunkSettling, WorseOrdersTheStates) {
  EXPECT_EQ(worse(Settling::equal, Settling::in_flight), Settling::in_flight);
  EXPECT_EQ(worse(Settling::diverged, Settling::unsettled), Settling::diverged);
  EXPECT_EQ(worse(Settling::unsettled, Settling::in_flight), Settling::unsettled);
}

// A row inserted after a read that found the whole chunk equal was absent then: while its
// insert is on its way to the target it is in flight, not unsettled.
TEST(ChunkSettling, RowInsertedAfterAnEqualReadIsInFlight) {
  RowTimelines rows;
  rows.reset(k_start); // the chunk read equal at k_start
  const RowKey inserted{"9"};
  const auto judged = rows.judge({{inserted, row(1)}}, {}, true, k_start + 5s, k_max_lag);
  EXPECT_EQ(judged.chunk.state, Settling::in_flight);
  EXPECT_EQ(rows.judge({{inserted, row(1)}}, {}, true, k_start + 70s, k_max_lag).chunk.state,
            Settling::diverged);
}
