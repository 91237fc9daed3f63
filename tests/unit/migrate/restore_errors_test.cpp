#include "migrate/restore_errors.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace pgparity::migrate;
using pgparity::report::Severity;

namespace {

// Real stderr of pg_restore 15.18 (Debian 15.18-0+deb12u1), recorded against PostgreSQL 15.

// `pg_dump -Fd -n public` of a database whose schema public was re-created with a comment,
// restored with --verbose --no-owner --no-acl as a non-superuser (like a managed server's
// admin role) into a database where public.audit already existed and hstore was missing.
constexpr std::string_view k_non_superuser_schema_public =
    R"log(pg_restore: connecting to database for restore
pg_restore: creating SCHEMA "public"
pg_restore: while PROCESSING TOC:
pg_restore: from TOC entry 7; 2615 16656 SCHEMA public postgres
pg_restore: error: could not execute query: ERROR:  schema "public" already exists
Command was: CREATE SCHEMA public;


pg_restore: creating COMMENT "SCHEMA public"
pg_restore: from TOC entry 3464; 0 0 COMMENT SCHEMA public postgres
pg_restore: error: could not execute query: ERROR:  must be owner of schema public
Command was: COMMENT ON SCHEMA public IS 'standard public schema';


pg_restore: creating TABLE "public.audit"
pg_restore: from TOC entry 219; 1259 16823 TABLE audit postgres
pg_restore: error: could not execute query: ERROR:  relation "audit" already exists
Command was: CREATE TABLE public.audit (
    id integer
);


pg_restore: creating TABLE "public.orders"
pg_restore: from TOC entry 218; 1259 16816 TABLE orders postgres
pg_restore: error: could not execute query: ERROR:  type "public.hstore" does not exist
LINE 3:     tags public.hstore
                 ^
Command was: CREATE TABLE public.orders (
    id integer NOT NULL,
    tags public.hstore
);


pg_restore: processing data for table "public.audit"
pg_restore: from TOC entry 3457; 0 16823 TABLE DATA audit postgres
pg_restore: error: could not execute query: ERROR:  permission denied for table audit
Command was: COPY public.audit (id) FROM stdin;
pg_restore: processing data for table "public.orders"
pg_restore: from TOC entry 3456; 0 16816 TABLE DATA orders postgres
pg_restore: error: could not execute query: ERROR:  relation "public.orders" does not exist
Command was: COPY public.orders (id, tags) FROM stdin;
pg_restore: creating CONSTRAINT "public.orders orders_pkey"
pg_restore: from TOC entry 3311; 2606 16822 CONSTRAINT orders orders_pkey postgres
pg_restore: error: could not execute query: ERROR:  relation "public.orders" does not exist
Command was: ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);


pg_restore: warning: errors ignored on restore: 7
)log";

// A full dump (plpgsql re-created, so its comment is dumped, hstore, pg_stat_statements)
// restored with --verbose and without --no-owner as a non-superuser into an empty database.
constexpr std::string_view k_non_superuser_owners =
    R"log(pg_restore: connecting to database for restore
pg_restore: creating SCHEMA "public"
pg_restore: while PROCESSING TOC:
pg_restore: from TOC entry 7; 2615 16656 SCHEMA public postgres
pg_restore: error: could not execute query: ERROR:  must be owner of schema public
Command was: ALTER SCHEMA public OWNER TO postgres;

pg_restore: creating EXTENSION "plpgsql"
pg_restore: creating COMMENT "EXTENSION plpgsql"
pg_restore: from TOC entry 3465; 0 0 COMMENT EXTENSION plpgsql 
pg_restore: error: could not execute query: ERROR:  must be owner of extension plpgsql
Command was: COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';


pg_restore: creating EXTENSION "hstore"
pg_restore: creating COMMENT "EXTENSION hstore"
pg_restore: creating EXTENSION "pg_stat_statements"
pg_restore: from TOC entry 2; 3079 16657 EXTENSION pg_stat_statements (no owner)
pg_restore: error: could not execute query: ERROR:  permission denied to create extension "pg_stat_statements"
HINT:  Must be superuser to create this extension.
Command was: CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA public;


pg_restore: creating COMMENT "EXTENSION pg_stat_statements"
pg_restore: from TOC entry 3467; 0 0 COMMENT EXTENSION pg_stat_statements 
pg_restore: error: could not execute query: ERROR:  extension "pg_stat_statements" does not exist
Command was: COMMENT ON EXTENSION pg_stat_statements IS 'track planning and execution statistics of all SQL statements executed';


