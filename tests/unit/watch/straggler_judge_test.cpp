// The straggler watch's judgement of two looks at the retired database (no server): counters up
// are writes, counters down are a reset, a new relfilenode is a rewrite, a session holding a
// transaction id is a write in progress; the bookkeeping sums writes and keeps sessions.
#include "watch/straggler_judge.hpp"

#include <gtest/gtest.h>

using namespace pgparity;
using watch::Look;
using watch::TableCounters;

namespace {

TableCounters orders(std::int64_t inserted, std::int64_t updated = 0, std::int64_t deleted = 0,
                     std::int64_t relfilenode = 500) {
  return {16400, "shop.orders", relfilenode, inserted, updated, 0, deleted};
}

report::ClientSession session(int pid, const std::string &application,
                              std::optional<std::string> xid = std::nullopt) {
  report::ClientSession s;
  s.pid = pid;
  s.backend_start = "2026-12-01 10:00:00+00";
  s.application_name = application;
  s.held_xid = std::move(xid);
  return s;
}

Look look(std::vector<TableCounters> tables, std::vector<report::ClientSession> sessions = {},
          std::optional<std::string> stats_reset = std::nullopt) {
  return {{}, std::move(tables), std::move(stats_reset), std::move(sessions)};
}

} // namespace

TEST(StragglerJudge, SameCountersAreNoWrite) {
  const auto before = look({orders(10, 2, 1)}, {session(7, "dashboard")});
  const auto changes = watch::judge_look(before, before);
  EXPECT_TRUE(changes.writes.empty());
  EXPECT_TRUE(changes.resets.empty());
  EXPECT_TRUE(changes.writing.empty());
}

TEST(StragglerJudge, CountersUpAreWritesWithTheirDeltas) {
  const auto changes =
      watch::judge_look(look({orders(10, 2, 1)}), look({orders(11, 5, 1)}, {session(7, "app")}));
  ASSERT_EQ(changes.writes.size(), 1u);
  EXPECT_EQ(changes.writes[0].table, "shop.orders");
  EXPECT_EQ(changes.writes[0].inserted, 1);
  EXPECT_EQ(changes.writes[0].updated, 3);
  EXPECT_EQ(changes.writes[0].deleted, 0);
  EXPECT_EQ(changes.connected, std::vector<std::string>{"app (pid 7)"});
}

TEST(StragglerJudge, ACounterThatWentDownIsAResetNotAWrite) {
  const auto changes = watch::judge_look(look({orders(10, 2)}), look({orders(0, 0)}));
  EXPECT_TRUE(changes.writes.empty());
  ASSERT_EQ(changes.resets.size(), 2u);
  EXPECT_EQ(changes.resets[0].counter, "inserted");
  EXPECT_EQ(changes.resets[0].before, 10);
  EXPECT_EQ(changes.resets[0].after, 0);
}

TEST(StragglerJudge, AChangedStatsResetTimeIsAResetEvenWithZeroCounters) {
  const auto changes = watch::judge_look(look({orders(0)}, {}, std::nullopt),
                                         look({orders(0)}, {}, "2026-12-01 10:00:05+00"));
  ASSERT_EQ(changes.resets.size(), 1u);
  EXPECT_EQ(changes.resets[0].counter, "stats_reset");
}

TEST(StragglerJudge, ANewRelfilenodeIsARewriteSuchAsTruncate) {
  const auto changes = watch::judge_look(look({orders(10)}), look({orders(10, 0, 0, 501)}));
  ASSERT_EQ(changes.writes.size(), 1u);
  EXPECT_EQ(changes.writes[0].rewrites, 1);
  EXPECT_EQ(changes.writes[0].inserted, 0);
}

TEST(StragglerJudge, TablesCreatedOrDroppedAreWrites) {
  TableCounters audit{16500, "shop.audit", 600, 3, 0, 0, 0};
  const auto created = watch::judge_look(look({orders(10)}), look({orders(10), audit}));
  ASSERT_EQ(created.writes.size(), 1u);
  EXPECT_TRUE(created.writes[0].created);
  EXPECT_EQ(created.writes[0].inserted, 3);
  const auto dropped = watch::judge_look(look({orders(10), audit}), look({orders(10)}));
  ASSERT_EQ(dropped.writes.size(), 1u);
  EXPECT_TRUE(dropped.writes[0].dropped);
  EXPECT_EQ(dropped.writes[0].table, "shop.audit");
}

TEST(StragglerJudge, ASessionHoldingATransactionIdIsAWriteInProgress) {
  const auto now = look({orders(10)}, {session(7, "dashboard"), session(8, "cron", "731")});
  const auto changes = watch::judge_look(look({orders(10)}), now);
  EXPECT_TRUE(changes.writes.empty());
  ASSERT_EQ(changes.writing.size(), 1u);
  EXPECT_EQ(changes.writing[0].application_name, "cron");
}

TEST(StragglerJudge, RecordLookSumsWritesAndKeepsEachSessionOnce) {
  report::StragglerReport report;
  const auto l0 = look({orders(10)}, {session(7, "app")});
  watch::record_look(report, 0, "t0", l0, watch::judge_look(l0, l0));
  EXPECT_EQ(watch::straggler_status(report), "clean");
  const auto l1 = look({orders(11)}, {session(7, "app", "900")});
  watch::record_look(report, 1, "t1", l1, watch::judge_look(l0, l1));
  const auto l2 = look({orders(13, 1)}, {session(7, "app")});
  watch::record_look(report, 2, "t2", l2, watch::judge_look(l1, l2));
  ASSERT_EQ(report.writes.size(), 1u);
  EXPECT_EQ(report.writes[0].inserted, 3);
  EXPECT_EQ(report.writes[0].updated, 1);
  EXPECT_EQ(report.writes[0].first_seen, "t1");
  EXPECT_EQ(report.writes[0].last_seen, "t2");
  ASSERT_EQ(report.clients.size(), 1u);
  EXPECT_EQ(report.clients[0].first_seen, "t0");
  EXPECT_EQ(report.clients[0].last_seen, "t2");
  ASSERT_EQ(report.writing_sessions.size(), 1u);
  EXPECT_EQ(report.writing_sessions[0].held_xid, "900");
  ASSERT_EQ(report.looks.size(), 3u);
  EXPECT_EQ(report.looks[1].inserted, 1);
  EXPECT_EQ(report.looks[2].inserted, 2);
  EXPECT_EQ(watch::straggler_status(report), "failed");
}

TEST(StragglerJudge, StatusIsIncompleteOnlyWithoutWrites) {
  report::StragglerReport report;
  report.incomplete_reasons.push_back("statistics reset");
  EXPECT_EQ(watch::straggler_status(report), "incomplete");
  report.writes.push_back({});
  EXPECT_EQ(watch::straggler_status(report), "failed");
}
