#include "core/same_database.hpp"

#include "core/error.hpp"
#include "core/session.hpp"

#include <fmt/format.h>

#include <random>

namespace pgparity::core {

namespace {

// Which sessions of the target's server carry the marker, and whether they are in the database
// the target session is connected to.
constexpr const char *k_probe_sql =
    "SELECT a.datid = (SELECT d.oid FROM pg_catalog.pg_database d"
    "                   WHERE d.datname = pg_catalog.current_database()) AS same_database"
    "  FROM pg_catalog.pg_stat_activity a WHERE a.application_name = $1";

std::string new_marker() {
  std::random_device entropy;
  std::mt19937_64 generator{(static_cast<std::uint64_t>(entropy()) << 32) ^ entropy()};
  return fmt::format("pgparity-probe-{:016x}", generator());
}

} // namespace

Sameness compare_endpoints(const ConnectionString &source, const ConnectionString &target) {
  const std::string marker = new_marker();
  Session probe{source, SessionOptions{.application_name = marker}};
  Session looking{target};
  const auto rows = looking.query(k_probe_sql, {marker}, "pg_stat_activity");
  if (rows.empty()) {
    return Sameness::different_servers;
  }
  for (const auto &row : rows) {
    if (row.optional_text("same_database").value_or("f") == "t") {
      return Sameness::same_database;
    }
  }
  return Sameness::same_server;
}

void refuse_same_database(const ConnectionString &source, const ConnectionString &target) {
  if (compare_endpoints(source, target) == Sameness::same_database) {
    throw ConfigError("source and target are the same database: " + source.redacted() + " and " +
                          target.redacted() + " reach one server and one database",
                      "check --target (or PGPARITY_TARGET): comparing a database with itself "
                      "proves nothing, and restoring into it would overwrite the source");
  }
}

} // namespace pgparity::core
