// restore_error_object: the object a pg_restore error is about, named as reports name objects
// (unquoted, schema-qualified). Read from the head of the failed command, which pg_dump writes in
// a fixed form ("CREATE TABLE public.orders (", "ALTER TABLE ONLY sales.\"Order Items\"\n    ADD
// CONSTRAINT …"); else from the TOC entry for schemas and extensions, whose TOC entries carry
// no schema; else the TOC entry text itself.
#include "migrate/restore_errors.hpp"

#include <array>
#include <cctype>
#include <initializer_list>
#include <optional>

namespace pgparity::migrate {

namespace {

// Enough tokens to read any statement head pg_dump writes.
constexpr std::size_t k_head_tokens = 48;

struct Token {
  enum class Kind { word, quoted, literal, punctuation };
  Kind kind;
  std::string text; // unquoted for quoted identifiers and literals
};

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$';
}

// `text` between a quote character and its closing one, doubled quotes undone; `pos` ends past it.
std::string read_quoted(std::string_view text, std::size_t &pos, char quote) {
  std::string result;
  for (++pos; pos < text.size(); ++pos) {
    if (text[pos] == quote) {
      if (pos + 1 < text.size() && text[pos + 1] == quote) {
        result.push_back(quote);
        ++pos;
        continue;
      }
      ++pos;
      break;
    }
    result.push_back(text[pos]);
  }
  return result;
}

// The first tokens of `text`, up to the first ";".
std::vector<Token> tokenize_head(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t pos = 0;
  while (pos < text.size() && tokens.size() < k_head_tokens) {
    const char c = text[pos];
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++pos;
    } else if (c == '"') {
      tokens.push_back({Token::Kind::quoted, read_quoted(text, pos, '"')});
    } else if (c == '\'') {
      tokens.push_back({Token::Kind::literal, read_quoted(text, pos, '\'')});
    } else if (is_word_char(c)) {
      const auto start = pos;
      while (pos < text.size() && is_word_char(text[pos])) {
        ++pos;
      }
      tokens.push_back({Token::Kind::word, std::string{text.substr(start, pos - start)}});
    } else if (c == ';') {
      break;
    } else {
      tokens.push_back({Token::Kind::punctuation, std::string(1, c)});
      ++pos;
    }
  }
  return tokens;
}

