#include "checks/inventory.hpp"
#include "cli/command.hpp"
#include "core/catalog_reader.hpp"
#include "core/connection_string.hpp"
#include "core/session.hpp"
#include "report/inventory.hpp"

#include <cstdio>
#include <memory>
#include <string>

namespace pgparity::cli {

namespace {

struct InventoryOptions {
  std::string db;
  bool json = false;
};

ExitCode run_inventory(const InventoryOptions &options) {
  const auto url = core::ConnectionString::parse("database", options.db);
  core::Session session{url};
  const auto inventory = checks::take_inventory(core::read_catalog(session), url.redacted());
  const std::string out = options.json ? report::render_inventory_json(inventory)
                                       : report::render_inventory_text(inventory);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return ExitCode::clean;
}

} // namespace

Command add_inventory_command(CLI::App &app) {
  auto options = std::make_shared<InventoryOptions>();
  CLI::App *sub = app.add_subcommand(
      "inventory", "List one database's tables: kind, row estimate, size, and the key the data "
                   "comparison would split each by (or \"no key\"). Reads only.");
  sub->add_option("--db", options->db,
                  "Connection string: a URL (postgresql://user@host:5432/db?sslmode=require) or "
                  "key=value pairs; passwords may come from PGPASSWORD or ~/.pgpass. "
                  "An empty string uses the PG* environment variables.")
      ->required();
  sub->add_flag("--json", options->json, "Print JSON instead of a table");
  return {sub, [options] { return run_inventory(*options); }};
}

} // namespace pgparity::cli
