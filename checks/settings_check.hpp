// Settings stored outside the dump (core::StoredSettings), compared by name:
//   - the database's own (ALTER DATABASE … SET): missing, different or extra on the target is
//     an error (search_path, statement_timeout, timezone… change what every session does),
//     except the settings that only change what logs and monitoring show (application_name,
//     log_*, track_*, auto_explain.*: is_monitoring_setting), a warning;
//   - a role's in this database (ALTER ROLE … IN DATABASE … SET), by role name: for a role on
//     both sides, missing, different or extra is an error; a source role that does not exist on
//     the target is named with the settings that cannot apply to it (warning: roles are not part
//     of a dump, and which role the application uses on the target is the user's call);
//   - a role's in every database (ALTER ROLE … SET), for roles on both sides only: a warning
//     (cluster-wide, outside the database being moved).
// Values are compared by what they mean to each side's server (checks/setting_value.hpp: 5s is
// 5000ms, on is true, an enum label in any case); a setting either server does not know (a
// custom `app.x`) is compared as stored text.
// A function of two catalogs: nothing here reads a database.
#pragma once

#include "core/catalog.hpp"
#include "report/finding.hpp"

#include <string_view>
#include <vector>

namespace pgparity::checks {

// True for a setting that changes only what logs and monitoring show.
bool is_monitoring_setting(std::string_view name);

// Findings (check "settings") with ids database_setting.missing, database_setting.changed,
// database_setting.extra, database_setting.monitoring_changed, role_setting.missing,
// role_setting.changed, role_setting.extra, role_setting.role_missing,
// role_setting.role_only_on_target and role_setting.global_changed (docs/report.md).
std::vector<report::Finding> check_settings(const core::Catalog &source,
                                            const core::Catalog &target);

} // namespace pgparity::checks
