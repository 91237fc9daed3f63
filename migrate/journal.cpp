#include "migrate/journal.hpp"

#include "core/error.hpp"
#include "core/utc_time.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace pgparity::migrate {

namespace {

constexpr std::string_view k_file_name = "journal.json";
// 2: a completed phase's details hold the findings it reported (1 lost them on --resume).
constexpr int k_journal_version = 2;

std::string utc_now() { return core::utc_timestamp(std::chrono::system_clock::now()); }

std::string error_text(int error) { return std::system_category().message(error); }

[[noreturn]] void unreadable(const std::string &path, const std::string &why) {
  throw ConfigError("cannot read journal " + path + ": " + why,
                    "remove " + path + " to start over, or use a new --work-dir");
}

[[noreturn]] void unwritable(const std::string &path, int error) {
  throw ConfigError("cannot write journal " + path + ": " + error_text(error),
                    "check that the work directory is writable and its disk is not full");
}

// Replaces `path` with `text` so that a crash leaves either the old or the new content: write a
// temporary file beside it, fsync it, rename it over `path`, fsync the directory.
void write_atomically(const std::string &path, const std::string &text) {
  const std::string temporary = path + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    unwritable(path, errno);
  }
  const auto fail = [&](int error) {
    ::close(fd);
    ::unlink(temporary.c_str());
    unwritable(path, error);
  };
  std::string_view rest{text};
  while (!rest.empty()) {
    const auto written = ::write(fd, rest.data(), rest.size());
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written < 0) {
      fail(errno);
    }
    rest.remove_prefix(static_cast<std::size_t>(written));
  }
  if (::fsync(fd) != 0) {
    fail(errno);
  }
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    unwritable(path, error);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    unwritable(path, error);
  }
  const auto directory = std::filesystem::path{path}.parent_path();
  const int directory_fd =
      ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (directory_fd >= 0) {
    ::fsync(directory_fd); // the rename itself survives a power loss
    ::close(directory_fd);
  }
}

Phase phase_from_json(const std::string &path, const nlohmann::ordered_json &value) {
  const auto name = value.get<std::string>();
  const auto phase = parse_phase(name);
  if (!phase) {
    unreadable(path, "unknown phase \"" + name + "\"");
  }
  return *phase;
}

} // namespace

std::string to_string(Phase phase) {
  switch (phase) {
  case Phase::preflight:
    return "preflight";
  case Phase::maintenance_on:
    return "maintenance_on";
  case Phase::dump:
    return "dump";
  case Phase::restore:
    return "restore";
  case Phase::post_restore:
    return "post_restore";
  case Phase::verify:
    return "verify";
  case Phase::gate:
    return "gate";
  case Phase::cutover:
    return "cutover";
  case Phase::maintenance_off:
    return "maintenance_off";
  }
  return "unknown";
}

std::optional<Phase> parse_phase(std::string_view name) {
  for (const Phase phase : k_phases) {
    if (to_string(phase) == name) {
      return phase;
    }
  }
  return std::nullopt;
}

Journal Journal::open(const std::string &work_dir, const JournalIdentity &identity) {
  std::error_code error;
  std::filesystem::create_directories(work_dir, error);
  if (error) {
    throw ConfigError("cannot create work directory " + work_dir + ": " + error.message(),
                      "choose another --work-dir");
  }
  Journal journal{(std::filesystem::path{work_dir} / k_file_name).string(), identity};
  if (std::filesystem::exists(journal.m_path, error)) {
    journal.load();
  } else {
    journal.m_created_at = utc_now();
    journal.save();
  }
  return journal;
}

bool Journal::completed(Phase phase) const {
  return std::any_of(m_completed.begin(), m_completed.end(),
                     [&](const PhaseRecord &record) { return record.phase == phase; });
}

void Journal::complete(Phase phase, double seconds, nlohmann::ordered_json details) {
  const auto previous_completed = m_completed;
  const auto previous_in_progress = m_in_progress;
  std::erase_if(m_completed, [&](const PhaseRecord &record) { return record.phase == phase; });
  m_completed.push_back(PhaseRecord{phase, seconds, utc_now(), std::move(details)});
  std::sort(m_completed.begin(), m_completed.end(),
            [](const PhaseRecord &a, const PhaseRecord &b) { return a.phase < b.phase; });
  if (m_in_progress == phase) {
    m_in_progress.reset();
  }
  try {
    save();
  } catch (...) {
    m_completed = previous_completed;
    m_in_progress = previous_in_progress;
    throw;
  }
}