pg_restore: creating TABLE "public.audit"
pg_restore: from TOC entry 219; 1259 16823 TABLE audit postgres
pg_restore: error: could not execute query: ERROR:  must be member of role "postgres"
Command was: ALTER TABLE public.audit OWNER TO postgres;

pg_restore: creating TABLE "public.orders"
pg_restore: from TOC entry 218; 1259 16816 TABLE orders postgres
pg_restore: error: could not execute query: ERROR:  must be member of role "postgres"
Command was: ALTER TABLE public.orders OWNER TO postgres;

pg_restore: processing data for table "public.audit"
pg_restore: processing data for table "public.orders"
pg_restore: creating CONSTRAINT "public.orders orders_pkey"
pg_restore: creating ACL "SCHEMA public"
pg_restore: WARNING:  no privileges could be revoked for "public"
pg_restore: warning: errors ignored on restore: 6
)log";

// The same dump restored with --verbose --no-owner --no-acl as a non-superuser into a database
// where the extensions exist already.
constexpr std::string_view k_extension_comments =
    R"log(pg_restore: connecting to database for restore
pg_restore: creating SCHEMA "public"
pg_restore: creating EXTENSION "plpgsql"
pg_restore: creating COMMENT "EXTENSION plpgsql"
pg_restore: while PROCESSING TOC:
pg_restore: from TOC entry 3465; 0 0 COMMENT EXTENSION plpgsql 
pg_restore: error: could not execute query: ERROR:  must be owner of extension plpgsql
Command was: COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';


pg_restore: creating EXTENSION "hstore"
pg_restore: creating COMMENT "EXTENSION hstore"
pg_restore: from TOC entry 3466; 0 0 COMMENT EXTENSION hstore 
pg_restore: error: could not execute query: ERROR:  must be owner of extension hstore
Command was: COMMENT ON EXTENSION hstore IS 'data type for storing sets of (key, value) pairs';


pg_restore: creating EXTENSION "pg_stat_statements"
pg_restore: creating COMMENT "EXTENSION pg_stat_statements"
pg_restore: from TOC entry 3467; 0 0 COMMENT EXTENSION pg_stat_statements 
pg_restore: error: could not execute query: ERROR:  must be owner of extension pg_stat_statements
Command was: COMMENT ON EXTENSION pg_stat_statements IS 'track planning and execution statistics of all SQL statements executed';


pg_restore: creating TABLE "public.audit"
pg_restore: creating TABLE "public.orders"
pg_restore: processing data for table "public.audit"
pg_restore: processing data for table "public.orders"
pg_restore: creating CONSTRAINT "public.orders orders_pkey"
pg_restore: warning: errors ignored on restore: 3
)log";

// A dump restored a second time as superuser, without --verbose (first 62 lines).
constexpr std::string_view k_second_restore_quiet =
    R"log(pg_restore: error: could not execute query: ERROR:  schema "sales" already exists
Command was: CREATE SCHEMA sales;


pg_restore: error: could not execute query: ERROR:  function "total" already exists with same argument types
Command was: CREATE FUNCTION sales.total(a integer, b integer) RETURNS integer
    LANGUAGE plpgsql
    AS $$
begin
  return a + b;
end
$$;


pg_restore: error: could not execute query: ERROR:  relation "orders" already exists
Command was: CREATE TABLE public.orders (
    id bigint NOT NULL,
    note text,
    tags public.hstore
);


pg_restore: error: could not execute query: ERROR:  relation "orders_id_seq" already exists
Command was: CREATE SEQUENCE public.orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


pg_restore: error: could not execute query: ERROR:  relation "Order Items" already exists
Command was: CREATE TABLE sales."Order Items" (
    id integer NOT NULL,
    order_id bigint,
    email public.citext
);


pg_restore: error: could not execute query: ERROR:  relation "v" already exists
Command was: CREATE VIEW sales.v AS
 SELECT orders.id,
    orders.note,
    orders.tags
   FROM public.orders;


pg_restore: error: COPY failed for table "orders": ERROR:  duplicate key value violates unique constraint "orders_pkey"
DETAIL:  Key (id)=(1) already exists.
CONTEXT:  COPY orders, line 1
pg_restore: error: COPY failed for table "Order Items": ERROR:  duplicate key value violates unique constraint "Order Items_email_key"
DETAIL:  Key (email)=(a@x) already exists.
CONTEXT:  COPY Order Items, line 1
pg_restore: error: could not execute query: ERROR:  multiple primary keys for table "orders" are not allowed
Command was: ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);


