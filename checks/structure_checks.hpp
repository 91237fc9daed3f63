// The structural comparisons besides schema objects (schema_check.hpp). Each is a function of
// the two catalogs and the facts fetched beforehand (structure_facts.hpp); none reads a
// database. Finding ids and severities: docs/report.md.
#pragma once

#include "checks/structure_facts.hpp"
#include "core/catalog.hpp"
#include "report/finding.hpp"

#include <vector>

namespace pgparity::checks {

// Definitions of sequences, and whether the target's next value clears every column that draws
// from it and is not behind the source's, in the sequence's direction (a descending sequence's
// next value must be below its columns' minima). Positions come from the facts: next value is
// last_value + increment once called, last_value itself when is_called is false.
std::vector<report::Finding> check_sequences(const core::Catalog &source,
                                             const core::Catalog &target,
                                             const StructureFacts &facts);

// A target sequence to move on (up, or down for a descending one) so its next value clears both
// the source's position and every column that draws from it, with the statement that does it
// (always-quoted names).
struct SequenceFix {
  core::QualifiedName sequence;
  std::int64_t value = 0; // setval(sequence, value): the next nextval() returns value + increment
  std::string statement;
};

// The fixes for every sequence check_sequences reports behind (readable sequences present on
// both sides); empty when every position is right.
std::vector<SequenceFix> sequence_fixes(const core::Catalog &source, const core::Catalog &target,
                                        const StructureFacts &facts);

// Indexes matched by table and definition (names may differ after a restore); target indexes
// must be valid and ready, and not found corrupt by amcheck (facts).
std::vector<report::Finding> check_indexes(const core::Catalog &source, const core::Catalog &target,
                                           const StructureFacts &facts);

// Constraints matched by table, kind and definition; validated on the target; orphan counts
// for foreign keys from the facts.
std::vector<report::Finding> check_constraints(const core::Catalog &source,
                                               const core::Catalog &target,
                                               const StructureFacts &facts);

// Extensions, large objects, and the server and database settings that can change behaviour.
std::vector<report::Finding> check_environment(const core::Catalog &source,
                                               const core::Catalog &target,
                                               const StructureFacts &facts);

} // namespace pgparity::checks
