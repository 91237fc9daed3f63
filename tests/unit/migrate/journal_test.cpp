#include "core/error.hpp"
#include "migrate/journal.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

using namespace pgparity::migrate;

namespace {

const JournalIdentity k_identity{"postgresql://app:***@old.example.com/shop",
                                 "postgresql://app:***@new.example.com/shop", "pg_dump"};

// A fresh, empty work directory for one test.
std::string work_dir(const std::string &name) {
  const auto path = std::filesystem::path{::testing::TempDir()} / ("journal_test_" + name);
  std::filesystem::remove_all(path);
  return path.string();
}

void write(const std::string &path, const std::string &text) { std::ofstream{path} << text; }

std::string message_of(const std::function<void()> &action) {
  try {
    action();
  } catch (const pgparity::ConfigError &error) {
    return std::string{error.what()} + "\nhint: " + error.hint();
  }
  return "no ConfigError";
}

} // namespace

TEST(Journal, PhasesHaveStableNames) {
  ASSERT_EQ(k_phases.size(), 9U);
  EXPECT_EQ(to_string(Phase::post_restore), "post_restore");
  EXPECT_EQ(to_string(Phase::maintenance_off), "maintenance_off");
  for (const Phase phase : k_phases) {
    EXPECT_EQ(parse_phase(to_string(phase)), phase);
  }
  EXPECT_FALSE(parse_phase("Restore").has_value());
  EXPECT_FALSE(parse_phase("").has_value());
}

TEST(Journal, CreatesTheWorkDirectoryAndAnEmptyJournal) {
  const auto dir = work_dir("create") + "/nested";
  const auto journal = Journal::open(dir, k_identity);
  EXPECT_EQ(journal.path(), dir + "/journal.json");
  EXPECT_TRUE(std::filesystem::exists(journal.path()));
  EXPECT_FALSE(journal.last_completed().has_value());
  EXPECT_FALSE(journal.in_progress().has_value());
  EXPECT_FALSE(journal.completed(Phase::preflight));
  EXPECT_TRUE(journal.completed_phases().empty());
}

TEST(Journal, RemembersCompletedPhasesAcrossRuns) {
  const auto dir = work_dir("reopen");
  {
    auto journal = Journal::open(dir, k_identity);
    journal.mark_started(Phase::preflight);
    journal.complete(Phase::preflight, 1.5);
    journal.mark_started(Phase::dump);
    journal.complete(Phase::dump, 42.25, {{"dump_dir", dir + "/dump"}, {"bytes", 1024}});
  }
  const auto journal = Journal::open(dir, k_identity);
  EXPECT_TRUE(journal.completed(Phase::preflight));
  EXPECT_TRUE(journal.completed(Phase::dump));
  EXPECT_FALSE(journal.completed(Phase::restore));
  EXPECT_EQ(journal.last_completed(), Phase::dump);
  EXPECT_FALSE(journal.in_progress().has_value());

  const auto records = journal.completed_phases();
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[0].phase, Phase::preflight);
  EXPECT_DOUBLE_EQ(records[0].seconds, 1.5);
  EXPECT_EQ(records[1].phase, Phase::dump);
  EXPECT_DOUBLE_EQ(records[1].seconds, 42.25);
  EXPECT_EQ(records[1].details["bytes"], 1024);
  EXPECT_EQ(records[1].completed_at.size(), 20U); // 2026-11-23T12:00:00Z
  EXPECT_FALSE(std::filesystem::exists(journal.path() + ".tmp"));
}

TEST(Journal, RecordsAPhaseStartedButNotCompleted) {
  const auto dir = work_dir("in_progress");
  {
    auto journal = Journal::open(dir, k_identity);
    journal.complete(Phase::preflight, 1);
    journal.complete(Phase::dump, 2);
    journal.mark_started(Phase::restore);
    EXPECT_EQ(journal.in_progress(), Phase::restore);
  } // killed here, in the middle of the restore
  auto journal = Journal::open(dir, k_identity);
  EXPECT_EQ(journal.in_progress(), Phase::restore);
  EXPECT_EQ(journal.last_completed(), Phase::dump);
  EXPECT_FALSE(journal.completed(Phase::restore));

  journal.complete(Phase::restore, 30);
  EXPECT_FALSE(journal.in_progress().has_value());
  EXPECT_FALSE(Journal::open(dir, k_identity).in_progress().has_value());
}

