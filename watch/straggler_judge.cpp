#include "watch/straggler_judge.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace pgparity::watch {

namespace {

bool written(const report::TableWrites &w) {
  return w.inserted > 0 || w.updated > 0 || w.deleted > 0 || w.rewrites > 0 || w.created ||
         w.dropped;
}

// Adds current - previous of one counter to `delta`, or a reset when it went down.
void compare_counter(const std::string &table, const char *counter, std::int64_t before,
                     std::int64_t after, std::int64_t &delta,
                     std::vector<report::CounterReset> &resets) {
  if (after < before) {
    resets.push_back({table, counter, before, after, {}});
  } else {
    delta = after - before;
  }
}

void add_unique(std::vector<std::string> &items, const std::string &item) {
  if (std::find(items.begin(), items.end(), item) == items.end()) {
    items.push_back(item);
  }
}

template <typename Item, typename Key>
Item &find_or_add(std::vector<Item> &items, const Key &matches, Item fresh) {
  const auto it = std::find_if(items.begin(), items.end(), matches);
  if (it != items.end()) {
    return *it;
  }
  items.push_back(std::move(fresh));
  return items.back();
}

// Folds the newer view of a session into the recorded one: the last seen values win, a held
// transaction id is kept.
void merge_session(report::ClientSession &recorded, const report::ClientSession &seen,
                   const std::string &time) {
  const auto first_seen = recorded.first_seen;
  const auto held = recorded.held_xid;
  recorded = seen;
  recorded.first_seen = first_seen.empty() ? time : first_seen;
  recorded.last_seen = time;
  if (!recorded.held_xid) {
    recorded.held_xid = held;
  }
}

} // namespace

LookChanges judge_look(const Look &previous, const Look &current) {
  LookChanges changes;
  std::map<std::int64_t, const TableCounters *> before;
  for (const auto &t : previous.tables) {
    before.emplace(t.relid, &t);
  }
  for (const auto &now : current.tables) {
    report::TableWrites w;
    w.table = now.table;
    const auto it = before.find(now.relid);
    if (it == before.end()) {
      w.created = true;
      w.inserted = now.inserted;
      w.updated = now.updated;
      w.hot_updated = now.hot_updated;
      w.deleted = now.deleted;
    } else {
      const TableCounters &was = *it->second;
      before.erase(it);
      compare_counter(now.table, "inserted", was.inserted, now.inserted, w.inserted,
                      changes.resets);
      compare_counter(now.table, "updated", was.updated, now.updated, w.updated, changes.resets);
      compare_counter(now.table, "hot_updated", was.hot_updated, now.hot_updated, w.hot_updated,
                      changes.resets);
      compare_counter(now.table, "deleted", was.deleted, now.deleted, w.deleted, changes.resets);
      w.rewrites = was.relfilenode != now.relfilenode ? 1 : 0;
    }
    if (written(w)) {
      changes.writes.push_back(std::move(w));
    }
  }
  for (const auto &[relid, gone] : before) {
    report::TableWrites w;
    w.table = gone->table;
    w.dropped = true;
    changes.writes.push_back(std::move(w));
  }
  if (previous.stats_reset != current.stats_reset) {
    changes.resets.push_back({"(database)", "stats_reset", 0, 0, {}});
  }
  for (const auto &s : current.sessions) {
    if (s.held_xid) {
      changes.writing.push_back(s);
    }
  }
  for (const auto *look : {&previous, &current}) {
    for (const auto &s : look->sessions) {
      add_unique(changes.connected,
                 s.application_name.value_or("?") + " (pid " + std::to_string(s.pid) + ")");
    }
  }
  return changes;
}

void record_look(report::StragglerReport &report, int number, const std::string &time,
                 const Look &current, const LookChanges &changes) {
  report::StragglerLook line;
  line.look = number;
  line.time = time;
  for (const auto &w : changes.writes) {
    auto &total = find_or_add(
        report.writes, [&](const report::TableWrites &t) { return t.table == w.table; },
        report::TableWrites{w.table, 0, 0, 0, 0, 0, false, false, time, time, {}});
    total.inserted += w.inserted;
    total.updated += w.updated;
    total.hot_updated += w.hot_updated;
    total.deleted += w.deleted;
    total.rewrites += w.rewrites;
    total.created = total.created || w.created;
    total.dropped = total.dropped || w.dropped;
    total.last_seen = time;
    for (const auto &name : changes.connected) {
      add_unique(total.connected_when_seen, name);
    }
    line.inserted += w.inserted;
    line.updated += w.updated;
    line.deleted += w.deleted;
  }
  line.tables_written = static_cast<int>(changes.writes.size());
  for (const auto &r : changes.resets) {
    auto reset = r;
    reset.seen_at = time;
    report.resets.push_back(std::move(reset));
  }
  line.resets = static_cast<int>(changes.resets.size());
  const auto same = [](const report::ClientSession &a) {
    return [&a](const report::ClientSession &b) {
      return a.pid == b.pid && a.backend_start == b.backend_start;
    };
  };
  for (const auto &s : changes.writing) {
    merge_session(find_or_add(report.writing_sessions, same(s), report::ClientSession{}), s, time);
  }
  line.writing_sessions = static_cast<int>(changes.writing.size());
  for (const auto &s : current.sessions) {
    merge_session(find_or_add(report.clients, same(s), report::ClientSession{}), s, time);
  }
  line.clients = static_cast<int>(current.sessions.size());
  report.looks.push_back(std::move(line));
}

std::string straggler_status(const report::StragglerReport &report) {
  if (!report.writes.empty() || !report.writing_sessions.empty()) {
    return "failed";
  }
  return report.incomplete_reasons.empty() ? "clean" : "incomplete";
}

} // namespace pgparity::watch
