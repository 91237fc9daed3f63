// Extensions, views and materialized views, triggers, row-level security policies. Functions:
// read_functions.cpp.
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

// clang-format off
const std::string k_extensions_sql = R"(
SELECT e.extname AS name, e.extversion AS version, n.nspname AS schema
  FROM pg_catalog.pg_extension e
  JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
 ORDER BY e.extname)";
// clang-format on

// clang-format off
const std::string k_views_sql = R"(
SELECT n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized,
       c.relispopulated AS populated, pg_catalog.pg_get_viewdef(c.oid) AS definition,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(
                 a.attname, pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)) ORDER BY a.attnum)
          FROM pg_catalog.pg_attrdef ad
          JOIN pg_catalog.pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
         WHERE ad.adrelid = c.oid) AS column_defaults,
       (WITH RECURSIVE rules(oid, tree) AS (
          SELECT r.oid, r.ev_action::pg_catalog.text FROM pg_catalog.pg_rewrite r
           WHERE c.relkind = 'm' AND r.ev_class = c.oid
          UNION
          SELECT vr.oid, vr.ev_action::pg_catalog.text
            FROM rules
            JOIN pg_catalog.pg_depend d
              ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = rules.oid
             AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
            JOIN pg_catalog.pg_class v ON v.oid = d.refobjid AND v.relkind = 'v'
            JOIN pg_catalog.pg_rewrite vr ON vr.ev_class = v.oid)
        SELECT pg_catalog.json_agg(DISTINCT part) FROM (
          SELECT f.proname::pg_catalog.text || '()' AS part
            FROM rules,
                 pg_catalog.regexp_matches(rules.tree,
                   ':(funcid|opfuncid|aggfnoid|winfnoid|opno) (\d+)', 'g') AS m(node)
            JOIN pg_catalog.pg_proc f
              ON f.oid = CASE WHEN m.node[1] = 'opno'
                              THEN (SELECT o.oprcode::pg_catalog.oid
                                      FROM pg_catalog.pg_operator o
                                     WHERE o.oid = m.node[2]::pg_catalog.oid)
                              ELSE m.node[2]::pg_catalog.oid END
           WHERE f.provolatile <> 'i'
          UNION ALL
          SELECT 'TABLESAMPLE without REPEATABLE' FROM rules
           WHERE rules.tree LIKE '%:repeatable <>%'
          UNION ALL
          SELECT 'an SQL value function in a view it reads' FROM rules
           WHERE rules.oid <> ALL (SELECT r.oid FROM pg_catalog.pg_rewrite r
                                    WHERE r.ev_class = c.oid)
             AND rules.tree LIKE '%{SQLVALUEFUNCTION%') AS parts)
         AS unrepeatable_calls
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('v', 'm') AND c.relpersistence <> 't'
   AND )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_class", "c.oid") + R"(
 ORDER BY n.nspname, c.relname)";
// clang-format on

// A partition's copy of its parent's trigger is internal before PostgreSQL 15 and ordinary from
// 15 on; it is read on every version (its enabled state is the partition's own: DISABLE TRIGGER on
// one partition changes what inserts into it do), so a copy from 12-14 into 15+ compares the same
// triggers. tgparentid names the parent's trigger from 13 on; on 12 a partition dependency does.
// The copies of internal triggers (foreign keys') stay out, as their parents do.
std::string triggers_sql(int version_num) {
  constexpr int k_first_version_with_tgparentid = 130000;
  const std::string parent =
      version_num >= k_first_version_with_tgparentid
          ? "(SELECT p.tgisinternal FROM pg_catalog.pg_trigger p WHERE p.oid = t.tgparentid)"
          : "(SELECT p.tgisinternal FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_trigger p ON "
            "p.oid = d.refobjid WHERE d.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass "
            "AND d.objid = t.oid AND d.refclassid = 'pg_catalog.pg_trigger'::pg_catalog.regclass "
            "AND d.deptype = 'P' LIMIT 1)";
  const std::string wanted = "(NOT t.tgisinternal OR NOT " + parent + ")";
  // clang-format off
  return R"(
SELECT tn.nspname AS table_schema, tc.relname AS table_name, t.tgname AS name,
       pg_catalog.pg_get_triggerdef(t.oid) AS definition,
       CASE t.tgenabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica'
                        WHEN 'A' THEN 'always' ELSE 'enabled' END AS enabled
  FROM pg_catalog.pg_trigger t
  JOIN pg_catalog.pg_class tc ON tc.oid = t.tgrelid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
 WHERE )" + wanted + R"( AND )" + catalog_sql::user_schema("tn.nspname") + R"(
 ORDER BY tn.nspname, tc.relname, t.tgname)";
  // clang-format on
}

// clang-format off
const std::string k_policies_sql = R"(
SELECT tn.nspname AS table_schema, tc.relname AS table_name, p.polname AS name,
       CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                     WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS command,
       p.polpermissive AS permissive,
       (SELECT pg_catalog.json_agg(CASE WHEN r.oid = 0 THEN 'public'
                                        ELSE pg_catalog.pg_get_userbyid(r.oid)::pg_catalog.text END
                                   ORDER BY 1)
          FROM pg_catalog.unnest(p.polroles) AS r(oid)) AS roles,
       pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS using_expr,
       pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr
  FROM pg_catalog.pg_policy p
  JOIN pg_catalog.pg_class tc ON tc.oid = p.polrelid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
 WHERE )" + catalog_sql::user_schema("tn.nspname") + R"(
 ORDER BY tn.nspname, tc.relname, p.polname)";
// clang-format on

} // namespace

std::vector<Policy> read_policies(Session &session) {
  std::vector<Policy> policies;
  for (const auto &row : session.query(k_policies_sql, {}, "policies")) {
    policies.push_back({{row.text("table_schema"), row.text("table_name")},
                        row.text("name"),
                        row.text("command"),
                        row.boolean("permissive"),
                        catalog_sql::string_array(row.optional_text("roles")),
                        row.optional_text("using_expr"),
                        row.optional_text("check_expr")});
  }
  return policies;
}

std::vector<Extension> read_extensions(Session &session) {
  std::vector<Extension> extensions;
  for (const auto &row : session.query(k_extensions_sql, {}, "extensions")) {
    extensions.push_back({row.text("name"), row.text("version"), row.text("schema")});
  }
  return extensions;
}

std::vector<View> read_views(Session &session) {
  std::vector<View> views;
  for (const auto &row : session.query(k_views_sql, {}, "views")) {
    views.push_back({{row.text("schema"), row.text("name")},
                     row.boolean("materialized"),
                     row.boolean("populated"),
                     row.optional_text("definition").value_or(""),
                     catalog_sql::string_pair_array(row.optional_text("column_defaults")),
                     catalog_sql::sorted_string_array(row.optional_text("unrepeatable_calls"))});
  }
  return views;
}

std::vector<Trigger> read_triggers(Session &session) {
  std::vector<Trigger> triggers;
  for (const auto &row :
       session.query(triggers_sql(session.server_version_num()), {}, "triggers")) {
    triggers.push_back({{row.text("table_schema"), row.text("table_name")},
                        row.text("name"),
                        row.text("definition"),
                        row.text("enabled")});
  }
  return triggers;
}

} // namespace pgparity::core