pg_restore: error: could not execute query: ERROR:  relation "Order Items_email_key" already exists
Command was: ALTER TABLE ONLY sales."Order Items"
    ADD CONSTRAINT "Order Items_email_key" UNIQUE (email);

)log";

// The same with --verbose --jobs 2 (an excerpt: workers' lines interleave with the leader's).
constexpr std::string_view k_parallel_excerpt =
    R"log(pg_restore: processing item 3396 DEFAULT orders id
pg_restore: creating DEFAULT "public.orders id"
pg_restore: entering main parallel loop
pg_restore: launching item 3549 TABLE DATA orders
pg_restore: launching item 3550 TABLE DATA Order Items
pg_restore: processing data for table "sales.Order Items"
pg_restore: from TOC entry 3550; 0 16630 TABLE DATA Order Items postgres
pg_restore: error: COPY failed for table "Order Items": ERROR:  duplicate key value violates unique constraint "Order Items_email_key"
DETAIL:  Key (email)=(a@x) already exists.
CONTEXT:  COPY Order Items, line 1
pg_restore: finished item 3550 TABLE DATA Order Items
pg_restore: launching item 3401 CONSTRAINT Order Items Order Items_email_key
pg_restore: creating CONSTRAINT "sales.Order Items Order Items_email_key"
pg_restore: from TOC entry 3401; 2606 16638 CONSTRAINT Order Items Order Items_email_key postgres
pg_restore: error: could not execute query: ERROR:  relation "Order Items_email_key" already exists
Command was: ALTER TABLE ONLY sales."Order Items"
    ADD CONSTRAINT "Order Items_email_key" UNIQUE (email);


pg_restore: finished item 3401 CONSTRAINT Order Items Order Items_email_key
pg_restore: launching item 3403 CONSTRAINT Order Items Order Items_pkey
pg_restore: creating CONSTRAINT "sales.Order Items Order Items_pkey"
pg_restore: from TOC entry 3403; 2606 16636 CONSTRAINT Order Items Order Items_pkey postgres
pg_restore: error: could not execute query: ERROR:  multiple primary keys for table "Order Items" are not allowed
Command was: ALTER TABLE ONLY sales."Order Items"
    ADD CONSTRAINT "Order Items_pkey" PRIMARY KEY (id);


pg_restore: finished item 3403 CONSTRAINT Order Items Order Items_pkey
pg_restore: launching item 3561 SEQUENCE SET orders_id_seq
pg_restore: executing SEQUENCE SET orders_id_seq
pg_restore: finished item 3561 SEQUENCE SET orders_id_seq
pg_restore: processing data for table "public.orders"
pg_restore: from TOC entry 3549; 0 16622 TABLE DATA orders postgres
pg_restore: error: COPY failed for table "orders": ERROR:  duplicate key value violates unique constraint "orders_pkey"
DETAIL:  Key (id)=(1) already exists.
CONTEXT:  COPY orders, line 1
pg_restore: finished item 3549 TABLE DATA orders
pg_restore: launching item 3397 INDEX orders_note_idx
)log";

struct Parsed {
  std::vector<RestoreError> errors;
  std::optional<long> ignored_count;
};

Parsed parse(std::string_view transcript) {
  RestoreErrorParser parser;
  std::istringstream in{std::string{transcript}};
  for (std::string line; std::getline(in, line);) {
    parser.feed(line);
  }
  Parsed parsed;
  parsed.errors = parser.finish();
  parsed.ignored_count = parser.ignored_count();
  return parsed;
}

RestoreError error_of(std::string message, std::string command) {
  RestoreError error;
  error.message = std::move(message);
  error.command = std::move(command);
  classify_restore_error(error);
  return error;
}

} // namespace

