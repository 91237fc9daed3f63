#include "checks/structure_check.hpp"

#include "checks/schema_check.hpp"
#include "checks/structure_checks.hpp"

#include <chrono>

namespace pgparity::checks {

StructureOutcome check_structure(const core::Catalog &source, const core::Catalog &target,
                                 core::SnapshotPool &source_pool, core::SnapshotPool &target_pool,
                                 const StructureFactOptions &options) {
  using Clock = std::chrono::steady_clock;
  StructureOutcome outcome;
  auto started = Clock::now();
  StructureFacts facts = gather_structure_facts(source, target, source_pool, target_pool, options);
  outcome.timings.emplace_back("structure_facts",
                               std::chrono::duration<double>(Clock::now() - started).count());
  started = Clock::now();
  for (auto &&part : {check_environment(source, target, facts), check_schema(source, target),
                      check_sequences(source, target, facts), check_indexes(source, target, facts),
                      check_constraints(source, target, facts)}) {
    outcome.findings.insert(outcome.findings.end(), part.begin(), part.end());
  }
  outcome.unverified = std::move(facts.unverified);
  outcome.timings.emplace_back("structure",
                               std::chrono::duration<double>(Clock::now() - started).count());
  return outcome;
}

} // namespace pgparity::checks