std::optional<Phase> Journal::last_completed() const {
  if (m_completed.empty()) {
    return std::nullopt;
  }
  return m_completed.back().phase;
}

void Journal::mark_started(Phase phase) {
  const auto previous_in_progress = m_in_progress;
  const auto previous_started_at = m_started_at;
  m_in_progress = phase;
  m_started_at = utc_now();
  try {
    save();
  } catch (...) {
    m_in_progress = previous_in_progress;
    m_started_at = previous_started_at;
    throw;
  }
}

std::optional<Phase> Journal::in_progress() const { return m_in_progress; }

std::vector<PhaseRecord> Journal::completed_phases() const { return m_completed; }

void Journal::load() {
  std::ifstream in{m_path};
  if (!in) {
    unreadable(m_path, error_text(errno));
  }
  const auto document = nlohmann::ordered_json::parse(in, nullptr, false);
  if (document.is_discarded()) {
    unreadable(m_path, "not valid JSON");
  }
  try {
    if (!document.is_object() || document.value("tool", "") != "pgparity" ||
        !document.contains("journal_version")) {
      unreadable(m_path, "not a pgparity journal");
    }
    if (const int version = document.at("journal_version").get<int>();
        version != k_journal_version) {
      unreadable(m_path,
                 "journal version " + std::to_string(version) + " is not one this pgparity reads");
    }
    const auto &identity = document.at("identity");
    const JournalIdentity stored{identity.at("source").get<std::string>(),
                                 identity.at("target").get<std::string>(),
                                 identity.at("dump_source").get<std::string>()};
    if (stored != m_identity) {
      throw ConfigError(
          "the work directory holds a run for another source/target: " + stored.source + " to " +
              stored.target + " from " + stored.dump_source + " (journal " + m_path + ")",
          "use a new --work-dir, or remove " + m_path + " to start over");
    }
    m_created_at = document.at("created_at").get<std::string>();
    m_completed.clear();
    for (const auto &record : document.at("completed")) {
      const Phase phase = phase_from_json(m_path, record.at("phase"));
      if (completed(phase)) {
        unreadable(m_path, "phase " + to_string(phase) + " is recorded twice");
      }
      m_completed.push_back(PhaseRecord{phase, record.at("seconds").get<double>(),
                                        record.at("completed_at").get<std::string>(),
                                        record.value("details", nlohmann::ordered_json{})});
    }
    std::sort(m_completed.begin(), m_completed.end(),
              [](const PhaseRecord &a, const PhaseRecord &b) { return a.phase < b.phase; });
    m_in_progress.reset();
    m_started_at.clear();
    if (const auto &started = document.at("in_progress"); !started.is_null()) {
      m_in_progress = phase_from_json(m_path, started.at("phase"));
      m_started_at = started.at("started_at").get<std::string>();
    }
  } catch (const nlohmann::ordered_json::exception &error) {
    unreadable(m_path, std::string{"not a pgparity journal ("} + error.what() + ")");
  }
}

void Journal::save() const {
  nlohmann::ordered_json completed = nlohmann::ordered_json::array();
  for (const auto &record : m_completed) {
    completed.push_back({{"phase", to_string(record.phase)},
                         {"seconds", record.seconds},
                         {"completed_at", record.completed_at},
                         {"details", record.details}});
  }
  nlohmann::ordered_json in_progress = nullptr;
  if (m_in_progress) {
    in_progress = {{"phase", to_string(*m_in_progress)}, {"started_at", m_started_at}};
  }
  const nlohmann::ordered_json document{
      {"tool", "pgparity"},
      {"journal_version", k_journal_version},
      {"identity",
       {{"source", m_identity.source},
        {"target", m_identity.target},
        {"dump_source", m_identity.dump_source}}},
      {"created_at", m_created_at},
      {"updated_at", utc_now()},
      {"in_progress", std::move(in_progress)},
      {"completed", std::move(completed)},
  };
  write_atomically(m_path, document.dump(2) + "\n");
}

} // namespace pgparity::migrate