TEST(RestoreErrors, ReadsSchemaPublicAndRealFailuresOfANonSuperuser) {
  const auto [errors, ignored] = parse(k_non_superuser_schema_public);
  ASSERT_EQ(errors.size(), 7U);
  EXPECT_EQ(ignored, 7);

  EXPECT_EQ(errors[0].toc_entry, "7; 2615 16656 SCHEMA public postgres");
  EXPECT_EQ(errors[0].message, "schema \"public\" already exists");
  EXPECT_EQ(errors[0].command, "CREATE SCHEMA public;");
  EXPECT_EQ(errors[0].object, "schema public");
  EXPECT_TRUE(errors[0].harmless);
  EXPECT_FALSE(errors[0].why_harmless.empty());

  EXPECT_EQ(errors[1].toc_entry, "3464; 0 0 COMMENT SCHEMA public postgres");
  EXPECT_EQ(errors[1].message, "must be owner of schema public");
  EXPECT_EQ(errors[1].command, "COMMENT ON SCHEMA public IS 'standard public schema';");
  EXPECT_EQ(errors[1].object, "schema public");
  EXPECT_TRUE(errors[1].harmless);

  EXPECT_EQ(errors[2].message, "relation \"audit\" already exists");
  EXPECT_EQ(errors[2].command, "CREATE TABLE public.audit (\n    id integer\n);");
  EXPECT_EQ(errors[2].object, "public.audit");
  EXPECT_FALSE(errors[2].harmless);
  EXPECT_TRUE(errors[2].why_harmless.empty());

  EXPECT_EQ(errors[3].message, "type \"public.hstore\" does not exist");
  EXPECT_EQ(errors[3].detail, "LINE 3:     tags public.hstore\n                 ^");
  EXPECT_EQ(errors[3].object, "public.orders");
  EXPECT_FALSE(errors[3].harmless);

  EXPECT_EQ(errors[4].toc_entry, "3457; 0 16823 TABLE DATA audit postgres");
  EXPECT_EQ(errors[4].message, "permission denied for table audit");
  EXPECT_EQ(errors[4].command, "COPY public.audit (id) FROM stdin;");
  EXPECT_EQ(errors[4].object, "public.audit");
  EXPECT_FALSE(errors[4].harmless);

  EXPECT_EQ(errors[5].object, "public.orders");
  EXPECT_EQ(errors[6].toc_entry, "3311; 2606 16822 CONSTRAINT orders orders_pkey postgres");
  EXPECT_EQ(errors[6].object, "public.orders.orders_pkey");
  EXPECT_EQ(errors[6].command,
            "ALTER TABLE ONLY public.orders\n    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);");
  EXPECT_FALSE(errors[6].harmless);
}

TEST(RestoreErrors, ReadsOwnersAndExtensionsOfANonSuperuser) {
  const auto [errors, ignored] = parse(k_non_superuser_owners);
  ASSERT_EQ(errors.size(), 6U); // the server's WARNING about revoking is not an error
  EXPECT_EQ(ignored, 6);

  EXPECT_EQ(errors[0].command, "ALTER SCHEMA public OWNER TO postgres;");
  EXPECT_EQ(errors[0].object, "schema public");
  EXPECT_TRUE(errors[0].harmless);

  EXPECT_EQ(errors[1].toc_entry, "3465; 0 0 COMMENT EXTENSION plpgsql");
  EXPECT_EQ(errors[1].message, "must be owner of extension plpgsql");
  EXPECT_EQ(errors[1].command, "COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';");
  EXPECT_EQ(errors[1].object, "extension plpgsql");
  EXPECT_TRUE(errors[1].harmless);

  EXPECT_EQ(errors[2].toc_entry, "2; 3079 16657 EXTENSION pg_stat_statements (no owner)");
  EXPECT_EQ(errors[2].message, "permission denied to create extension \"pg_stat_statements\"");
  EXPECT_EQ(errors[2].detail, "HINT:  Must be superuser to create this extension.");
  EXPECT_EQ(errors[2].object, "extension pg_stat_statements");
  EXPECT_FALSE(errors[2].harmless);

  // The comment fails because the extension is missing: a consequence, and not harmless.
  EXPECT_EQ(errors[3].message, "extension \"pg_stat_statements\" does not exist");
  EXPECT_FALSE(errors[3].harmless);

  EXPECT_EQ(errors[4].message, "must be member of role \"postgres\"");
  EXPECT_EQ(errors[4].object, "public.audit");
  EXPECT_FALSE(errors[4].harmless);
  EXPECT_EQ(errors[5].object, "public.orders");
}

TEST(RestoreErrors, ExtensionCommentsOnAManagedServerAreHarmless) {
  const auto [errors, ignored] = parse(k_extension_comments);
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(ignored, 3);
  const std::vector<std::string> objects{"extension plpgsql", "extension hstore",
                                         "extension pg_stat_statements"};
  for (std::size_t i = 0; i < errors.size(); ++i) {
    EXPECT_EQ(errors[i].object, objects[i]);
    EXPECT_TRUE(errors[i].harmless) << errors[i].message;
  }
}

