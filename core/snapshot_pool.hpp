// A fixed set of sessions to one side that all read the same exported snapshot, so that work
// spread over several connections still sees the database at one instant. A dedicated session
// exports the snapshot and holds its transaction open, idle, while the pool lives; workers that
// lose their transaction (a failed query) or their connection adopt the same snapshot again, and
// once it cannot be adopted (the exporter is gone) they read nothing more.
#pragma once

#include "core/connection_string.hpp"
#include "core/session.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace pgparity::core {

class SnapshotPool {
public:
  // Opens one exporting session and `size` (at least 1) worker sessions, each in a REPEATABLE
  // READ READ ONLY transaction on the same snapshot. Throws as Session does.
  SnapshotPool(const ConnectionString &url, std::size_t size, const SessionOptions &options = {});

  std::size_t size() const noexcept { return m_workers.size(); }
  // Worker `index`, to be used by one thread at a time, inside the pool's snapshot.
  Session &session(std::size_t index) { return m_workers.at(index); }
  // Worker `index`; with `reconnect` (after a ConnectionError), on a new connection that adopts
  // the pool's snapshot. A worker never reads outside the snapshot: after a failed statement
  // it adopts it again by itself, and when the snapshot can no longer be adopted (the exporting
  // connection ended) its reads throw SnapshotLostError. Throws ConnectionError or
  // SnapshotLostError when reconnecting fails.
  Session &recover(std::size_t index, bool reconnect);
  // Ends worker `index`'s transaction and opens a new one on the same snapshot: it still sees
  // the same instant, but the locks taken on every table it read so far are released (a
  // transaction keeps them to its end, and a server's lock table is finite). Throws as
  // Session::restart_snapshot does; the worker then stays bound to the snapshot and refuses to
  // read outside it.
  void release_locks(std::size_t index);
  // The id every worker adopted (from pg_export_snapshot()).
  const std::string &snapshot_id() const noexcept { return m_snapshot_id; }
  const ConnectionString &url() const noexcept { return m_url; }

private:
  ConnectionString m_url;
  SessionOptions m_options;
  Session m_exporter;
  std::string m_snapshot_id;
  std::vector<Session> m_workers;
};

} // namespace pgparity::core
