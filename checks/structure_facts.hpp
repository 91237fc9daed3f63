// Facts the structural checks need beyond the two catalogs, fetched from the servers before
// comparing: sequence positions (both sides), the maximum and minimum of every column that
// draws from a sequence (target; a non-integer column's rounded outward to whole numbers, and a
// bound that is no bigint listed in `unverified`, never skipped), orphan counts of foreign keys
// missing or NOT VALID on the target, and large-object digests. Reading only; orphan counts run
// under a statement timeout. Per-object reads are batched and never pile up locks: the maxima
// release theirs on the same snapshot after each batch, sequence positions are read in short
// transactions outside it. What could not be fetched is listed, so the run is reported incomplete
// instead of clean.
#pragma once

#include "core/catalog.hpp"
#include "core/session.hpp"
#include "core/snapshot_pool.hpp"
#include "hashing/digest.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pgparity::checks {

using ColumnRef = std::pair<core::QualifiedName, std::string>;     // table, column
using ConstraintRef = std::pair<core::QualifiedName, std::string>; // table, constraint name

struct StructureFacts {
  // Positions of the sequences the role may read; a sequence on both sides whose position is
  // missing on either is listed in `unverified`.
  std::map<core::QualifiedName, core::SequencePosition> source_sequences;
  std::map<core::QualifiedName, core::SequencePosition> target_sequences;
  std::map<ColumnRef, std::optional<std::int64_t>> target_column_max; // absent value: empty
  std::map<ColumnRef, std::optional<std::int64_t>> target_column_min; // (descending sequences)
  // Columns drawing from a sequence whose values are not the sequence's (a text column whose
  // default is 'INV-' || nextval(…)): no maximum tells whether the next value collides. By
  // column, its type and default, as the report names them.
  std::map<ColumnRef, std::string> unjudged_columns;
  std::map<ConstraintRef, std::int64_t> target_orphans; // by the source's constraint
  std::map<std::uint32_t, hashing::Hash128> source_large_objects;
  std::map<std::uint32_t, hashing::Hash128> target_large_objects;
  std::map<core::QualifiedName, std::string> corrupt_indexes; // --amcheck: index → error
  std::vector<std::string> unverified;                        // what could not be fetched, and why
};

struct StructureFactOptions {
  bool deep = false;    // count orphans for every foreign key, not only broken ones
  bool amcheck = false; // run amcheck's bt_index_check on the target's B-tree indexes
  std::chrono::milliseconds orphan_timeout{60000};
  // Settings of the sessions opened for sequence positions, orphan counts (whose statement
  // limit is orphan_timeout) and amcheck: the run's lock and statement timeouts.
  core::SessionOptions sessions;
};

// The foreign keys of the source whose orphans must be counted on the target: those missing or
// NOT VALID there (every one with `deep`).
std::vector<const core::Constraint *> foreign_keys_to_count(const core::Catalog &source,
                                                            const core::Catalog &target, bool deep);

// Only the sequence positions of both sides and the maxima of the columns drawing from the
// target's sequences: what sequence_fixes needs (migrate's --fix-sequences). The sessions must
// not hold a snapshot; each query is a transaction of its own.
StructureFacts gather_sequence_facts(const core::Catalog &source, const core::Catalog &target,
                                     core::Session &source_session, core::Session &target_session);

StructureFacts gather_structure_facts(const core::Catalog &source, const core::Catalog &target,
                                      core::SnapshotPool &source_pool,
                                      core::SnapshotPool &target_pool,
                                      const StructureFactOptions &options);

} // namespace pgparity::checks
