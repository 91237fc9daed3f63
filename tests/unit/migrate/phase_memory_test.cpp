#include "core/error.hpp"
#include "migrate/phase_memory.hpp"

#include <gtest/gtest.h>

using namespace pgparity;
using namespace pgparity::migrate;

TEST(PhaseMemory, FindingsAndSectionSurviveTheJournal) {
  PhaseMemory memory;
  memory.findings.push_back(report::make_finding(
      "restore", "restore.error", "schema app", "pg_restore failed on schema app: exists",
      {{"toc_entry", "5; 2615 16385 SCHEMA - app"}, {"message", "schema \"app\" exists"}}));
  memory.findings.push_back(report::make_finding("restore", "restore.ignored_error",
                                                 "extension plpgsql", "ignored as harmless"));
  memory.findings.back().severity = report::Severity::warning; // as found, whatever the default
  memory.section = nlohmann::ordered_json::array({"ANALYZE"});

  // Through text, as the journal file holds it.
  const auto stored = nlohmann::ordered_json::parse(to_journal(memory).dump());
  const PhaseMemory back = phase_memory_from_journal(stored, "/w/journal.json");
  ASSERT_EQ(back.findings.size(), 2U);
  EXPECT_EQ(back.findings[0].check, "restore");
  EXPECT_EQ(back.findings[0].id, "restore.error");
  EXPECT_EQ(back.findings[0].severity, report::Severity::error);
  EXPECT_EQ(back.findings[0].object, "schema app");
  EXPECT_EQ(back.findings[0].message, memory.findings[0].message);
  EXPECT_EQ(back.findings[0].details.dump(), memory.findings[0].details.dump()); // keys in order
  EXPECT_EQ(back.findings[1].severity, report::Severity::warning);
  EXPECT_EQ(back.section, memory.section);

  const PhaseMemory empty = phase_memory_from_journal(to_journal({}), "/w/journal.json");
  EXPECT_TRUE(empty.findings.empty());
  EXPECT_TRUE(empty.section.is_null());
}

TEST(PhaseMemory, DetailsWithoutFindingsAreRefusedNotReadAsNone) {
  // A phase whose findings are missing must not pass for a phase that found nothing.
  for (const char *text :
       {"null", R"({"bytes": 1024})", R"({"findings": {"id": "restore.error"}})",
        R"({"findings": [{"id": "restore.error"}]})",
        R"({"findings": [{"check": "restore", "id": "restore.error", "severity": "fatal",
                          "object": "x", "message": "m"}]})"}) {
    const auto details = nlohmann::ordered_json::parse(text);
    try {
      phase_memory_from_journal(details, "/w/journal.json");
      ADD_FAILURE() << "accepted " << details.dump();
    } catch (const ConfigError &error) {
      EXPECT_EQ(std::string{error.what()}.rfind("cannot read journal /w/journal.json: ", 0), 0U)
          << error.what();
    }
  }
}
