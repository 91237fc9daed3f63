// What the audit must not pass over (issue 11, points 3 and 4), through the real binary against
// the real clusters: a sequence the role may not read is named and the run is incomplete; a
// table pattern that selects nothing is a usage error, never "clean, 0 tables compared"; and
// --fix-sequences keeps a position whose is_called is false (next value = last_value) and judges
// a numeric column by value; a sequence column that cannot be judged is named. The
// fixture cases (fixtures/data, fixtures/structure) cover restarted and descending sequences,
// extra partitions and inheritance children, and an include naming a partitioned parent.
#include "tests/integration/support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

using namespace pgparity;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Databases {
  std::string source;
  std::string target;
};

Databases scratch(const std::string &name, const std::string &sql) {
  Databases dbs{test::scratch_database("source", name), test::scratch_database("target", name)};
  test::psql(dbs.source, sql);
  test::psql(dbs.target, sql);
  return dbs;
}

std::string as_reader(const std::string &url) { return test::with_user(url, "pgparity_reader"); }

struct AuditRun {
  test::ProcessResult process;
  json report;
};

AuditRun audit(const Databases &dbs, const std::vector<std::string> &args,
               const std::string &label) {
  const fs::path path = test::fresh_temp_path("pgparity_scope_" + label + ".json");
  std::vector<std::string> argv{"audit",    "--source",      dbs.source,   "--target",
                                dbs.target, "--report-json", path.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  AuditRun run{test::run_pgparity(argv), json{}};
  if (fs::exists(path)) {
    run.report = json::parse(test::read_file(path.string()));
  }
  return run;
}

std::string describe(const AuditRun &run) {
  return "exit code " + std::to_string(run.process.exit_code) + "\nstdout:\n" + run.process.out +
         "\nstderr:\n" + run.process.err + "\nreport:\n" + run.report.dump(2);
}

const char *const k_two_tables = R"sql(
  SET client_min_messages = warning;
  CREATE TABLE public.orders (id serial PRIMARY KEY, v text);
  INSERT INTO public.orders (v) SELECT 'o' || i FROM generate_series(1, 200) AS i;
  CREATE SEQUENCE public.ticket_seq;
  SELECT setval('public.ticket_seq', 77);
  GRANT USAGE ON SCHEMA public TO pgparity_reader;
  GRANT SELECT ON public.orders TO pgparity_reader;
)sql";

} // namespace

// SELECT on a sequence is part of the least-privilege grant: without it the position cannot be
// read (pg_sequences.last_value is NULL then, as it is for a sequence never called), so the
// sequence is not verified and the run is incomplete, naming it.
TEST(AuditScope, SequenceWithoutSelectIsNotVerified) {
  const Databases admin = scratch("scope_sequence_privilege", k_two_tables);
  for (const auto &url : {admin.source, admin.target}) {
    test::psql(url, "GRANT SELECT ON public.orders_id_seq, public.ticket_seq TO pgparity_reader");
  }
  test::psql(admin.target, "REVOKE ALL ON public.ticket_seq FROM pgparity_reader;"
                           "GRANT USAGE ON public.ticket_seq TO pgparity_reader");
  const Databases reader{as_reader(admin.source), as_reader(admin.target)};

  const AuditRun run = audit(reader, {}, "sequence_privilege");
  ASSERT_TRUE(run.report.is_object()) << describe(run);
  EXPECT_EQ(run.process.exit_code, 3) << describe(run);
  EXPECT_EQ(run.report.value("status", ""), "incomplete") << describe(run);
  const std::string reasons = run.report["incomplete_reasons"].dump();
  EXPECT_NE(reasons.find("public.ticket_seq"), std::string::npos) << describe(run);
  EXPECT_EQ(reasons.find("orders_id_seq"), std::string::npos) << describe(run);

  // With SELECT granted on both sides the same run is clean.
  test::psql(admin.target, "GRANT SELECT ON public.ticket_seq TO pgparity_reader");
  const AuditRun granted = audit(reader, {}, "sequence_privilege_granted");
  EXPECT_EQ(granted.process.exit_code, 0) << describe(granted);
}

