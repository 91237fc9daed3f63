// Schema drift during a watch: a table, column, index or sequence added, dropped or altered on
// one side only while the application writes to both. Pure: it compares the shapes of the
// catalogs read at two passes, per side, and keeps the drifts still open. A change made on both
// sides the same way (the application's migration run on each) opens nothing, or closes once the
// second side has it; a change on one side that leaves the two sides different stays open until
// they agree again. Differences the sides had before the watch are not drift: the structural
// checks of audit report them (watch/structure_pass.hpp).
#pragma once

#include "core/catalog.hpp"
#include "report/finding.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace pgparity::watch {

// (class, object) → what must be equal on both sides for that object to be the same, spelled
// so that both servers' deparsings of one definition compare equal. Classes: "table",
// "column" (object "schema.table.column"), "index", "sequence".
using ShapeKey = std::pair<std::string, std::string>;
using SchemaShape = std::map<ShapeKey, std::string>;

// The shape of the user's tables, columns, indexes and sequences in `catalog`.
SchemaShape schema_shape(const core::Catalog &catalog);

// A one-sided change still leaving the sides different.
struct OpenDrift {
  std::string side;   // the side that changed: "source", "target" or "both" (differently)
  std::string change; // "added", "dropped" or "altered"
  int since_pass = 0; // the pass whose catalogs first showed it
};
using OpenDrifts = std::map<ShapeKey, OpenDrift>;

// Brings `open` up to date with the catalogs of pass `pass`: an object whose shape changed on
// a side between `*_before` and `*_now` while the two sides now differ opens a drift (or keeps
// its first pass); an open drift whose two sides now agree is closed (removed). Returns the keys
// closed by this call.
std::vector<ShapeKey> track_drift(const SchemaShape &source_before,
                                  const SchemaShape &target_before, const SchemaShape &source_now,
                                  const SchemaShape &target_now, int pass, OpenDrifts &open);

// One finding per open drift: schema_drift.<class>, object named, which side changed, how, and
// since which pass.
std::vector<report::Finding> drift_findings(const OpenDrifts &open);

} // namespace pgparity::watch