bool same_keyword(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// A position in a token list with the few moves a statement head needs.
class Cursor {
public:
  explicit Cursor(const std::vector<Token> &tokens) : m_tokens(tokens) {}

  // Consumes `words` when the next tokens are exactly these keywords.
  bool keywords(std::initializer_list<std::string_view> words) {
    std::size_t at = m_at;
    for (const auto word : words) {
      if (at >= m_tokens.size() || m_tokens[at].kind != Token::Kind::word ||
          !same_keyword(m_tokens[at].text, word)) {
        return false;
      }
      ++at;
    }
    m_at = at;
    return true;
  }

  // Consumes one keyword out of `words`, if the next token is one of them.
  bool any_keyword(std::initializer_list<std::string_view> words) {
    for (const auto word : words) {
      if (keywords({word})) {
        return true;
      }
    }
    return false;
  }

  // Moves past the next occurrence of `word`.
  bool skip_past(std::string_view word) {
    for (std::size_t at = m_at; at < m_tokens.size(); ++at) {
      if (m_tokens[at].kind == Token::Kind::word && same_keyword(m_tokens[at].text, word)) {
        m_at = at + 1;
        return true;
      }
    }
    return false;
  }

  // A possibly qualified name, its parts unquoted: public."Order Items" → {public, Order Items}.
  std::vector<std::string> name() {
    std::vector<std::string> parts;
    while (m_at < m_tokens.size() && (m_tokens[m_at].kind == Token::Kind::word ||
                                      m_tokens[m_at].kind == Token::Kind::quoted)) {
      parts.push_back(m_tokens[m_at].text);
      ++m_at;
      if (m_at + 1 < m_tokens.size() && m_tokens[m_at].text == "." &&
          m_tokens[m_at].kind == Token::Kind::punctuation) {
        ++m_at;
      } else {
        break;
      }
    }
    return parts;
  }

  // The next token's text when it is a string literal.
  std::optional<std::string> literal() {
    if (m_at < m_tokens.size() && m_tokens[m_at].kind == Token::Kind::literal) {
      return m_tokens[m_at++].text;
    }
    return std::nullopt;
  }

  bool punctuation(char c) {
    if (m_at < m_tokens.size() && m_tokens[m_at].kind == Token::Kind::punctuation &&
        m_tokens[m_at].text[0] == c) {
      ++m_at;
      return true;
    }
    return false;
  }

private:
  const std::vector<Token> &m_tokens;
  std::size_t m_at = 0;
};

std::string join(const std::vector<std::string> &parts) {
  std::string result;
  for (const auto &part : parts) {
    if (!result.empty()) {
      result.push_back('.');
    }
    result.append(part);
  }
  return result;
}

std::string labelled(std::string_view label, const std::vector<std::string> &name) {
  return name.empty() ? std::string{} : std::string{label} + join(name);
}

// `owner.member`: a constraint, trigger or policy under its table.
std::string member_of(const std::vector<std::string> &owner,
                      const std::vector<std::string> &member) {
  if (owner.empty() || member.empty()) {
    return {};
  }
  return join(owner) + "." + join(member);
}

std::string object_from_create(Cursor &head) {
  head.keywords({"OR", "REPLACE"});
  head.any_keyword({"UNLOGGED", "UNIQUE", "FOREIGN", "MATERIALIZED"});
  if (head.keywords({"SCHEMA"})) {
    return labelled("schema ", head.name());
  }
  if (head.keywords({"EXTENSION"})) {
    head.keywords({"IF", "NOT", "EXISTS"});
    return labelled("extension ", head.name());
  }
  if (head.keywords({"INDEX"})) {
    head.keywords({"CONCURRENTLY"});
    const auto index = head.name();
    if (index.empty() || !head.keywords({"ON"})) {
      return {};
    }
    head.keywords({"ONLY"});
    auto table = head.name();
    if (table.size() < 2) {
      return join(index);
    }
    table.pop_back(); // an index lives in its table's schema: schema.index
    return member_of(table, index);
  }
  if (head.keywords({"CONSTRAINT", "TRIGGER"}) || head.any_keyword({"TRIGGER", "POLICY"})) {
    const auto member = head.name();
    if (member.empty() || !head.skip_past("ON")) {
      return {};
    }
    return member_of(head.name(), member);
  }
  if (head.any_keyword(
          {"TABLE", "VIEW", "SEQUENCE", "TYPE", "DOMAIN", "FUNCTION", "PROCEDURE", "AGGREGATE"})) {
    return join(head.name());
  }
  return {};
}

std::string object_from_comment(Cursor &head) {
  if (head.keywords({"SCHEMA"})) {
    return labelled("schema ", head.name());
  }
  if (head.keywords({"EXTENSION"})) {
    return labelled("extension ", head.name());
  }
  if (head.keywords({"CONSTRAINT"})) {
    const auto constraint = head.name();
    if (constraint.empty() || !head.keywords({"ON"})) {
      return {};
    }
    head.keywords({"DOMAIN"});
    return member_of(head.name(), constraint);
  }
  head.any_keyword({"MATERIALIZED", "FOREIGN"});
  if (head.any_keyword({"TABLE", "VIEW", "SEQUENCE", "COLUMN", "INDEX", "TYPE", "DOMAIN",
                        "FUNCTION", "PROCEDURE"})) {
    return join(head.name());
  }
  return {};
}

std::string object_from_alter(Cursor &head) {
  if (head.keywords({"SCHEMA"})) {
    return labelled("schema ", head.name());
  }
  if (head.keywords({"EXTENSION"})) {
    return labelled("extension ", head.name());
  }
  if (head.keywords({"TABLE"})) {
    head.keywords({"ONLY"});
    const auto table = head.name();
    if (head.keywords({"ADD", "CONSTRAINT"})) {
      return member_of(table, head.name());
    }
    return join(table);
  }
  head.any_keyword({"MATERIALIZED", "FOREIGN"});
  if (head.any_keyword({"SEQUENCE", "VIEW", "INDEX", "TYPE", "DOMAIN", "FUNCTION", "PROCEDURE"})) {
    return join(head.name());
  }
  return {};
}

std::string object_from_command(std::string_view command) {
  const auto tokens = tokenize_head(command);
  Cursor head{tokens};
  if (head.keywords({"CREATE"})) {
    return object_from_create(head);
  }
  if (head.keywords({"COMMENT", "ON"})) {
    return object_from_comment(head);
  }
  if (head.keywords({"ALTER"})) {
    return object_from_alter(head);
  }
  if (head.keywords({"COPY"}) || head.keywords({"REFRESH", "MATERIALIZED", "VIEW"})) {
    return join(head.name());
  }
  // SELECT pg_catalog.setval('public.orders_id_seq', 5, true);
  if (head.keywords({"SELECT", "pg_catalog"}) && head.punctuation('.') &&
      head.keywords({"setval"}) && head.punctuation('(')) {
    if (const auto sequence = head.literal()) {
      const auto inner = tokenize_head(*sequence);
      Cursor name{inner};
      return join(name.name());
    }
  }
  return {};
}

// "schema public" / "extension plpgsql" from TOC entries such as "7; 2615 16656 SCHEMA public
// postgres" or "3465; 0 0 COMMENT EXTENSION plpgsql"; empty for other kinds.
std::string object_from_toc_entry(std::string_view toc_entry) {
  const auto semicolon = toc_entry.find("; ");
  if (semicolon == std::string_view::npos) {
    return {};
  }
  auto rest = toc_entry.substr(semicolon + 2);
  for (int oid = 0; oid < 2; ++oid) { // table oid, object oid
    const auto space = rest.find(' ');
    if (space == std::string_view::npos) {
      return {};
    }
    rest.remove_prefix(space + 1);
  }
  constexpr std::array<std::pair<std::string_view, std::string_view>, 5> k_kinds{{
      {"SCHEMA ", "schema "},
      {"EXTENSION ", "extension "},
      {"COMMENT SCHEMA ", "schema "},
      {"COMMENT EXTENSION ", "extension "},
      {"ACL SCHEMA ", "schema "},
  }};
  for (const auto &[kind, label] : k_kinds) {
    if (rest.starts_with(kind)) {
      const auto name = rest.substr(kind.size());
      return std::string{label} + std::string{name.substr(0, name.find(' '))};
    }
  }
  return {};
}

} // namespace

std::string restore_error_object(const RestoreError &error, std::string_view data_table) {
  if (auto object = object_from_command(error.command); !object.empty()) {
    return object;
  }
  if (!data_table.empty()) {
    return std::string{data_table};
  }
  if (auto object = object_from_toc_entry(error.toc_entry); !object.empty()) {
    return object;
  }
  return error.toc_entry;
}

} // namespace pgparity::migrate