TEST(RestoreErrors, WithoutVerboseErrorsHaveNoTocEntryButStillAnObject) {
  const auto [errors, ignored] = parse(k_second_restore_quiet);
  ASSERT_EQ(errors.size(), 10U);
  EXPECT_FALSE(ignored.has_value()); // the transcript is cut before pg_restore's summary
  const std::vector<std::string> objects{"schema sales",
                                         "sales.total",
                                         "public.orders",
                                         "public.orders_id_seq",
                                         "sales.Order Items",
                                         "sales.v",
                                         "orders",
                                         "Order Items",
                                         "public.orders.orders_pkey",
                                         "sales.Order Items.Order Items_email_key"};
  for (std::size_t i = 0; i < errors.size(); ++i) {
    EXPECT_TRUE(errors[i].toc_entry.empty());
    EXPECT_EQ(errors[i].object, objects[i]);
    EXPECT_FALSE(errors[i].harmless) << errors[i].message;
  }
  EXPECT_EQ(errors[1].command, "CREATE FUNCTION sales.total(a integer, b integer) RETURNS integer\n"
                               "    LANGUAGE plpgsql\n"
                               "    AS $$\n"
                               "begin\n"
                               "  return a + b;\n"
                               "end\n"
                               "$$;");
  EXPECT_EQ(errors[6].message, "duplicate key value violates unique constraint \"orders_pkey\"");
  EXPECT_EQ(errors[6].detail,
            "DETAIL:  Key (id)=(1) already exists.\nCONTEXT:  COPY orders, line 1");
  EXPECT_TRUE(errors[6].command.empty());
}

TEST(RestoreErrors, QualifiesTheTableOfAFailedCopyInParallelOutput) {
  const auto [errors, ignored] = parse(k_parallel_excerpt);
  ASSERT_EQ(errors.size(), 4U);
  EXPECT_EQ(errors[0].toc_entry, "3550; 0 16630 TABLE DATA Order Items postgres");
  EXPECT_EQ(errors[0].object, "sales.Order Items");
  EXPECT_EQ(errors[1].object, "sales.Order Items.Order Items_email_key");
  EXPECT_EQ(errors[2].toc_entry,
            "3403; 2606 16636 CONSTRAINT Order Items Order Items_pkey postgres");
  EXPECT_EQ(errors[2].object, "sales.Order Items.Order Items_pkey");
  EXPECT_EQ(errors[3].toc_entry, "3549; 0 16622 TABLE DATA orders postgres");
  EXPECT_EQ(errors[3].object, "public.orders");
}

TEST(RestoreErrors, KeepsTheTocEntryForASecondErrorOfTheSameEntry) {
  RestoreErrorParser parser;
  for (const char *line : {
           "pg_restore: creating TABLE \"public.audit\"\r",
           "pg_restore: from TOC entry 219; 1259 16823 TABLE audit postgres",
           "pg_restore: error: could not execute query: ERROR:  relation \"audit\" already exists",
           "Command was: CREATE TABLE public.audit (id integer);",
           "",
           "pg_restore: error: could not execute query: ERROR:  must be owner of table audit",
           "Command was: ALTER TABLE public.audit OWNER TO postgres;",
           "pg_restore: creating TABLE \"public.orders\"",
           "pg_restore: error: could not execute query: ERROR:  boom",
       }) {
    parser.feed(line);
  }
  const auto errors = parser.finish();
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(errors[0].toc_entry, "219; 1259 16823 TABLE audit postgres");
  EXPECT_EQ(errors[1].toc_entry, "219; 1259 16823 TABLE audit postgres");
  EXPECT_TRUE(errors[2].toc_entry.empty());
  EXPECT_EQ(errors[2].message, "boom");
  EXPECT_TRUE(parser.finish().empty());
}