// A pattern that selects nothing is a usage error (exit 2) naming it, whether an
// include (a typo, or a table only on the target) or an exclude; nothing is compared.
TEST(AuditScope, PatternMatchingNothingIsAUsageError) {
  const Databases dbs = scratch("scope_patterns", k_two_tables);
  const AuditRun include = audit(dbs, {"--include", "public.order"}, "include_nothing");
  EXPECT_EQ(include.process.exit_code, 2) << describe(include);
  EXPECT_NE(include.process.err.find("--include 'public.order'"), std::string::npos)
      << describe(include);
  EXPECT_EQ(include.process.out.find("CLEAN"), std::string::npos) << describe(include);

  const AuditRun exclude = audit(dbs, {"--exclude", "public.nothing_*"}, "exclude_nothing");
  EXPECT_EQ(exclude.process.exit_code, 2) << describe(exclude);
  EXPECT_NE(exclude.process.err.find("--exclude 'public.nothing_*'"), std::string::npos)
      << describe(exclude);

  // A table only on the target has nothing to be compared with: an include selecting only it
  // selects nothing.
  test::psql(dbs.target, "CREATE TABLE public.zonly (id integer); INSERT INTO public.zonly "
                         "VALUES (1)");
  const AuditRun target_only = audit(dbs, {"--include", "public.zonly"}, "include_target_only");
  EXPECT_EQ(target_only.process.exit_code, 2) << describe(target_only);
  EXPECT_NE(target_only.process.err.find("--include 'public.zonly'"), std::string::npos)
      << describe(target_only);
  EXPECT_EQ(target_only.process.out.find("CLEAN"), std::string::npos) << describe(target_only);

  const AuditRun matching = audit(dbs, {"--include", "public.ord*"}, "include_matching");
  EXPECT_EQ(matching.process.exit_code, 0) << describe(matching);
  ASSERT_TRUE(matching.report.is_object()) << describe(matching);
  EXPECT_EQ(matching.report["tables"].size(), 1u) << describe(matching);
}

