#include "core/snapshot_pool.hpp"

#include "core/error.hpp"

namespace pgparity::core {

SnapshotPool::SnapshotPool(const ConnectionString &url, std::size_t size,
                           const SessionOptions &options) {
  if (size == 0) {
    throw InternalError(url.side() + ": a snapshot pool needs at least one session");
  }
  if (!options.read_only) {
    throw InternalError(url.side() + ": snapshot pools are for reading only");
  }
  m_sessions.reserve(size);
  Session &exporter = m_sessions.emplace_back(url, options);
  exporter.begin_snapshot();
  m_snapshot_id = exporter.export_snapshot();
  for (std::size_t i = 1; i < size; ++i) {
    m_sessions.emplace_back(url, options).begin_snapshot(m_snapshot_id);
  }
}

} // namespace pgparity::core
