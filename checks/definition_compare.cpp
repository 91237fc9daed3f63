#include "checks/definition_compare.hpp"

#include <array>
#include <cctype>
#include <cstddef>
#include <optional>
#include <string>

namespace pgparity::checks {

namespace {

bool identifier_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool identifier_part(char c) {
  return identifier_start(c) || std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '$';
}

bool operator_char(char c) {
  constexpr std::string_view k_operator_chars = "+-*/<>=~!@#%^&|`?";
  return k_operator_chars.find(c) != std::string_view::npos;
}

// The text from `begin` up to and including the closing `quote` (a doubled quote is part of
// the token), or to the end of the text when it is not closed.
std::size_t quoted_end(std::string_view text, std::size_t begin, char quote) {
  std::size_t i = begin + 1;
  while (i < text.size()) {
    if (text[i] == quote) {
      if (i + 1 < text.size() && text[i + 1] == quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return text.size();
}

// Splits deparsed SQL into tokens: quoted literals and identifiers whole, words, numbers,
// operator runs, `::` and single punctuation; whitespace dropped.
std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    std::size_t end = i + 1;
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
      continue;
    }
    if (c == '\'' || c == '"') {
      end = quoted_end(text, i, c);
    } else if (identifier_start(c)) {
      while (end < text.size() && identifier_part(text[end])) {
        ++end;
      }
    } else if (std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '$') {
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) != 0 ||
                                   text[end] == '.' || text[end] == '_')) {
        ++end;
      }
    } else if (c == ':' && i + 1 < text.size() && text[i + 1] == ':') {
      end = i + 2;
    } else if (operator_char(c)) {
      while (end < text.size() && operator_char(text[end])) {
        ++end;
      }
    }
    tokens.emplace_back(text.substr(i, end - i));
    i = end;
  }
  return tokens;
}

bool is_word(const std::string &token) { return !token.empty() && identifier_start(token[0]); }
bool is_name(const std::string &token) { return is_word(token) || token.front() == '"'; }

// Keywords that end the FROM list of a query level.
bool ends_from_list(const std::string &token) {
  static const std::array<std::string_view, 13> k_keywords = {
      "WHERE", "GROUP", "HAVING", "WINDOW",    "ORDER",  "LIMIT", "OFFSET",
      "FETCH", "FOR",   "UNION",  "INTERSECT", "EXCEPT", ";"};
  for (auto keyword : k_keywords) {
    if (token == keyword) {
      return true;
    }
  }
  return false;
}

// Keywords a FROM item may hold that name nothing.
bool from_item_keyword(const std::string &token) {
  return token == "ONLY" || token == "LATERAL" || token == "AS" || token == "ROWS" ||
         token == "WITH" || token == "ORDINALITY";
}

// The name a query's top level reads its one relation by (its alias, else its own name), or
// nothing when the top level reads several relations, none, or is a set operation.
std::optional<std::string> sole_relation_name(const std::vector<std::string> &tokens) {
  int depth = 0;
  std::optional<std::size_t> from;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string &t = tokens[i];
    if (t == "(" || t == "[") {
      ++depth;
    } else if (t == ")" || t == "]") {
      --depth;
    } else if (depth == 0 && t == "FROM" &&
               (i == 0 || (tokens[i - 1] != "ROWS" && tokens[i - 1] != "DISTINCT"))) {
      if (from) {
        return std::nullopt; // a second top-level FROM: a set operation
      }
      from = i;
    } else if (depth == 0 && (t == "UNION" || t == "INTERSECT" || t == "EXCEPT")) {
      return std::nullopt;
    }
  }
  if (!from) {
    return std::nullopt;
  }
  std::optional<std::string> name;
  depth = 0;
  for (std::size_t i = *from + 1; i < tokens.size(); ++i) {
    const std::string &t = tokens[i];
    if (t == "(" || t == "[") {
      ++depth;
      continue;
    }
    if (t == ")" || t == "]") {
      --depth;
      continue;
    }
    if (depth > 0) {
      continue;
    }
    if (ends_from_list(t)) {
      break;
    }
    if (t == "," || t == "JOIN") {
      return std::nullopt;
    }
    if (t == "TABLESAMPLE") {
      break; // what follows is the sampling method, not a name
    }
    const bool qualifies_next = i + 1 < tokens.size() && tokens[i + 1] == ".";
    if (is_name(t) && !from_item_keyword(t) && !qualifies_next) {
      name = t;
    }
  }
  return name;
}

// Drops `name .` where it qualifies a column: not the second part of a qualified name, not a
// type after `::`, not a schema before a function's `(`, and not a whole-row `name.*` (every
// server qualifies those).
std::vector<std::string> without_qualifier(const std::vector<std::string> &tokens,
                                           const std::string &name) {
  std::vector<std::string> out;
  out.reserve(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const bool qualifier = tokens[i] == name && i + 2 < tokens.size() && tokens[i + 1] == "." &&
                           is_name(tokens[i + 2]) &&
                           (i + 3 >= tokens.size() || tokens[i + 3] != "(") &&
                           (i == 0 || (tokens[i - 1] != "." && tokens[i - 1] != "::"));
    if (qualifier) {
      ++i; // skip the name and its dot
      continue;
    }
    out.push_back(tokens[i]);
  }
  return out;
}

