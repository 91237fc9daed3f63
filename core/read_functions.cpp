// Functions, procedures, aggregates and window functions of the user's schemas, by their whole
// definition: body (a C function's library file too), arguments with their defaults, result,
// attributes (strict, security definer, volatility, leakproof, parallel, cost, rows, support
// function), SET clauses, and for aggregates their pg_aggregate row.
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

// pg_get_function_sqlbody() and prosqlbody (SQL-standard bodies) arrived in PostgreSQL 14.
constexpr int k_first_version_with_sql_body = 140000;

// A regproc column as regprocedure text (name and argument types, qualified where the empty
// search_path requires it), or '' for none (oid 0).
std::string procedure(const std::string &column) {
  return "CASE WHEN " + column + "::pg_catalog.oid = 0 THEN '' ELSE " + column +
         "::pg_catalog.oid::pg_catalog.regprocedure::pg_catalog.text END";
}

// A type oid column by format_type(), or '' for none (oid 0).
std::string type_name(const std::string &column) {
  return "CASE WHEN " + column + " = 0 THEN '' ELSE pg_catalog.format_type(" + column +
         ", NULL) END";
}

// A char column of modify mode ('r', 's', 'w') spelled out.
std::string modify_mode(const std::string &column) {
  return "CASE " + column +
         " WHEN 'r' THEN 'read_only' WHEN 's' THEN 'shareable' WHEN 'w' THEN 'read_write' ELSE " +
         column + "::pg_catalog.text END";
}

// The body is read whole (prosrc), as pg_dump reads it, so a finding can show where it differs.
// A SQL-standard body (14+) has an empty prosrc and is read deparsed.
std::string functions_sql(int version_num) {
  const std::string sql_body = version_num >= k_first_version_with_sql_body
                                   ? "CASE WHEN p.prosqlbody IS NULL THEN NULL "
                                     "ELSE pg_catalog.pg_get_function_sqlbody(p.oid) END"
                                   : "NULL::pg_catalog.text";
  // clang-format off
  return R"(
SELECT n.nspname AS schema, p.proname AS name,
       pg_catalog.pg_get_function_identity_arguments(p.oid) AS identity_arguments,
       pg_catalog.pg_get_function_arguments(p.oid) AS arguments,
       CASE WHEN p.prokind = 'p' THEN '' ELSE pg_catalog.pg_get_function_result(p.oid) END
         AS result,
       CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate'
                      WHEN 'w' THEN 'window' ELSE 'function' END AS kind,
       l.lanname AS language,
       p.prosrc AS body,
       p.probin AS library,
       )" + sql_body + R"( AS sql_body,
       p.prosecdef AS security_definer, p.proisstrict AS strict, p.proleakproof AS leakproof,
       CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable'
                          ELSE 'volatile' END AS volatility,
       CASE p.proparallel WHEN 's' THEN 'safe' WHEN 'r' THEN 'restricted'
                          ELSE 'unsafe' END AS parallel,
       p.procost::pg_catalog.text AS cost, p.prorows::pg_catalog.text AS rows,
       )" + procedure("p.prosupport") + R"( AS support,
       (SELECT pg_catalog.json_agg(c ORDER BY c)
          FROM pg_catalog.unnest(p.proconfig) AS c) AS config,
       a.aggfnoid IS NOT NULL AS is_aggregate,
       CASE a.aggkind WHEN 'o' THEN 'ordered-set' WHEN 'h' THEN 'hypothetical-set'
                      ELSE 'normal' END AS agg_kind,
       a.aggnumdirectargs AS agg_direct_arguments,
       )" + procedure("a.aggtransfn") + R"( AS agg_transition,
       )" + type_name("a.aggtranstype") + R"( AS agg_state_type,
       a.aggtransspace::pg_catalog.text AS agg_state_space,
       COALESCE(a.agginitval, '<null>') AS agg_initial,
       )" + procedure("a.aggfinalfn") + R"( AS agg_final,
       a.aggfinalextra AS agg_final_extra,
       )" + modify_mode("a.aggfinalmodify") + R"( AS agg_final_modify,
       )" + procedure("a.aggcombinefn") + R"( AS agg_combine,
       )" + procedure("a.aggserialfn") + R"( AS agg_serial,
       )" + procedure("a.aggdeserialfn") + R"( AS agg_deserial,
       )" + procedure("a.aggmtransfn") + R"( AS agg_moving_transition,
       )" + procedure("a.aggminvtransfn") + R"( AS agg_moving_inverse,
       )" + type_name("a.aggmtranstype") + R"( AS agg_moving_state_type,
       COALESCE(a.aggminitval, '<null>') AS agg_moving_initial,
       )" + procedure("a.aggmfinalfn") + R"( AS agg_moving_final,
       a.aggmfinalextra AS agg_moving_final_extra,
       )" + modify_mode("a.aggmfinalmodify") + R"( AS agg_moving_final_modify,
       CASE WHEN a.aggsortop = 0 THEN ''
            ELSE a.aggsortop::pg_catalog.regoperator::pg_catalog.text END AS agg_sort_operator
  FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  JOIN pg_catalog.pg_language l ON l.oid = p.prolang
  LEFT JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid
 WHERE )" + catalog_sql::user_schema("n.nspname") + R"(
   AND NOT )" + catalog_sql::extension_member("pg_proc", "p.oid") + R"(
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i
                    WHERE i.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                      AND i.objid = p.oid AND i.deptype = 'i')
 ORDER BY n.nspname, p.proname, 3)";
  // clang-format on
}

