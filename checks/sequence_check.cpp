#include "checks/object_matching.hpp"
#include "checks/structure_checks.hpp"
#include "core/sql_quote.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

namespace pgparity::checks {

namespace {

std::string setval(const core::Sequence &sequence, std::int64_t value) {
  std::string name = core::quoted_identifier(sequence.name.schema) + "." +
                     core::quoted_identifier(sequence.name.name);
  std::string literal;
  for (const char c : name) {
    literal += c == '\'' ? "''" : std::string(1, c);
  }
  return fmt::format("SELECT pg_catalog.setval('{}', {});", literal, value);
}

// A column that holds a value the target's next value does not clear: at or above it for an
// ascending sequence, at or below it for a descending one.
struct ColumnAhead {
  const core::SequenceUse *use;
  std::int64_t column_value; // the column's maximum (ascending) or minimum (descending)
};

// Where the target sequence stands against its columns and the source, in the sequence's
// direction: the columns its next value does not clear, whether it is behind the source, and
// the value to set (setval(sequence, required): the next value is then required + increment).
struct Position {
  std::int64_t next = 0;
  std::int64_t source_next = 0;
  std::vector<ColumnAhead> columns_ahead;
  bool behind_source = false;
  std::int64_t required = 0; // the furthest value that must already be taken
};

std::optional<Position> judge_position(const core::Sequence &source, const core::Sequence &target,
                                       const StructureFacts &facts) {
  const auto target_at = facts.target_sequences.find(target.name);
  if (target_at == facts.target_sequences.end()) {
    return std::nullopt; // not read: named in facts.unverified
  }
  const bool ascending = target.increment > 0;
  // `a` is further along than `b` in the sequence's direction.
  const auto further = [&](std::int64_t a, std::int64_t b) { return ascending ? a > b : a < b; };
  const auto furthest = [&](std::int64_t a, std::int64_t b) { return further(a, b) ? a : b; };
  Position position;
  position.next = target_at->second.next_value(target.increment);
  position.required = position.next - target.increment;
  const auto &column_values = ascending ? facts.target_column_max : facts.target_column_min;
  std::set<ColumnRef> judged; // a serial column is linked twice: OWNED BY and its default
  for (const auto &use : target.uses) {
    if (!judged.insert({use.table, use.column}).second) {
      continue;
    }
    auto it = column_values.find({use.table, use.column});
    if (it == column_values.end() || !it->second || further(position.next, *it->second)) {
      continue;
    }
    position.required = furthest(position.required, *it->second);
    position.columns_ahead.push_back({&use, *it->second});
  }
  const auto source_at = facts.source_sequences.find(source.name);
  if (source_at != facts.source_sequences.end() && (source.increment > 0) == ascending) {
    position.source_next = source_at->second.next_value(source.increment);
    if (further(position.source_next, position.next)) {
      position.behind_source = true;
      position.required = furthest(position.required, position.source_next - target.increment);
    }
  }
  return position;
}

void compare_positions(const core::Sequence &source, const core::Sequence &target,
                       const StructureFacts &facts, std::vector<report::Finding> &findings) {
  std::set<ColumnRef> named;
  for (const auto &use : target.uses) {
    const auto unjudged = facts.unjudged_columns.find({use.table, use.column});
    if (unjudged != facts.unjudged_columns.end() && named.insert(unjudged->first).second) {
      const std::string column = use.table.str() + "." + use.column;
      findings.push_back(report::make_finding(
          "sequences", "sequence.column_not_judged", target.name.str(),
          fmt::format("{} ({}) draws from it, but its values are not the sequence's: whether the "
                      "next value collides with them is not judged",
                      column, unjudged->second),
          {{"column", column}}));
    }
  }
  const auto position = judge_position(source, target, facts);
  if (!position) {
    return;
  }
  const std::string fix = setval(target, position->required);
  const bool ascending = target.increment > 0;
  for (const auto &[use, column_value] : position->columns_ahead) {
    findings.push_back(report::make_finding(
        "sequences", "sequence.behind_max", target.name.str(),
        fmt::format("next value {} does not clear the {} {} of {}.{}: the next insert "
                    "collides; fix with {}",
                    position->next, ascending ? "maximum" : "minimum", column_value,
                    use->table.str(), use->column, fix),
        {{"next_value", position->next},
         {"column", use->table.str() + "." + use->column},
         {ascending ? "column_max" : "column_min", column_value},
         {"fix", fix}}));
  }
  if (position->behind_source) {
    findings.push_back(report::make_finding(
        "sequences", "sequence.behind_source", target.name.str(),
        fmt::format("next value {} on the target is behind {} on the source; fix with {}",
                    position->next, position->source_next, fix),
        {{"target_next_value", position->next},
         {"source_next_value", position->source_next},
         {"fix", fix}}));
  }
}

// The column the sequence is OWNED BY (a serial's, or ALTER SEQUENCE … OWNED BY), "none" when
// none. An identity column's sequence is linked otherwise (column.identity_changed).
std::string owned_by(const core::Sequence &sequence) {
  for (const auto &use : sequence.uses) {
    if (use.kind == core::SequenceUseKind::owned) {
      return use.table.str() + "." + use.column;
    }
  }
  return "none";
}

void compare_owner_column(const core::Sequence &source, const core::Sequence &target,
                          std::vector<report::Finding> &findings) {
  const std::string s = owned_by(source);
  const std::string t = owned_by(target);
  if (s == t) {
    return;
  }
  findings.push_back(report::make_finding(
      "sequences", "sequence.owned_by_changed", source.name.str(),
      fmt::format("owned by {} on the source but by {} on the target: dropping a column (or its "
                  "table) drops the sequences it owns, and pg_dump --table dumps them with it",
                  s, t),
      {{"source", s}, {"target", t}}));
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
          return fmt::format("{} increment {} min {} max {}{}{}", q.data_type, q.increment,
                             q.min_value, q.max_value, q.cycle ? " cycle" : "",
                             q.unlogged ? " unlogged" : "");
        };
        if (definition(s) != definition(t)) {
          findings.push_back(
              report::make_finding("sequences", "sequence.definition_changed", s.name.str(),
                                   "definition is " + definition(s) + " on the source but " +
                                       definition(t) + " on the target",
                                   {{"source", definition(s)}, {"target", definition(t)}}));
        }
        compare_owner_column(s, t, findings);
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