TEST(Journal, LastCompletedFollowsPipelineOrderAndARerunReplacesTheRecord) {
  auto journal = Journal::open(work_dir("order"), k_identity);
  journal.complete(Phase::verify, 3);
  journal.complete(Phase::preflight, 1);
  EXPECT_EQ(journal.last_completed(), Phase::verify);
  journal.complete(Phase::verify, 5);
  const auto records = journal.completed_phases();
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[0].phase, Phase::preflight);
  EXPECT_DOUBLE_EQ(records[1].seconds, 5);
}

TEST(Journal, RefusesAWorkDirectoryOfAnotherRun) {
  const auto dir = work_dir("identity");
  Journal::open(dir, k_identity).complete(Phase::preflight, 1);

  std::vector<JournalIdentity> others(3, k_identity);
  others[0].source = "postgresql://app:***@elsewhere.example.com/shop";
  others[1].target = "postgresql://app:***@elsewhere.example.com/shop";
  others[2].dump_source = "/backups/shop.dump";
  for (const auto &other : others) {
    const auto message = message_of([&] { Journal::open(dir, other); });
    EXPECT_NE(message.find("the work directory holds a run for another source/target"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("hint: use a new --work-dir, or remove " + dir + "/journal.json"),
              std::string::npos)
        << message;
  }
  EXPECT_TRUE(Journal::open(dir, k_identity).completed(Phase::preflight));
}

TEST(Journal, RefusesAnUnreadableOrForeignJournal) {
  const auto dir = work_dir("corrupt");
  const auto path = Journal::open(dir, k_identity).path();
  const auto refused = [&](const std::string &text) {
    write(path, text);
    return message_of([&] { Journal::open(dir, k_identity); });
  };
  for (const std::string &text : {
           std::string{"{\"tool\": \"pgparity\", \"journal_version\": 2, \"identity\": {"},
           std::string{""},
           std::string{"[1, 2]"},
           std::string{"{\"tool\": \"pg_dump\", \"journal_version\": 2}"},
           std::string{"{\"tool\": \"pgparity\", \"journal_version\": 3}"},
           std::string{"{\"tool\": \"pgparity\", \"journal_version\": 2, \"identity\": 5}"},
       }) {
    const auto message = refused(text);
    EXPECT_EQ(message.rfind("cannot read journal " + path + ": ", 0), 0U) << message;
  }

  // A well-formed journal naming a phase this pgparity does not know.
  auto document = nlohmann::json::parse(R"({"tool": "pgparity", "journal_version": 2,
      "created_at": "2026-11-23T12:00:00Z", "in_progress": null, "completed": [
        {"phase": "teleport", "seconds": 1, "completed_at": "2026-11-23T12:00:01Z"}]})");
  document["identity"] = {{"source", k_identity.source},
                          {"target", k_identity.target},
                          {"dump_source", k_identity.dump_source}};
  EXPECT_NE(refused(document.dump()).find("unknown phase \"teleport\""), std::string::npos);

  // Version 1 kept no findings with its phases: a resume from it would lose a restore's errors.
  document["journal_version"] = 1;
  document["completed"] = nlohmann::json::array();
  EXPECT_NE(refused(document.dump()).find("journal version 1 is not one this pgparity reads"),
            std::string::npos);
}

TEST(Journal, ReportsAWorkDirectoryThatCannotBeCreated) {
  const auto dir = work_dir("blocked");
  std::filesystem::create_directories(dir);
  write(dir + "/file", "x");
  const auto message = message_of([&] { Journal::open(dir + "/file/sub", k_identity); });
  EXPECT_EQ(message.rfind("cannot create work directory " + dir + "/file/sub: ", 0), 0U) << message;
}
