// Follows both sides' schemas through a watch: reads the catalogs at its start and, before each
// later pass, asks each side for its catalog marker (watch/catalog_marker.hpp), reading again
// only the catalog of a side whose marker changed. Between two reads it tracks schema drift
// (watch/schema_drift.hpp): what changed on one side only and leaves the sides different.
#pragma once

#include "core/catalog.hpp"
#include "core/log.hpp"
#include "core/session.hpp"
#include "report/finding.hpp"
#include "watch/schema_drift.hpp"

#include <string>
#include <utility>
#include <vector>

namespace pgparity::watch {

class SchemaWatch {
public:
  // Both catalogs at the start of the watch, each read in a snapshot of its own.
  std::pair<core::Catalog, core::Catalog> start(core::Session &source, core::Session &target);

  // Before pass `pass`: reads again the catalog of each side whose marker changed into
  // `source_catalog` / `target_catalog`, updates the open drifts (logged as they open and
  // close), and returns whether either catalog was read again.
  bool follow(core::Session &source, core::Session &target, int pass, core::Catalog &source_catalog,
              core::Catalog &target_catalog, const core::Log &log);

  // One finding per drift still open (schema_drift.*).
  std::vector<report::Finding> findings() const { return drift_findings(m_open); }

private:
  std::string m_source_marker;
  std::string m_target_marker;
  SchemaShape m_source_shape;
  SchemaShape m_target_shape;
  OpenDrifts m_open;
};

} // namespace pgparity::watch
