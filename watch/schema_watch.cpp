#include "watch/schema_watch.hpp"

#include "core/catalog_reader.hpp"
#include "watch/catalog_marker.hpp"

#include <fmt/format.h>

namespace pgparity::watch {

std::pair<core::Catalog, core::Catalog> SchemaWatch::start(core::Session &source,
                                                           core::Session &target) {
  // The markers first: a change made while the catalogs are read shows at the next follow().
  m_source_marker = catalog_marker(source);
  m_target_marker = catalog_marker(target);
  auto catalogs = core::read_catalogs(source, target);
  m_source_shape = schema_shape(catalogs.first);
  m_target_shape = schema_shape(catalogs.second);
  return catalogs;
}

bool SchemaWatch::follow(core::Session &source, core::Session &target, int pass,
                         core::Catalog &source_catalog, core::Catalog &target_catalog,
                         const core::Log &log) {
  bool read_again = false;
  SchemaShape source_shape = m_source_shape;
  SchemaShape target_shape = m_target_shape;
  const auto follow_side = [&](core::Session &session, std::string &marker, core::Catalog &catalog,
                               SchemaShape &shape) {
    std::string now = catalog_marker(session);
    if (now == marker) {
      return;
    }
    marker = std::move(now);
    catalog = core::read_catalog(session);
    shape = schema_shape(catalog);
    read_again = true;
  };
  follow_side(source, m_source_marker, source_catalog, source_shape);
  follow_side(target, m_target_marker, target_catalog, target_shape);
  if (!read_again) {
    return false;
  }
  const auto before = m_open;
  const auto closed =
      track_drift(m_source_shape, m_target_shape, source_shape, target_shape, pass, m_open);
  for (const auto &[key, drift] : m_open) {
    if (before.count(key) == 0) {
      log.warning(fmt::format("schema drift: {} {} {} on the {} during the watch", key.first,
                              key.second, drift.change, drift.side));
    }
  }
  for (const auto &key : closed) {
    log.info(fmt::format("schema drift closed: {} {} is the same on both sides again", key.first,
                         key.second));
  }
  m_source_shape = std::move(source_shape);
  m_target_shape = std::move(target_shape);
  return true;
}

} // namespace pgparity::watch
