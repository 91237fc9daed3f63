#include "core/snapshot_pool.hpp"

#include "core/error.hpp"

namespace pgparity::core {

namespace {

const SessionOptions &checked(const ConnectionString &url, std::size_t size,
                              const SessionOptions &options) {
  if (size == 0) {
    throw InternalError(url.side() + ": a snapshot pool needs at least one session");
  }
  if (!options.read_only) {
    throw InternalError(url.side() + ": snapshot pools are for reading only");
  }
  return options;
}

} // namespace

SnapshotPool::SnapshotPool(const ConnectionString &url, std::size_t size,
                           const SessionOptions &options)
    : m_url(url), m_options(checked(url, size, options)), m_exporter(url, options) {
  m_exporter.begin_snapshot();
  m_snapshot_id = m_exporter.export_snapshot();
  m_workers.reserve(size);
  for (std::size_t i = 0; i < size; ++i) {
    m_workers.emplace_back(url, options).begin_snapshot(m_snapshot_id);
  }
}

void SnapshotPool::release_locks(std::size_t index) { m_workers.at(index).restart_snapshot(); }

Session &SnapshotPool::recover(std::size_t index, bool reconnect) {
  Session &worker = m_workers.at(index);
  if (reconnect) {
    worker = Session{m_url, m_options};
    worker.begin_snapshot(m_snapshot_id);
  }
  return worker;
}

} // namespace pgparity::core
