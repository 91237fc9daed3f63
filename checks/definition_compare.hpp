// Comparing definitions that PostgreSQL deparses (view queries, column defaults, CHECK
// constraints, index expressions and predicates, trigger conditions, policy expressions, rules,
// statistics expressions, publication row filters, SQL-standard function bodies) when the two
// servers may be of different major versions. Two texts are the same definition when their
// token streams are equal once the spelling changes known between majors are undone:
//   - layout: whitespace and line breaks never count (ruleutils' indentation changed over time);
//   - boolean chains: the server prints the AND it builds from BETWEEN or a row comparison as a
//     nested group, `((a >= 1) AND (a <= 9)) AND b`, and re-reading that text (every restore,
//     on any version) flattens it to `(a >= 1) AND (a <= 9) AND b`: a left-nested chain of one
//     operator is compared flat;
//   - view queries: PostgreSQL 16 dropped the OLD/NEW pseudo-relations from a view's stored
//     query, so where the top level reads a single relation, 16+ prints its columns bare (`id`)
//     and older servers qualified (`t.id`). Such a query is compared with that relation's
//     qualifier removed wherever it qualifies a column. Inside sub-selects every server
//     qualifies columns, so the canonical form stays unambiguous.
//   - derived aliases: `'b'::text AS text` (an alias equal to the cast's type, the name the
//     server gives the column anyway) is printed after a restore where the source had none, in
//     later UNION branches and SQL-standard bodies: such an alias is dropped.
// Anything else that differs is a different definition: a changed constant, operator, column or
// clause is always caught.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgparity::checks {

enum class DefinitionKind {
  view_query, // pg_get_viewdef() of a view or materialized view
  other,      // every other deparsed text (expressions, rules, index and constraint definitions)
};

// True when the two deparsed texts are the same definition.
bool same_definition(DefinitionKind kind, std::string_view source, std::string_view target);

// Two optional definitions (a default, a row filter, a SQL-standard body…): both absent, or both
// present and the same definition.
bool same_optional_definition(DefinitionKind kind, const std::optional<std::string> &source,
                              const std::optional<std::string> &target);

// The tokens the comparison sees, e.g. for a finding's details and tests.
std::vector<std::string> definition_tokens(DefinitionKind kind, std::string_view text);

// The tokens joined into one string: equal for two texts exactly when same_definition() holds,
// so it can key a map that pairs objects by definition.
std::string canonical_definition(DefinitionKind kind, std::string_view text);

// The text without its top-level `WITH ( … )` clause: the storage parameters pg_get_indexdef()
// and pg_get_constraintdef() print for an index, which are compared on their own (a different
// fillfactor is not a different index). Other text is returned as it is.
std::string without_storage_parameters(std::string_view text);

} // namespace pgparity::checks