TEST(RestoreErrors, HarmlessRulesAreNarrow) {
  EXPECT_TRUE(error_of("must be owner of extension plpgsql",
                       "COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language';")
                  .harmless);
  EXPECT_FALSE(
      error_of("must be owner of extension plpgsql", "ALTER EXTENSION plpgsql UPDATE;").harmless);
  EXPECT_TRUE(
      error_of("extension \"hstore\" already exists", "CREATE EXTENSION IF NOT EXISTS hstore;")
          .harmless);
  EXPECT_FALSE(
      error_of("extension \"hstore\" already exists", "CREATE EXTENSION hstore;").harmless);
  EXPECT_TRUE(error_of("schema \"public\" already exists", "CREATE SCHEMA public;").harmless);
  EXPECT_FALSE(error_of("schema \"public2\" already exists", "CREATE SCHEMA public2;").harmless);
  EXPECT_FALSE(error_of("schema \"sales\" already exists", "CREATE SCHEMA sales;").harmless);
  EXPECT_FALSE(
      error_of("must be owner of schema sales", "COMMENT ON SCHEMA sales IS 'x';").harmless);
  EXPECT_TRUE(
      error_of("must be owner of schema public", "ALTER SCHEMA public OWNER TO app;").harmless);
  EXPECT_FALSE(error_of("must be owner of table orders", "ALTER TABLE public.orders OWNER TO app;")
                   .harmless);
  EXPECT_FALSE(
      error_of("permission denied for table audit", "COPY public.audit (id) FROM stdin;").harmless);
  EXPECT_FALSE(error_of("must be owner of extension plpgsql", "").harmless);
}

TEST(RestoreErrors, NamesObjectsFromTheCommand) {
  const auto object = [](std::string command) {
    RestoreError error;
    error.command = std::move(command);
    return restore_error_object(error);
  };
  EXPECT_EQ(object("CREATE UNIQUE INDEX \"Orders_Idx\" ON ONLY sales.\"Order Items\" USING btree "
                   "(id);"),
            "sales.Orders_Idx");
  EXPECT_EQ(object("CREATE TRIGGER audit AFTER INSERT ON public.orders FOR EACH ROW EXECUTE "
                   "FUNCTION public.log();"),
            "public.orders.audit");
  EXPECT_EQ(object("CREATE POLICY own ON public.orders USING (true);"), "public.orders.own");
  EXPECT_EQ(object("SELECT pg_catalog.setval('public.\"Order Items_id_seq\"', 5, true);"),
            "public.Order Items_id_seq");
  EXPECT_EQ(object("COMMENT ON COLUMN public.orders.note IS 'x';"), "public.orders.note");
  EXPECT_EQ(object("CREATE MATERIALIZED VIEW sales.mv AS\n SELECT 1\n  WITH NO DATA;"), "sales.mv");
  EXPECT_EQ(object("ALTER TABLE ONLY public.orders ALTER COLUMN id SET DEFAULT "
                   "nextval('public.orders_id_seq'::regclass);"),
            "public.orders");
  EXPECT_EQ(object("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" WITH SCHEMA public;"),
            "extension uuid-ossp");
  EXPECT_EQ(object("REFRESH MATERIALIZED VIEW sales.mv;"), "sales.mv");
  EXPECT_EQ(object("GRANT ALL ON TABLE public.orders TO app;"), "");

  RestoreError from_toc;
  from_toc.toc_entry = "3550; 0 16630 TABLE DATA Order Items postgres";
  EXPECT_EQ(restore_error_object(from_toc), from_toc.toc_entry);
  EXPECT_EQ(restore_error_object(from_toc, "sales.Order Items"), "sales.Order Items");
}

TEST(RestoreErrors, BecomeFindingsOfTheRestoreCheck) {
  const auto [errors, ignored] = parse(k_non_superuser_schema_public);
  const auto findings = restore_findings(errors);
  ASSERT_EQ(findings.size(), errors.size());

  EXPECT_EQ(findings[0].check, "restore");
  EXPECT_EQ(findings[0].id, "restore.ignored_error");
  EXPECT_EQ(findings[0].severity, Severity::info);
  EXPECT_EQ(findings[0].object, "schema public");
  EXPECT_EQ(findings[0].details["toc_entry"], "7; 2615 16656 SCHEMA public postgres");
  EXPECT_EQ(findings[0].details["command"], "CREATE SCHEMA public;");
  EXPECT_EQ(findings[0].details["message"], "schema \"public\" already exists");
  EXPECT_EQ(findings[0].details["why_harmless"], errors[0].why_harmless);

  EXPECT_EQ(findings[4].id, "restore.error");
  EXPECT_EQ(findings[4].severity, Severity::error);
  EXPECT_EQ(findings[4].object, "public.audit");
  EXPECT_EQ(findings[4].message,
            "pg_restore failed on public.audit: permission denied for table audit");
  EXPECT_EQ(findings[4].details["why_harmless"], "");

  RestoreError anonymous;
  anonymous.message = "connection to server failed";
  EXPECT_EQ(restore_findings({anonymous}).at(0).object, "pg_restore");
}
