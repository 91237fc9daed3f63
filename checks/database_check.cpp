#include "checks/database_check.hpp"
#include "core/sql_quote.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>

namespace pgparity::checks {

namespace {

using report::make_finding;

std::string limit_text(int limit) {
  return limit < 0 ? std::string{"no limit"} : fmt::format("CONNECTION LIMIT {}", limit);
}

// The roles of `grants` ("role=CONNECT, TEMPORARY") that hold `privilege`.
std::vector<std::string> holders(const std::vector<std::string> &grants,
                                 const std::string &privilege) {
  std::vector<std::string> roles;
  for (const auto &grant : grants) {
    const auto equals = grant.rfind('=');
    if (equals != std::string::npos && grant.find(privilege, equals) != std::string::npos) {
      roles.push_back(grant.substr(0, equals));
    }
  }
  return roles;
}

void public_privilege(const core::DatabaseProperties &t, const std::string &privilege,
                      bool on_source, bool on_target, const char *what,
                      std::vector<report::Finding> &findings) {
  if (on_source == on_target) {
    return;
  }
  const auto roles = holders(t.role_grants, privilege);
  const std::string named =
      roles.empty() ? std::string{"none"} : fmt::format("{}", fmt::join(roles, ", "));
  const std::string message =
      on_source
          ? fmt::format("PUBLIC holds {} on the source database but not on the target: only "
                        "its owner, superusers and the roles granted it by name ({}) can {} "
                        "there; GRANT {} ON DATABASE {} TO the application's role",
                        privilege, named, what, privilege, core::quoted_identifier(t.name))
          : fmt::format("PUBLIC holds {} on the target database but not on the source: every "
                        "role can {} on the target; REVOKE {} ON DATABASE {} FROM PUBLIC to keep "
                        "the source's restriction",
                        privilege, what, privilege, core::quoted_identifier(t.name));
  findings.push_back(make_finding("database", "database.public_privilege_changed", t.name, message,
                                  {{"privilege", privilege},
                                   {"source", on_source},
                                   {"target", on_target},
                                   {"target_roles", roles}}));
}

} // namespace

std::vector<report::Finding> check_database_properties(const core::Catalog &source,
                                                       const core::Catalog &target) {
  const core::DatabaseProperties &s = source.database;
  const core::DatabaseProperties &t = target.database;
  std::vector<report::Finding> findings;
  if (s.connection_limit != t.connection_limit) {
    const std::string fix = fmt::format("ALTER DATABASE {} CONNECTION LIMIT {};",
                                        core::quoted_identifier(t.name), s.connection_limit);
    findings.push_back(make_finding(
        "database", "database.connection_limit_changed", t.name,
        fmt::format("{} on the source database, {} on the target (pg_dump does not carry it; "
                    "migrate sets it): {}",
                    limit_text(s.connection_limit), limit_text(t.connection_limit), fix),
        {{"source", s.connection_limit}, {"target", t.connection_limit}, {"fix", fix}}));
  }
  public_privilege(t, "CONNECT", s.public_connect, t.public_connect, "connect", findings);
  public_privilege(t, "TEMPORARY", s.public_temporary, t.public_temporary,
                   "create temporary tables", findings);
  if (s.role_grants != t.role_grants) {
    findings.push_back(make_finding(
        "database", "database.privileges_changed", t.name,
        "roles hold other privileges on the target database than on the source (pg_dump does "
        "not carry them)",
        {{"source", s.role_grants}, {"target", t.role_grants}}));
  }
  if (s.comment != t.comment) {
    const auto raw = [](const std::optional<std::string> &comment) {
      return comment ? nlohmann::ordered_json(*comment) : nlohmann::ordered_json(nullptr);
    };
    findings.push_back(make_finding("database", "database.comment_changed", t.name,
                                    "the database's comment differs (pg_dump does not carry it; "
                                    "migrate sets it)",
                                    {{"source", raw(s.comment)}, {"target", raw(t.comment)}}));
  }
  return findings;
}

} // namespace pgparity::checks
