// A fixed set of sessions to one side that all read the same exported snapshot, so that work
// spread over several connections still sees the database at one instant. The first session
// exports the snapshot and keeps its transaction open while the pool lives.
#pragma once

#include "core/connection_string.hpp"
#include "core/session.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace pgparity::core {

class SnapshotPool {
public:
  // Opens `size` (at least 1) sessions, each in a REPEATABLE READ READ ONLY transaction on the
  // same snapshot. Throws as Session does.
  SnapshotPool(const ConnectionString &url, std::size_t size, const SessionOptions &options = {});

  std::size_t size() const noexcept { return m_sessions.size(); }
  // Session `index`, to be used by one thread at a time.
  Session &session(std::size_t index) { return m_sessions.at(index); }
  // The id every session adopted (from pg_export_snapshot()).
  const std::string &snapshot_id() const noexcept { return m_snapshot_id; }

private:
  std::vector<Session> m_sessions;
  std::string m_snapshot_id;
};

} // namespace pgparity::core
