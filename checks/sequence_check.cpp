#include "checks/object_matching.hpp"
#include "checks/structure_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

namespace pgparity::checks {

namespace {

// The value nextval() would hand out next.
std::int64_t next_value(const core::Sequence &sequence) {
  return sequence.last_value ? *sequence.last_value + sequence.increment : sequence.start;
}

// "name" with embedded double quotes doubled: valid for any identifier, whatever its case.
std::string quoted(const std::string &identifier) {
  std::string out = "\"";
  for (const char c : identifier) {
    out += c == '"' ? "\"\"" : std::string(1, c);
  }
  return out + "\"";
}

std::string setval(const core::Sequence &sequence, std::int64_t value) {
  std::string name = quoted(sequence.name.schema) + "." + quoted(sequence.name.name);
  std::string literal;
  for (const char c : name) {
    literal += c == '\'' ? "''" : std::string(1, c);
  }
  return fmt::format("SELECT pg_catalog.setval('{}', {});", literal, value);
}

struct ColumnAhead {
  const core::SequenceUse *use;
  std::int64_t column_max;
};

// Where the target sequence stands against its columns and the source: the columns whose
// maximum the next value does not clear, whether it is behind the source, and the value to set.
struct Position {
  std::int64_t next = 0;
  std::vector<ColumnAhead> columns_ahead;
  bool behind_source = false;
  std::int64_t required = 0; // the highest value that must already be taken
};

std::optional<Position> judge_position(const core::Sequence &source, const core::Sequence &target,
                                       const StructureFacts &facts) {
  if (target.increment < 0 || !target.readable) {
    return std::nullopt; // descending sequences are not judged; unreadable ones not verified
  }
  Position position;
  position.next = next_value(target);
  position.required = position.next - 1;
  std::set<ColumnRef> judged; // a serial column is linked twice: OWNED BY and its default
  for (const auto &use : target.uses) {
    if (!judged.insert({use.table, use.column}).second) {
      continue;
    }
    auto it = facts.target_column_max.find({use.table, use.column});
    if (it == facts.target_column_max.end() || !it->second || *it->second < position.next) {
      continue;
    }
    position.required = std::max(position.required, *it->second);
    position.columns_ahead.push_back({&use, *it->second});
  }
  if (source.readable && source.increment > 0 && position.next < next_value(source)) {
    position.behind_source = true;
    position.required = std::max(position.required, next_value(source) - source.increment);
  }
  return position;
}

void compare_positions(const core::Sequence &source, const core::Sequence &target,
                       const StructureFacts &facts, std::vector<report::Finding> &findings) {
  const auto position = judge_position(source, target, facts);
  if (!position) {
    return;
  }
  const std::string fix = setval(target, position->required);
  for (const auto &[use, column_max] : position->columns_ahead) {
    findings.push_back(report::make_finding(
        "sequences", "sequence.behind_max", target.name.str(),
        fmt::format("next value {} is not above the maximum {} of {}.{}: the next insert "
                    "collides; fix with {}",
                    position->next, column_max, use->table.str(), use->column, fix),
        {{"next_value", position->next},
         {"column", use->table.str() + "." + use->column},
         {"column_max", column_max},
         {"fix", fix}}));
  }
  if (position->behind_source) {
    findings.push_back(report::make_finding(
        "sequences", "sequence.behind_source", target.name.str(),
        fmt::format("next value {} on the target is behind {} on the source; fix with {}",
                    position->next, next_value(source), fix),
        {{"target_next_value", position->next},
         {"source_next_value", next_value(source)},
         {"fix", fix}}));
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

std::vector<SequenceFix> sequence_fixes(const core::Catalog &source, const core::Catalog &target,
                                        const StructureFacts &facts) {
  std::vector<SequenceFix> fixes;
  match_objects(
      source.sequences, target.sequences, [](const core::Sequence &s) { return s.name; },
      [](const core::Sequence &) {}, [](const core::Sequence &) {},
      [&](const core::Sequence &s, const core::Sequence &t) {
        const auto position = judge_position(s, t, facts);
        if (position && (position->behind_source || !position->columns_ahead.empty())) {
          fixes.push_back({t.name, position->required, setval(t, position->required)});
        }
      });
  return fixes;
}

} // namespace pgparity::checks