// The index of the `)` closing the `(` at `open`, or tokens.size() when unbalanced.
std::size_t closing(const std::vector<std::string> &tokens, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < tokens.size(); ++i) {
    if (tokens[i] == "(") {
      ++depth;
    } else if (tokens[i] == ")" && --depth == 0) {
      return i;
    }
  }
  return tokens.size();
}

// The one boolean operator (AND or OR) joining the operands of the group tokens(open, close),
// or "" when there is none, both, or the group is a list (a comma at its own level).
std::string group_operator(const std::vector<std::string> &tokens, std::size_t open,
                           std::size_t close) {
  std::string op;
  int depth = 0;
  for (std::size_t i = open + 1; i < close; ++i) {
    const std::string &t = tokens[i];
    if (t == "(" || t == "[") {
      ++depth;
    } else if (t == ")" || t == "]") {
      --depth;
    } else if (depth == 0 && t == ",") {
      return "";
    } else if (depth == 0 && (t == "AND" || t == "OR")) {
      if (!op.empty() && op != t) {
        return "";
      }
      op = t;
    }
  }
  return op;
}

// `((p AND q) AND r)` as `(p AND q AND r)`, and the same for OR. The server keeps the nested
// form it builds from BETWEEN and row comparisons, while re-reading the printed text (a
// restore) flattens a left-nested chain of one operator: a re-association, never a change of
// meaning.
std::vector<std::string> flat_boolean_chains(std::vector<std::string> tokens) {
  for (std::size_t open = 0; open < tokens.size(); ++open) {
    if (tokens[open] != "(" || open + 1 >= tokens.size() || tokens[open + 1] != "(") {
      continue;
    }
    const std::size_t close = closing(tokens, open);
    const std::size_t inner_close = closing(tokens, open + 1);
    if (close >= tokens.size() || inner_close + 1 >= close) {
      continue;
    }
    const std::string op = group_operator(tokens, open, close);
    if (op.empty() || tokens[inner_close + 1] != op ||
        group_operator(tokens, open + 1, inner_close) != op) {
      continue;
    }
    tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(inner_close));
    tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(open + 1));
    --open; // the same group again: its first operand may be a chain too
  }
  return tokens;
}

// The position just past the parenthesis closing the one at `open`, quotes skipped.
std::size_t after_closing_parenthesis(std::string_view text, std::size_t open) {
  int depth = 0;
  std::size_t i = open;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\'' || c == '"') {
      i = quoted_end(text, i, c);
      continue;
    }
    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    ++i;
    if (depth == 0) {
      break;
    }
  }
  return i;
}

// Drops `AS t` right after a cast to `t` (`'b'::text AS text`): the alias is the name the
// server derives for that column anyway, and a restore prints it in places the source did not
// (the later branches of a UNION, a SQL-standard body's result columns). It changes nothing.
std::vector<std::string> without_derived_aliases(std::vector<std::string> tokens) {
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const bool derived = tokens[i] == "AS" && i + 1 < tokens.size() && kept.size() >= 2 &&
                         kept[kept.size() - 2] == "::" && kept.back() == tokens[i + 1];
    if (derived) {
      ++i; // and its name
      continue;
    }
    kept.push_back(std::move(tokens[i]));
  }
  return kept;
}

} // namespace

std::string without_storage_parameters(std::string_view text) {
  int depth = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\'' || c == '"') {
      i = quoted_end(text, i, c);
      continue;
    }
    if (!identifier_start(c)) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    while (end < text.size() && identifier_part(text[end])) {
      ++end;
    }
    std::size_t open = end;
    while (open < text.size() && text[open] == ' ') {
      ++open;
    }
    if (depth == 0 && text.substr(i, end - i) == "WITH" && open < text.size() &&
        text[open] == '(') {
      std::size_t from = i;
      while (from > 0 && text[from - 1] == ' ') {
        --from;
      }
      return std::string{text.substr(0, from)} +
             std::string{text.substr(after_closing_parenthesis(text, open))};
    }
    i = end;
  }
  return std::string{text};
}

std::vector<std::string> definition_tokens(DefinitionKind kind, std::string_view text) {
  std::vector<std::string> tokens = without_derived_aliases(flat_boolean_chains(tokenize(text)));
  if (kind == DefinitionKind::view_query) {
    if (auto name = sole_relation_name(tokens)) {
      return without_qualifier(tokens, *name);
    }
  }
  return tokens;
}

std::string canonical_definition(DefinitionKind kind, std::string_view text) {
  std::string joined;
  for (const auto &token : definition_tokens(kind, text)) {
    joined += std::to_string(token.size()) + ':' + token; // length-prefixed: unambiguous
  }
  return joined;
}

bool same_definition(DefinitionKind kind, std::string_view source, std::string_view target) {
  return source == target || definition_tokens(kind, source) == definition_tokens(kind, target);
}

bool same_optional_definition(DefinitionKind kind, const std::optional<std::string> &source,
                              const std::optional<std::string> &target) {
  return source.has_value() == target.has_value() &&
         (!source || same_definition(kind, *source, *target));
}

} // namespace pgparity::checks
