// The rules that call a pg_restore error harmless, in one table. A rule matches when its message
// pattern matches the whole server message and its command pattern matches the start of the
// failed command (ECMAScript regular expressions). Anything no rule matches is a real failure:
// a table, index, constraint, row or privilege that did not arrive is never harmless.
#include "migrate/restore_errors.hpp"

#include <array>
#include <regex>

namespace pgparity::migrate {

namespace {

struct HarmlessRule {
  std::string_view message; // must match the whole message
  std::string_view command; // must match at the start of the command
  std::string_view reason;  // shown to the user as why_harmless
};

constexpr std::array<HarmlessRule, 5> k_harmless_rules{{
    {R"(must be owner of extension \S+)", R"(COMMENT ON EXTENSION )",
     "on managed servers (RDS, Cloud SQL, Heroku) the administrator owns the extensions; only "
     "the extension's comment was not restored"},
    {R"(schema "public" already exists)", R"(CREATE SCHEMA public;)",
     "every new database already has the schema public"},
    {R"(schema "heroku_ext" already exists)", R"(CREATE SCHEMA heroku_ext;)",
     "pgparity creates Heroku's extension schema before the restore (see the preflight plan)"},
    {R"(must be owner of schema public)",
     R"(CREATE SCHEMA public;|COMMENT ON SCHEMA public IS |ALTER SCHEMA public OWNER TO )",
     "on managed servers the administrator owns the schema public; only its comment or owner "
     "was not restored"},
    {R"(extension "[^"]+" already exists)", R"(CREATE EXTENSION IF NOT EXISTS )",
     "the extension is already installed on the target"},
}};

struct CompiledRule {
  std::regex message;
  std::regex command;
  std::string_view reason;
};

const std::vector<CompiledRule> &compiled_rules() {
  static const std::vector<CompiledRule> k_rules = [] {
    std::vector<CompiledRule> result;
    result.reserve(k_harmless_rules.size());
    for (const auto &rule : k_harmless_rules) {
      result.push_back(CompiledRule{std::regex{rule.message.begin(), rule.message.end()},
                                    std::regex{rule.command.begin(), rule.command.end()},
                                    rule.reason});
    }
    return result;
  }();
  return k_rules;
}

} // namespace

void classify_restore_error(RestoreError &error) {
  error.harmless = false;
  error.why_harmless.clear();
  for (const auto &rule : compiled_rules()) {
    if (std::regex_match(error.message, rule.message) &&
        std::regex_search(error.command, rule.command, std::regex_constants::match_continuous)) {
      error.harmless = true;
      error.why_harmless = rule.reason;
      return;
    }
  }
}

} // namespace pgparity::migrate
