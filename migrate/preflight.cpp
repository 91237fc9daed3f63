#include "migrate/preflight.hpp"

#include "core/catalog_reader.hpp"
#include "core/error.hpp"
#include "core/same_database.hpp"
#include "core/session.hpp"
#include "report/inventory.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sys/statvfs.h>

namespace pgparity::migrate {

namespace {

// clang-format off
constexpr const char *k_source_size_sql =
    "SELECT pg_catalog.pg_database_size(pg_catalog.current_database()) AS database_bytes, "
    "  (SELECT coalesce(sum(pg_catalog.pg_table_size(c.oid)), 0) "
    "     FROM pg_catalog.pg_class c "
    "     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "    WHERE c.relkind IN ('r', 'm') "
    "      AND n.nspname NOT IN ('pg_catalog', 'information_schema')) AS table_bytes, "
    "  (SELECT count(*) FROM pg_catalog.pg_class c "
    "     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "    WHERE c.relkind = 'r' "
    "      AND n.nspname NOT IN ('pg_catalog', 'information_schema')) AS tables";

constexpr const char *k_extensions_sql =
    "SELECT e.extname AS name, n.nspname AS schema "
    "  FROM pg_catalog.pg_extension e "
    "  JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace "
    " ORDER BY 1";

// Roles a dump restored with --no-owner --no-acl still names: those of row security policies.
constexpr const char *k_policy_roles_sql =
    "SELECT DISTINCT r.rolname AS role "
    "  FROM pg_catalog.pg_policy p "
    "  CROSS JOIN LATERAL pg_catalog.unnest(p.polroles) AS role_oid "
    "  JOIN pg_catalog.pg_roles r ON r.oid = role_oid "
    " ORDER BY 1";

constexpr const char *k_server_version_sql =
    "SELECT pg_catalog.current_setting('server_version') AS version";

constexpr const char *k_roles_sql = "SELECT rolname AS role FROM pg_catalog.pg_roles";

// Relations of the target outside system schemas that no extension owns: zero for an empty
// database.
constexpr const char *k_target_objects_sql =
    "SELECT count(*) AS objects "
    "  FROM pg_catalog.pg_class c "
    "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "   AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%' "
    "   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d "
    "                    WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass "
    "                      AND d.objid = c.oid AND d.deptype = 'e')";

constexpr const char *k_available_extensions_sql =
    "SELECT a.name, a.installed_version IS NOT NULL AS installed, "
    "       coalesce(v.trusted, false) AS trusted "
    "  FROM pg_catalog.pg_available_extensions a "
    "  LEFT JOIN pg_catalog.pg_available_extension_versions v "
    "    ON v.name = a.name AND v.version = a.default_version";

// What the target's role may create: superuser, a managed service's administrator role (RDS,
// Azure, Cloud SQL), and CREATE on the database (for trusted extensions and schemas).
constexpr const char *k_target_powers_sql =
    "SELECT r.rolsuper AS superuser, "
    "       pg_catalog.has_database_privilege(pg_catalog.current_database(), 'CREATE') "
    "         AS can_create, "
    "       EXISTS (SELECT 1 FROM pg_catalog.pg_roles m "
    "                WHERE m.rolname IN ('rds_superuser', 'azure_pg_admin', 'cloudsqlsuperuser') "
    "                  AND pg_catalog.pg_has_role(m.oid, 'MEMBER')) AS managed_admin "
    "  FROM pg_catalog.pg_roles r WHERE r.rolname = current_user";
// clang-format on

// A rough rate for dump plus restore, until a --rehearsal measures the real one.
constexpr double k_assumed_bytes_per_second = 25.0 * 1024 * 1024;
// Heroku keeps extensions in this schema; a plain server has no such schema.
constexpr const char *k_heroku_ext = "heroku_ext";

struct TargetExtension {
  bool installed = false;
  bool trusted = false;
};

void check_extensions(core::Session &source, core::Session &target, PreflightResult &result) {
  std::map<std::string, TargetExtension> available;
  for (const auto &row : target.query(k_available_extensions_sql, {}, "pg_available_extensions")) {
    available[row.text("name")] = {row.boolean("installed"), row.boolean("trusted")};
  }
  const auto powers = target.query(k_target_powers_sql, {}, "current role").at(0);
  const bool privileged = powers.boolean("superuser") || powers.boolean("managed_admin");
  const bool can_create = powers.boolean("can_create");
  for (const auto &row : source.query(k_extensions_sql, {}, "pg_extension")) {
    const std::string name = row.text("name");
    if (row.text("schema") == k_heroku_ext) {
      result.heroku_ext_extensions.push_back(name);
    }
    const auto it = available.find(name);
    PreflightItem item{"extension " + name + " available on the target", true, ""};
    if (it == available.end()) {
      item.ok = false;
      item.detail = "not in the target's pg_available_extensions; install it on the target "
                    "server or ask the provider";
    } else if (it->second.installed) {
      item.detail = "already installed";
    } else if (privileged || (it->second.trusted && can_create)) {
      item.detail = privileged ? "creatable (administrator role)" : "creatable (trusted)";
    } else {
      item.ok = false;
      item.detail = "the target's role may not create it (not superuser, not trusted); create "
                    "it as an administrator first";
    }
    result.items.push_back(std::move(item));
  }
  if (!result.heroku_ext_extensions.empty()) {
    result.items.push_back({"schema heroku_ext can be created on the target", can_create,
                            can_create ? "" : "the target's role lacks CREATE on the database"});
    result.plan.push_back("create schema heroku_ext on the target before the restore, so the "
                          "extensions Heroku keeps there (" +
                          fmt::format("{}", fmt::join(result.heroku_ext_extensions, ", ")) +
                          ") land in the same schema and qualified references keep working");
  }
}

void check_roles(core::Session &source, core::Session &target, PreflightResult &result) {
  std::set<std::string> target_roles;
  for (const auto &row : target.query(k_roles_sql, {}, "pg_roles")) {
    target_roles.insert(row.text("role"));
  }
  std::vector<std::string> missing;
  for (const auto &row : source.query(k_policy_roles_sql, {}, "pg_policy")) {
    if (target_roles.count(row.text("role")) == 0) {
      missing.push_back(row.text("role"));
    }
  }
  result.items.push_back(
      {"roles the dump needs exist on the target", missing.empty(),
       missing.empty() ? "owners and grants are skipped (--no-owner --no-acl)"
                       : fmt::format("row security policies name {}: create these roles on the "
                                     "target first",
                                     fmt::join(missing, ", "))});
}

void check_space(const PreflightInput &input, std::int64_t table_bytes, PreflightResult &result) {
  if (!input.from_dump.empty()) {
    std::error_code error;
    const bool readable = std::filesystem::exists(input.from_dump, error);
    result.items.push_back(
        {"dump " + input.from_dump + " exists", readable,
         readable ? "" : "--from-dump names a file or directory that is missing"});
    return;
  }
  std::filesystem::path directory = input.work_dir;
  while (!directory.empty() && !std::filesystem::exists(directory)) {
    directory = directory.parent_path(); // the work directory is created later
  }
  struct statvfs stats {};
  if (statvfs(directory.empty() ? "." : directory.c_str(), &stats) != 0) {
    result.items.push_back(
        {"free disk in the work directory", false, "cannot inspect " + directory.string()});
    return;
  }
  const double free_bytes =
      static_cast<double>(stats.f_bavail) * static_cast<double>(stats.f_frsize);
  // A compressed directory-format dump is usually far smaller than the tables; their size is
  // the safe bound.
  const bool enough = free_bytes >= static_cast<double>(table_bytes);
  result.items.push_back({"free disk in the work directory", enough,
                          fmt::format("{} free in {}, tables take {}{}",
                                      report::human_size(static_cast<std::int64_t>(free_bytes)),
                                      directory.string(), report::human_size(table_bytes),
                                      enough ? "" : ": free space or choose another --work-dir")});
}

std::string server_version(core::Session &session) {
  return session.query(k_server_version_sql, {}, "server_version").at(0).text("version");
}

// pg_dump refuses to dump a server of a newer major version than its own: say which two versions
// and where a matching client comes from.
std::string too_old_pg_dump(const ClientTools &tools, const std::string &source_version,
                            int source_major) {
  return fmt::format("pg_dump {0} ({1}) is older than the source server (PostgreSQL {2}) and "
                     "cannot dump it; install the PostgreSQL {3} client programs (or newer) and "
                     "give their directory with --pg-bin DIR, e.g. on Debian or Ubuntu "
                     "postgresql-client-{3} from apt.postgresql.org and --pg-bin "
                     "/usr/lib/postgresql/{3}/bin",
                     tools.release, tools.pg_dump, source_version, source_major);
}

} // namespace

bool PreflightResult::passed() const {
  return std::all_of(items.begin(), items.end(), [](const PreflightItem &i) { return i.ok; });
}

std::string PreflightResult::render() const {
  std::string out = "preflight:\n";
  for (const auto &item : items) {
    out += fmt::format("  {}  {}{}\n", item.ok ? "ok  " : "FAIL", item.name,
                       item.detail.empty() ? "" : ": " + item.detail);
  }
  for (const auto &step : plan) {
    out += "  plan: " + step + "\n";
  }
  return out;
}

PreflightResult run_preflight(const PreflightInput &input) {
  PreflightResult result;
  core::Session source{input.source};
  core::Session target{input.target};
  result.source_version_num = source.server_version_num();
  result.target_version_num = target.server_version_num();
  result.source_version = server_version(source);
  result.target_version = server_version(target);
  const int source_major = major_of(result.source_version_num);
  const int target_major = major_of(result.target_version_num);
  result.items.push_back(
      {"source reachable", true,
       fmt::format("{} (PostgreSQL {})", input.source.redacted(), source_major)});
  result.items.push_back(
      {"target reachable", true,
       fmt::format("{} (PostgreSQL {})", input.target.redacted(), target_major)});
  const bool same =
      core::compare_endpoints(input.source, input.target) == core::Sameness::same_database;
  result.items.push_back({"source and target are different databases", !same,
                          same ? "both reach one server and one database: check --target "
                                 "(restoring there would overwrite the source)"
                               : ""});
  if (!input.filter.empty()) {
    // A pattern that selects nothing is found now, not after the dump and the restore.
    const core::Catalog catalog = core::read_catalog(source);
    const auto unmatched = input.filter.unmatched_patterns(catalog, catalog);
    std::string detail;
    for (const auto &pattern : unmatched) {
      detail += (detail.empty() ? "" : ", ") + pattern;
    }
    result.items.push_back({"--include/--exclude patterns select tables of the source",
                            unmatched.empty(),
                            unmatched.empty() ? "" : detail + " selects no table: check it"});
  }
  result.items.push_back({"target not older than the source", target_major >= source_major,
                          target_major >= source_major
                              ? ""
                              : "pg_restore does not support restoring into an older major "
                                "version"});

  try {
    result.tools = find_client_tools(input.pg_bin);
    const bool new_enough = result.tools.major >= source_major;
    result.items.push_back(
        {"pg_dump and pg_restore found and new enough", new_enough,
         new_enough ? result.tools.version
                    : too_old_pg_dump(result.tools, result.source_version, source_major)});
  } catch (const ConfigError &e) {
    result.items.push_back({"pg_dump and pg_restore found", false, e.what()});
  }

  const auto objects = target.query(k_target_objects_sql, {}, "target database").at(0);
  const std::int64_t count = objects.integer("objects");
  result.items.push_back(
      {"target database empty", count == 0 || input.clean,
       count == 0    ? ""
       : input.clean ? fmt::format("{} relations; --clean replaces the objects of the dump", count)
                     : fmt::format("{} relations already there; give --clean to replace them or "
                                   "use an empty database",
                                   count)});
  check_extensions(source, target, result);
  check_roles(source, target, result);

  const auto size = source.query(k_source_size_sql, {}, "source size").at(0);
  result.source_bytes = size.integer("database_bytes");
  result.source_tables = static_cast<std::size_t>(size.integer("tables"));
  result.estimated_seconds = static_cast<double>(result.source_bytes) / k_assumed_bytes_per_second;
  result.items.push_back(
      {"source size", true,
       fmt::format("{}; dump and restore roughly {:.0f}s at an assumed 25 MB/s (a --rehearsal "
                   "measures it)",
                   report::human_size(result.source_bytes),
                   std::max(1.0, result.estimated_seconds))});
  check_space(input, size.integer("table_bytes"), result);
  return result;
}

} // namespace pgparity::migrate
