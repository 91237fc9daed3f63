#include "report/straggler_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

namespace pgparity::report {

namespace {

constexpr int k_report_version = 1;

nlohmann::ordered_json optional_json(const std::optional<std::string> &value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json writes_json(const TableWrites &w) {
  return {{"table", w.table},
          {"inserted", w.inserted},
          {"updated", w.updated},
          {"hot_updated", w.hot_updated},
          {"deleted", w.deleted},
          {"rewrites", w.rewrites},
          {"created", w.created},
          {"dropped", w.dropped},
          {"first_seen", w.first_seen},
          {"last_seen", w.last_seen},
          {"connected_when_seen", w.connected_when_seen}};
}

nlohmann::ordered_json session_json(const ClientSession &s) {
  return {{"pid", s.pid},
          {"backend_start", s.backend_start},
          {"user", optional_json(s.user)},
          {"application_name", optional_json(s.application_name)},
          {"client_addr", optional_json(s.client_addr)},
          {"state", optional_json(s.state)},
          {"last_statement", optional_json(s.last_statement)},
          {"xact_start", optional_json(s.xact_start)},
          {"visible", s.visible},
          {"held_xid", optional_json(s.held_xid)},
          {"first_seen", s.first_seen},
          {"last_seen", s.last_seen}};
}

nlohmann::ordered_json look_json(const StragglerLook &look) {
  nlohmann::ordered_json json{{"look", look.look},
                              {"time", look.time},
                              {"inserted", look.inserted},
                              {"updated", look.updated},
                              {"deleted", look.deleted},
                              {"tables_written", look.tables_written},
                              {"writing_sessions", look.writing_sessions},
                              {"clients", look.clients},
                              {"resets", look.resets},
                              {"failed", look.failed}};
  if (look.failed) {
    json["error"] = look.error;
  }
  return json;
}

std::string or_unknown(const std::optional<std::string> &value, const char *unknown) {
  return value ? *value : unknown;
}

std::string describe(const ClientSession &s) {
  if (!s.visible) {
    return fmt::format("pid {} application_name {} (address and statement not visible: grant "
                       "pg_monitor)",
                       s.pid, or_unknown(s.application_name, "?"));
  }
  return fmt::format("pid {} application_name {} user {} from {} state {}; last statement: {}",
                     s.pid, or_unknown(s.application_name, "?"), or_unknown(s.user, "?"),
                     or_unknown(s.client_addr, "local socket"), or_unknown(s.state, "?"),
                     or_unknown(s.last_statement, "?"));
}

} // namespace

std::string render_straggler_json(const StragglerReport &report) {
  nlohmann::ordered_json json{{"tool", "pgparity"},
                              {"version", PGPARITY_VERSION},
                              {"report_version", k_report_version},
                              {"command", "retired"},
                              {"status", report.status},
                              {"started_at", report.started_at},
                              {"finished_at", report.finished_at},
                              {"retired",
                               {{"url", report.url},
                                {"server_version", report.server_version},
                                {"server_version_num", report.server_version_num}}},
                              {"interval", report.interval},
                              {"settle", report.settle},
                              {"covered_until", report.covered_until.empty()
                                                    ? nlohmann::ordered_json(nullptr)
                                                    : nlohmann::ordered_json(report.covered_until)},
                              {"incomplete_reasons", report.incomplete_reasons},
                              {"writes", nlohmann::ordered_json::array()},
                              {"writing_sessions", nlohmann::ordered_json::array()},
                              {"clients", nlohmann::ordered_json::array()},
                              {"resets", nlohmann::ordered_json::array()},
                              {"looks", nlohmann::ordered_json::array()},
                              {"limits", report.limits}};
  for (const auto &w : report.writes) {
    json["writes"].push_back(writes_json(w));
  }
  for (const auto &s : report.writing_sessions) {
    json["writing_sessions"].push_back(session_json(s));
  }
  for (const auto &s : report.clients) {
    json["clients"].push_back(session_json(s));
  }
  for (const auto &r : report.resets) {
    json["resets"].push_back({{"table", r.table},
                              {"counter", r.counter},
                              {"before", r.before},
                              {"after", r.after},
                              {"seen_at", r.seen_at}});
  }
  for (const auto &look : report.looks) {
    json["looks"].push_back(look_json(look));
  }
  return json.dump(2) + "\n";
}

std::string render_straggler_event(const StragglerLook &look) { return look_json(look).dump(); }

std::string render_straggler_summary(const StragglerReport &report) {
  std::string out = report.status == "clean"    ? "CLEAN"
                    : report.status == "failed" ? "FAILED"
                                                : "INCOMPLETE";
  out += fmt::format(" retired database {} (PostgreSQL {}): ", report.url, report.server_version);
  if (report.status == "clean") {
    out += fmt::format("no write from {} to {}\n", report.started_at, report.covered_until);
  } else if (report.status == "failed") {
    out += fmt::format("{} tables written, {} sessions holding a transaction\n",
                       report.writes.size(), report.writing_sessions.size());
  } else {
    out += "not every write could be seen\n";
  }
  for (const auto &w : report.writes) {
    std::string what =
        fmt::format("{} inserted, {} updated, {} deleted", w.inserted, w.updated, w.deleted);
    if (w.rewrites > 0) {
      what += fmt::format(", rewritten {} times (TRUNCATE, VACUUM FULL, CLUSTER, REFRESH or "
                          "ALTER TABLE)",
                          w.rewrites);
    }
    if (w.created) {
      what += ", created";
    }
    if (w.dropped) {
      what += ", dropped";
    }
    out += fmt::format(
        "  write: {}: {} (first seen {}; connected then: {})\n", w.table, what, w.first_seen,
        w.connected_when_seen.empty() ? "no session"
                                      : fmt::format("{}", fmt::join(w.connected_when_seen, ", ")));
  }
  for (const auto &s : report.writing_sessions) {
    out +=
        fmt::format("  write in progress: transaction {} held by {}\n", *s.held_xid, describe(s));
  }
  for (const auto &s : report.clients) {
    out += fmt::format("  client: {} (seen {} to {})\n", describe(s), s.first_seen, s.last_seen);
  }
  for (const auto &reason : report.incomplete_reasons) {
    out += "  incomplete: " + reason + "\n";
  }
  return out;
}

} // namespace pgparity::report
