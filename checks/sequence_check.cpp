#include "checks/object_matching.hpp"
#include "checks/structure_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace pgparity::checks {

namespace {

// The value nextval() would hand out next.
std::int64_t next_value(const core::Sequence &sequence) {
  return sequence.last_value ? *sequence.last_value + sequence.increment : sequence.start;
}

std::string setval(const core::Sequence &sequence, std::int64_t value) {
  return fmt::format("SELECT pg_catalog.setval('{}', {});", sequence.name.str(), value);
}

void compare_positions(const core::Sequence &source, const core::Sequence &target,
                       const StructureFacts &facts, std::vector<report::Finding> &findings) {
  if (target.increment < 0 || !target.readable) {
    return; // descending sequences are not judged; unreadable ones are not verified
  }
  const std::int64_t next = next_value(target);
  std::int64_t needed = next - 1; // the highest value that must already be taken
  std::set<ColumnRef> judged;     // a serial column is linked twice: OWNED BY and its default
  for (const auto &use : target.uses) {
    if (!judged.insert({use.table, use.column}).second) {
      continue;
    }
    auto it = facts.target_column_max.find({use.table, use.column});
    if (it == facts.target_column_max.end() || !it->second || *it->second < next) {
      continue;
    }
    needed = std::max(needed, *it->second);
    findings.push_back(report::make_finding(
        "sequences", "sequence.behind_max", target.name.str(),
        fmt::format("next value {} is not above the maximum {} of {}.{}: the next insert "
                    "collides; fix with {}",
                    next, *it->second, use.table.str(), use.column, setval(target, *it->second)),
        {{"next_value", next},
         {"column", use.table.str() + "." + use.column},
         {"column_max", *it->second},
         {"fix", setval(target, *it->second)}}));
  }
  if (source.readable && source.increment > 0 && next < next_value(source)) {
    const std::int64_t value = std::max(needed, next_value(source) - source.increment);
    findings.push_back(report::make_finding(
        "sequences", "sequence.behind_source", target.name.str(),
        fmt::format("next value {} on the target is behind {} on the source; fix with {}", next,
                    next_value(source), setval(target, value)),
        {{"target_next_value", next},
         {"source_next_value", next_value(source)},
         {"fix", setval(target, value)}}));
  }
}

} // namespace

std::vector<report::Finding> check_sequences(const core::Catalog &source,
                                             const core::Catalog &target,
                                             const StructureFacts &facts) {
  std::vector<report::Finding> findings;
  match_objects(
      source.sequences, target.sequences, [](const core::Sequence &s) { return s.name; },
      [&](const core::Sequence &s) {
        findings.push_back(report::make_finding("sequences", "sequence.missing", s.name.str(),
                                                "sequence missing on the target"));
      },
      [&](const core::Sequence &s) {
        findings.push_back(report::make_finding("sequences", "sequence.extra", s.name.str(),
                                                "sequence only on the target"));
      },
      [&](const core::Sequence &s, const core::Sequence &t) {
        const auto definition = [](const core::Sequence &q) {
          return fmt::format("{} increment {} min {} max {}{}", q.data_type, q.increment,
                             q.min_value, q.max_value, q.cycle ? " cycle" : "");
        };
        if (definition(s) != definition(t)) {
          findings.push_back(
              report::make_finding("sequences", "sequence.definition_changed", s.name.str(),
                                   "definition is " + definition(s) + " on the source but " +
                                       definition(t) + " on the target",
                                   {{"source", definition(s)}, {"target", definition(t)}}));
        }
        compare_positions(s, t, facts, findings);
      });
  return findings;
}

} // namespace pgparity::checks
