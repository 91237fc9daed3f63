// One connection to one side, owned by one thread. It pins the settings that make text output
// canonical (TimeZone UTC, ISO dates, hex bytea, full float precision, C money, empty
// search_path, UTF8, …) for the session and again in every transaction it opens, and by default
// makes every transaction read-only. libpqxx stays behind
// this interface; its exceptions come out as pgparity errors naming the side and the object.
#pragma once

#include "core/connection_string.hpp"
#include "core/result_set.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgparity::core {

struct SessionOptions {
  // Verification sessions are read-only: the server refuses any write they might attempt.
  bool read_only = true;
  // Per-statement limit; none when unset.
  std::optional<std::chrono::milliseconds> statement_timeout;
  // Limit on waiting for a lock; none when unset.
  std::optional<std::chrono::milliseconds> lock_timeout;
  // The name the session shows in pg_stat_activity; letters, digits, '-' and '_' only.
  std::string application_name = "pgparity";
};

class Session {
public:
  // Connects and pins the canonical settings. Throws ConfigError when the server refuses the
  // credentials or the database does not exist, ConnectionError when it cannot be reached.
  explicit Session(const ConnectionString &url, SessionOptions options = {});
  ~Session();
  Session(Session &&) noexcept;
  Session &operator=(Session &&) noexcept;

  // "source", "target", … as given by the connection string.
  const std::string &side() const noexcept;
  const std::string &redacted_url() const noexcept;
  // The server's version as a number, e.g. 150004.
  int server_version_num() const noexcept;

  // Runs `sql` with parameters $1… (never null). In a session bound to a snapshot (see
  // begin_snapshot), inside that snapshot; otherwise in a transaction of its own (read-only
  // unless the session is writable). Every transaction starts by pinning the canonical settings
  // for itself (SET LOCAL), so they hold even when a pooling proxy hands each transaction to
  // another server connection. `object` names what the query is about in error messages.
  // Throws QueryError or ConnectionError; SnapshotLostError when the session is bound to a
  // snapshot it cannot return to.
  ResultSet query(const std::string &sql, const std::vector<std::string> &params = {},
                  std::string_view object = {});

  // Opens a REPEATABLE READ transaction (READ ONLY for a read-only session) and binds the
  // session to its snapshot until end_snapshot(). With an id, it adopts that exported snapshot,
  // so it sees exactly what the exporting session sees. A bound session reads in that snapshot
  // or not at all: after a failed statement aborted the transaction, the next read rolls it
  // back and adopts the same snapshot again; when that is refused (the exporting transaction
  // ended), it and every later read throw SnapshotLostError. Throws the same when the first
  // adoption fails; the session is then bound all the same.
  void begin_snapshot(const std::optional<std::string> &snapshot_id = std::nullopt);
  // Ends the transaction of a session bound to an adopted snapshot and opens a new one on the
  // same snapshot, releasing the locks the old one held. Throws SnapshotLostError (and stays
  // bound) when the snapshot cannot be adopted again, ConnectionError when the connection broke.
  void restart_snapshot();
  // Exports the snapshot of a session that took a snapshot of its own (begin_snapshot without
  // an id), for other sessions to adopt.
  std::string export_snapshot();
  // Ends the snapshot transaction (rolled back: a reader has nothing to commit) and unbinds the
  // session, which then reads in transactions of its own again.
  void end_snapshot() noexcept;
  // Whether the session is bound to a snapshot (between begin_snapshot and end_snapshot).
  bool in_snapshot() const noexcept;

  // Runs `COPY (select_sql) TO STDOUT` (text format) and calls `on_row` with each row as COPY
  // prints it, without the newline: fields split by tabs, null as \N, special characters
  // backslash-escaped. The view is valid only during the call; each row is held in memory once.
  // Runs where query() would. Throws as query() does.
  void copy_out(const std::string &select_sql,
                const std::function<void(std::string_view row)> &on_row,
                std::string_view object = {});

  // Runs statements that change the database, in a transaction of their own that commits.
  // Throws InternalError on a read-only session or one bound to a snapshot.
  void execute(const std::string &sql);

  // `identifier` quoted for SQL by libpq (doubling quotes, adding them only where needed).
  std::string quote_name(std::string_view identifier) const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// Opens another session to a side this run has already reached. A refusal now (a password
// rotated or a role dropped mid-run) leaves what was being compared unverified: it is thrown as
// a ConnectionError (exit 3), never as a configuration error (exit 2, "nothing was compared").
Session open_again(const ConnectionString &url, SessionOptions options = {});

} // namespace pgparity::core