AggregateDefinition aggregate_of(const ResultRow &row) {
  AggregateDefinition a;
  a.kind = row.text("agg_kind");
  a.direct_arguments = static_cast<int>(row.integer("agg_direct_arguments"));
  a.transition_function = row.text("agg_transition");
  a.state_type = row.text("agg_state_type");
  a.state_space = row.text("agg_state_space");
  a.initial_condition = row.text("agg_initial");
  a.final_function = row.text("agg_final");
  a.final_extra = row.boolean("agg_final_extra");
  a.final_modify = row.text("agg_final_modify");
  a.combine_function = row.text("agg_combine");
  a.serial_function = row.text("agg_serial");
  a.deserial_function = row.text("agg_deserial");
  a.moving_transition_function = row.text("agg_moving_transition");
  a.moving_inverse_function = row.text("agg_moving_inverse");
  a.moving_state_type = row.text("agg_moving_state_type");
  a.moving_initial_condition = row.text("agg_moving_initial");
  a.moving_final_function = row.text("agg_moving_final");
  a.moving_final_extra = row.boolean("agg_moving_final_extra");
  a.moving_final_modify = row.text("agg_moving_final_modify");
  a.sort_operator = row.text("agg_sort_operator");
  return a;
}

} // namespace

std::vector<Function> read_functions(Session &session) {
  std::vector<Function> functions;
  for (const auto &row :
       session.query(functions_sql(session.server_version_num()), {}, "functions")) {
    Function f;
    f.name = {row.text("schema"), row.text("name")};
    f.identity_arguments = row.text("identity_arguments");
    f.arguments = row.optional_text("arguments").value_or("");
    f.result = row.optional_text("result").value_or("");
    f.kind = row.text("kind");
    f.language = row.text("language");
    f.body = row.optional_text("body").value_or("");
    f.sql_body = row.optional_text("sql_body");
    f.library = row.optional_text("library");
    f.security_definer = row.boolean("security_definer");
    f.strict = row.boolean("strict");
    f.leakproof = row.boolean("leakproof");
    f.volatility = row.text("volatility");
    f.parallel = row.text("parallel");
    f.cost = row.text("cost");
    f.rows = row.text("rows");
    f.support = row.text("support");
    f.config = catalog_sql::string_array(row.optional_text("config"));
    if (row.boolean("is_aggregate")) {
      f.aggregate = aggregate_of(row);
    }
    functions.push_back(std::move(f));
  }
  return functions;
}

} // namespace pgparity::core
