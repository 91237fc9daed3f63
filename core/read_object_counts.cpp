// How many objects of every class a user database can hold: the counts behind the report's
// coverage table. One query, one row per class (core/catalog.hpp, object_class_keys()).
#include "core/catalog_reader.hpp"
#include "core/catalog_sql.hpp"

namespace pgparity::core {

namespace {

// Objects PostgreSQL creates itself have OIDs below 16384 (FirstNormalObjectId).
constexpr const char *k_user_oid = "16384";

struct ClassCount {
  const char *key;
  std::string sql; // SELECT pg_catalog.count(*) … for this class
};

std::string in_user_schema(const char *catalog, const char *alias, const char *namespace_column) {
  return std::string{"SELECT pg_catalog.count(*) FROM pg_catalog."} + catalog + " " + alias +
         " JOIN pg_catalog.pg_namespace n ON n.oid = " + alias + "." + namespace_column +
         " WHERE " + catalog_sql::user_schema("n.nspname") + " AND NOT " +
         catalog_sql::extension_member(catalog, std::string{alias} + ".oid");
}

std::string relations(const char *kinds) {
  return "SELECT pg_catalog.count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
         "ON n.oid = c.relnamespace WHERE c.relkind IN (" +
         std::string{kinds} + ") AND c.relpersistence <> 't' AND " +
         catalog_sql::user_table("n.nspname", "c.oid") + " AND NOT " +
         catalog_sql::extension_member("pg_class", "c.oid");
}

std::string user_created(const char *catalog) {
  return std::string{"SELECT pg_catalog.count(*) FROM pg_catalog."} + catalog +
         " x WHERE x.oid >= " + k_user_oid + " AND NOT " +
         catalog_sql::extension_member(catalog, "x.oid");
}

std::string types(const char *typtype) {
  return in_user_schema("pg_type", "t", "typnamespace") + " AND t.typtype = '" + typtype + "'" +
         // an array type made for another type is part of that type
         " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type e WHERE e.typarray = t.oid)" +
         // a relation's row type is part of the relation
         " AND (t.typrelid = 0 OR (SELECT r.relkind FROM pg_catalog.pg_class r WHERE r.oid = "
         "t.typrelid) = 'c')";
}

// Made with another object and part of it (an internal dependency), never created on its own:
// a range type's constructor functions and, from PostgreSQL 14, its multirange constructors and
// range-to-multirange cast. They come and go with their type, so a copy from 13 into 17 has
// more of them than its source.
std::string part_of_another(const char *catalog, const std::string &objid) {
  return std::string{"EXISTS (SELECT 1 FROM pg_catalog.pg_depend i WHERE i.classid = "
                     "'pg_catalog."} +
         catalog + "'::pg_catalog.regclass AND i.objid = " + objid + " AND i.deptype = 'i')";
}

std::string functions(const char *prokinds) {
  return in_user_schema("pg_proc", "p", "pronamespace") + " AND p.prokind IN (" + prokinds +
         ") AND NOT " + part_of_another("pg_proc", "p.oid");
}

// On a user table (the triggers, rules and policies of extension tables belong to them).
std::string on_user_table(const char *catalog, const char *alias, const char *table_column,
                          const std::string &condition) {
  return std::string{"SELECT pg_catalog.count(*) FROM pg_catalog."} + catalog + " " + alias +
         " JOIN pg_catalog.pg_class c ON c.oid = " + alias + "." + table_column +
         " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE " +
         catalog_sql::user_schema("n.nspname") + " AND c.relpersistence <> 't' AND NOT " +
         catalog_sql::extension_member("pg_class", "c.oid") + condition;
}

std::vector<ClassCount> class_counts() {
  return {
      {"schemas", "SELECT pg_catalog.count(*) FROM pg_catalog.pg_namespace n WHERE " +
                      catalog_sql::user_schema("n.nspname") + " AND NOT " +
                      catalog_sql::extension_member("pg_namespace", "n.oid")},
      {"tables", relations("'r'")},
      {"partitioned_tables", relations("'p'")},
      {"foreign_tables", relations("'f'")},
      {"views", relations("'v'")},
      {"materialized_views", relations("'m'")},
      {"sequences", relations("'S'")},
      {"indexes", relations("'i', 'I'")},
      {"constraints",
       on_user_table("pg_constraint", "k", "conrelid", " AND k.contype IN ('p','u','c','f','x')")},
      {"functions", functions("'f', 'w'")},
      {"procedures", functions("'p'")},
      {"aggregates", functions("'a'")},
      // A partition's clone of its parent's trigger is part of that trigger: PostgreSQL 15 and
      // later no longer mark clones internal but give them a tgparentid (13+, read through
      // to_jsonb so that the query runs on 12 too).
      {"triggers", on_user_table("pg_trigger", "g", "tgrelid",
                                 " AND NOT g.tgisinternal AND COALESCE(pg_catalog.to_jsonb(g) "
                                 "->> 'tgparentid', '0') = '0'")},
      {"event_triggers", user_created("pg_event_trigger")},
      {"rules", on_user_table("pg_rewrite", "w", "ev_class", " AND w.rulename <> '_RETURN'")},
      {"policies", on_user_table("pg_policy", "y", "polrelid", "")},
      {"publications", user_created("pg_publication")},
      {"subscriptions",
       "SELECT pg_catalog.count(*) FROM pg_catalog.pg_subscription s, pg_catalog.pg_database d "
       "WHERE d.datname = pg_catalog.current_database() AND s.subdbid = d.oid"},
      {"extended_statistics", in_user_schema("pg_statistic_ext", "x", "stxnamespace")},
      {"collations", in_user_schema("pg_collation", "x", "collnamespace")},
      {"conversions", in_user_schema("pg_conversion", "x", "connamespace")},
      {"text_search_configurations", in_user_schema("pg_ts_config", "x", "cfgnamespace")},
      {"text_search_dictionaries", in_user_schema("pg_ts_dict", "x", "dictnamespace")},
      {"text_search_parsers", in_user_schema("pg_ts_parser", "x", "prsnamespace")},
      {"text_search_templates", in_user_schema("pg_ts_template", "x", "tmplnamespace")},
      {"casts", user_created("pg_cast") + " AND NOT " + part_of_another("pg_cast", "x.oid")},
      {"operators", in_user_schema("pg_operator", "x", "oprnamespace")},
      {"operator_classes", in_user_schema("pg_opclass", "x", "opcnamespace")},
      {"operator_families", in_user_schema("pg_opfamily", "x", "opfnamespace")},
      {"access_methods", user_created("pg_am")},
      {"languages", user_created("pg_language")},
      {"transforms", user_created("pg_transform")},
      {"foreign_data_wrappers", user_created("pg_foreign_data_wrapper")},
      {"foreign_servers", user_created("pg_foreign_server")},
      // pg_user_mapping is readable by superusers only; the view is readable by everyone.
      {"user_mappings", "SELECT pg_catalog.count(*) FROM pg_catalog.pg_user_mappings"},
      {"extensions", "SELECT pg_catalog.count(*) FROM pg_catalog.pg_extension"},
      {"large_objects", "SELECT pg_catalog.count(*) FROM pg_catalog.pg_largeobject_metadata"},
      {"enum_types", types("e")},
      {"domains", types("d")},
      {"composite_types", types("c")},
      {"range_types", types("r")},
      {"base_types", types("b")},
      {"table_privileges", relations("'r', 'p', 'f', 'v', 'm', 'S'") + " AND c.relacl IS NOT NULL"},
      {"column_privileges",
       on_user_table("pg_attribute", "a", "attrelid",
                     " AND a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL")},
      // Privileges on schemas, functions, types and languages (table and column ones above).
      {"object_privileges",
       "SELECT (" + in_user_schema("pg_namespace", "x", "oid") + " AND x.nspacl IS NOT NULL) + (" +
           in_user_schema("pg_proc", "x", "pronamespace") + " AND x.proacl IS NOT NULL) + (" +
           in_user_schema("pg_type", "x", "typnamespace") + " AND x.typacl IS NOT NULL) + (" +
           user_created("pg_language") + " AND x.lanacl IS NOT NULL)"},
      {"default_privileges", "SELECT pg_catalog.count(*) FROM pg_catalog.pg_default_acl"},
      {"comments",
       "SELECT pg_catalog.count(*) FROM pg_catalog.pg_description d WHERE d.objoid >= " +
           std::string{k_user_oid} +
           " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = "
           "d.classoid AND e.objid = d.objoid AND e.deptype = 'e')"
           // an extension's own comment comes from its control file, not from the user
           " AND d.classoid <> 'pg_catalog.pg_extension'::pg_catalog.regclass"},
      {"security_labels", "SELECT pg_catalog.count(*) FROM pg_catalog.pg_seclabel s WHERE "
                          "s.objoid >= " +
                              std::string{k_user_oid}},
      {"database_settings",
       "SELECT pg_catalog.count(*) FROM pg_catalog.pg_db_role_setting s, "
       "pg_catalog.unnest(s.setconfig) AS c(setting), pg_catalog.pg_database d WHERE "
       "d.datname = pg_catalog.current_database() AND s.setdatabase = d.oid AND s.setrole = 0"},
      // The database's own properties set away from their defaults: a connection limit,
      // privileges (a datacl), a comment.
      {"database_properties",
       "SELECT ((d.datconnlimit <> -1)::pg_catalog.int4 + (d.datacl IS NOT NULL)::pg_catalog.int4 "
       "+ (pg_catalog.shobj_description(d.oid, 'pg_database') IS NOT NULL)::pg_catalog.int4)"
       "::pg_catalog.int8 FROM pg_catalog.pg_database d WHERE d.datname = "
       "pg_catalog.current_database()"},
      {"role_settings",
       "SELECT pg_catalog.count(*) FROM pg_catalog.pg_db_role_setting s, "
       "pg_catalog.unnest(s.setconfig) AS c(setting), pg_catalog.pg_database d WHERE "
       "d.datname = pg_catalog.current_database() AND s.setdatabase = d.oid AND s.setrole <> 0"},
  };
}

} // namespace

const std::vector<std::string> &object_class_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> all;
    for (const auto &c : class_counts()) {
      all.emplace_back(c.key);
    }
    return all;
  }();
  return keys;
}

std::vector<ObjectCount> read_object_counts(Session &session) {
  std::string sql;
  for (const auto &c : class_counts()) {
    sql += (sql.empty() ? "" : "\nUNION ALL ") + std::string{"SELECT '"} + c.key +
           "'::pg_catalog.text AS class, (" + c.sql + ") AS count";
  }
  std::vector<ObjectCount> counts;
  for (const auto &row : session.query(sql, {}, "object counts")) {
    counts.push_back({row.text("class"), row.integer("count")});
  }
  return counts;
}

} // namespace pgparity::core