// --fix-sequences after a restore of a sequence whose is_called is false: its next value is
// last_value (5000), which is past the column and equal to the source's, so nothing is to fix,
// and the sequence is not moved back to just past the column's maximum.
TEST(AuditScope, FixSequencesKeepsANotCalledPosition) {
  Databases dbs{test::scratch_database("source", "scope_fix_not_called"),
                test::scratch_database("target", "scope_fix_not_called")};
  test::psql(dbs.source, "CREATE TABLE public.t (id serial PRIMARY KEY, v text);"
                         "INSERT INTO public.t (v) SELECT 'r' || i FROM generate_series(1, 1000) i;"
                         "SELECT setval('public.t_id_seq', 5000, false);");
  const fs::path dir = test::fresh_temp_path("pgparity_scope_fix_not_called");
  const auto result =
      test::run_pgparity({"migrate", "--source", dbs.source, "--target", dbs.target, "--work-dir",
                          dir.string(), "--fix-sequences", "--quiet"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(
      test::psql_value(dbs.target, "SELECT last_value || ' ' || is_called FROM public.t_id_seq"),
      "5000 false");
  EXPECT_EQ(test::psql_value(dbs.target, "SELECT nextval('public.t_id_seq')"), "5000");
}

// One failing per-column query (the role may not read one table) names that column alone: the
// maxima of the columns after it, in the same batch and in later ones, are still read in the
// same snapshot, so a sequence behind its column further on is still caught.
TEST(AuditScope, OneFailedMaximumDoesNotCascade) {
  const Databases admin = scratch("scope_maxima_cascade", R"sql(
    SET client_min_messages = warning;
    DO $$ BEGIN FOR i IN 1 .. 120 LOOP
      EXECUTE format('CREATE TABLE public.t%s (id serial PRIMARY KEY, v integer);'
                     'INSERT INTO public.t%s (v) SELECT g FROM generate_series(1, 20) g', i, i);
    END LOOP; END $$;
    GRANT USAGE ON SCHEMA public TO pgparity_reader;
    GRANT SELECT ON ALL TABLES IN SCHEMA public TO pgparity_reader;
    GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO pgparity_reader;
  )sql");
  test::psql(admin.target, "REVOKE SELECT ON public.t30 FROM pgparity_reader;"
                           "SELECT setval('public.t25_id_seq', 5);"
                           "SELECT setval('public.t110_id_seq', 5);");
  const AuditRun run = audit({admin.source, as_reader(admin.target)}, {}, "maxima_cascade");
  ASSERT_TRUE(run.report.is_object()) << describe(run);
  EXPECT_EQ(run.process.exit_code, 3) << describe(run);
  std::size_t naming_t30 = 0;
  for (const auto &reason : run.report["incomplete_reasons"]) {
    const std::string text = reason.get<std::string>();
    if (text.find("maxim") != std::string::npos) {
      EXPECT_NE(text.find("public.t30.id"), std::string::npos)
          << "another column's maximum was not read: " << text;
      ++naming_t30;
    }
  }
  EXPECT_EQ(naming_t30, 1u) << describe(run);
  std::set<std::string> behind;
  for (const auto &finding : run.report["findings"]) {
    if (finding["id"] == "sequence.behind_max") {
      behind.insert(finding["object"].get<std::string>());
    }
  }
  EXPECT_EQ(behind, (std::set<std::string>{"public.t110_id_seq", "public.t25_id_seq"}))
      << describe(run);
}

// --fix-sequences moves a descending sequence the right way: down. The dump is taken before the
// source's sequence moves on (-1000 to -1100), so the restored target is behind it; the fix sets
// it to -1100, and the verify phase then finds it level with the source.
TEST(AuditScope, FixSequencesMovesADescendingSequenceDown) {
  Databases dbs{test::scratch_database("source", "scope_fix_descending"),
                test::scratch_database("target", "scope_fix_descending")};
  test::psql(dbs.source,
             "CREATE SEQUENCE public.t_id_seq INCREMENT BY -1 MAXVALUE -1 START WITH -1;"
             "CREATE TABLE public.t (id integer PRIMARY KEY DEFAULT nextval('public.t_id_seq'),"
             " v text);"
             "ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;"
             "INSERT INTO public.t (v) SELECT 'r' || i FROM generate_series(1, 1000) i;");
  const std::string dump = test::fresh_temp_path("pgparity_scope_fix_descending.dump");
  const auto dumped =
      test::run_process({test::pg_program("pg_dump"), "-Fc", "-f", dump, dbs.source});
  ASSERT_EQ(dumped.exit_code, 0) << dumped.err;
  test::psql(dbs.source, "SELECT count(nextval('public.t_id_seq')) FROM generate_series(1, 100)");

  const fs::path dir = test::fresh_temp_path("pgparity_scope_fix_descending");
  const auto result =
      test::run_pgparity({"migrate", "--source", dbs.source, "--target", dbs.target, "--work-dir",
                          dir.string(), "--from-dump", dump, "--fix-sequences", "--quiet"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(
      test::psql_value(dbs.target, "SELECT last_value || ' ' || is_called FROM public.t_id_seq"),
      "-1100 true");
}

// --fix-sequences judges a numeric column by value: a numeric(12,2) key filled to 10.00 from a
// sequence the source set back to 3 (so the dump carries 3) is cleared by moving the target's
// sequence to 10, its next value 11; the verify phase then finds nothing behind.
TEST(AuditScope, FixSequencesClearsANumericColumn) {
  Databases dbs{test::scratch_database("source", "scope_fix_numeric"),
                test::scratch_database("target", "scope_fix_numeric")};
  test::psql(dbs.source,
             "CREATE SEQUENCE public.s;"
             "CREATE TABLE public.c (id numeric(12, 2) PRIMARY KEY DEFAULT nextval('public.s'),"
             " v integer);"
             "INSERT INTO public.c (v) SELECT g FROM generate_series(1, 10) AS g;"
             "SELECT setval('public.s', 3);");
  const fs::path dir = test::fresh_temp_path("pgparity_scope_fix_numeric");
  const auto result =
      test::run_pgparity({"migrate", "--source", dbs.source, "--target", dbs.target, "--work-dir",
                          dir.string(), "--fix-sequences", "--quiet"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(test::psql_value(dbs.target, "SELECT last_value || ' ' || is_called FROM public.s"),
            "10 true");
}

// A column drawing from a sequence whose values cannot be judged against its position is named
// and the run is incomplete, never skipped: a numeric beyond bigint, and a text column holding a
// value that does not cast to numeric. A text column of numbers is judged in numeric order
// ('9' < '10'), so its sequence set back below 10 is behind its maximum; a text column whose
// default builds another value ('INV-' || nextval) is named as not judged.
TEST(AuditScope, SequenceColumnsThatCannotBeJudgedAreNamed) {
  const Databases dbs = scratch("scope_sequence_unjudged", R"sql(
    SET client_min_messages = warning;
    CREATE SEQUENCE public.big_seq;
    CREATE TABLE public.big (id numeric PRIMARY KEY DEFAULT nextval('public.big_seq'));
    INSERT INTO public.big VALUES (DEFAULT), (1e25);
    CREATE SEQUENCE public.word_seq;
    CREATE TABLE public.word (id text PRIMARY KEY DEFAULT nextval('public.word_seq')::text);
    INSERT INTO public.word VALUES (DEFAULT), ('abc');
    CREATE SEQUENCE public.code_seq;
    CREATE TABLE public.code (id text PRIMARY KEY DEFAULT nextval('public.code_seq')::text);
    INSERT INTO public.code SELECT FROM generate_series(1, 10);
    CREATE SEQUENCE public.invoice_seq;
    CREATE TABLE public.invoice (
      no text PRIMARY KEY DEFAULT 'INV-' || nextval('public.invoice_seq')::text);
    INSERT INTO public.invoice SELECT FROM generate_series(1, 3);
  )sql");
  test::psql(dbs.target, "SELECT setval('public.code_seq', 9)");
  const AuditRun run = audit(dbs, {}, "sequence_unjudged");
  ASSERT_TRUE(run.report.is_object()) << describe(run);
  EXPECT_EQ(run.process.exit_code, 3) << describe(run);
  const std::string reasons = run.report["incomplete_reasons"].dump();
  EXPECT_NE(reasons.find("public.big.id"), std::string::npos) << describe(run);
  EXPECT_NE(reasons.find("public.word.id"), std::string::npos) << describe(run);
  EXPECT_EQ(reasons.find("public.code.id"), std::string::npos) << describe(run);
  std::set<std::string> behind;
  for (const auto &finding : run.report["findings"]) {
    if (finding["id"] == "sequence.behind_max") {
      behind.insert(finding["object"].get<std::string>());
    }
  }
  EXPECT_EQ(behind, std::set<std::string>{"public.code_seq"}) << describe(run);
  // A default computing another value from the sequence: its column is named, not judged.
  EXPECT_EQ(reasons.find("public.invoice.no"), std::string::npos) << describe(run);
  bool named = false;
  for (const auto &finding : run.report["findings"]) {
    named = named || (finding["id"] == "sequence.column_not_judged" &&
                      finding["object"] == "public.invoice_seq" &&
                      finding["details"]["column"] == "public.invoice.no");
  }
  EXPECT_TRUE(named) << describe(run);
}
