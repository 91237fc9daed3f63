#include "migrate/phase_memory.hpp"

#include "core/error.hpp"
#include "report/waiver.hpp"

namespace pgparity::migrate {

nlohmann::ordered_json to_journal(const PhaseMemory &memory) {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const auto &finding : memory.findings) {
    findings.push_back({{"check", finding.check},
                        {"id", finding.id},
                        {"severity", report::to_string(finding.severity)},
                        {"object", finding.object},
                        {"message", finding.message},
                        {"details", finding.details}});
  }
  return {{"findings", std::move(findings)}, {"section", memory.section}};
}

PhaseMemory phase_memory_from_journal(const nlohmann::ordered_json &details,
                                      const std::string &journal_path) {
  const auto unreadable = [&](const std::string &why) {
    return ConfigError("cannot read journal " + journal_path + ": " + why,
                       "remove " + journal_path + " to start over, or use a new --work-dir");
  };
  if (!details.is_object() || !details.contains("findings") || !details.at("findings").is_array()) {
    throw unreadable("a completed phase lacks the findings it reported");
  }
  PhaseMemory memory;
  try {
    for (const auto &finding : details.at("findings")) {
      memory.findings.push_back(report::Finding{
          finding.at("check").get<std::string>(), finding.at("id").get<std::string>(),
          report::parse_severity(finding.at("severity").get<std::string>()),
          finding.at("object").get<std::string>(), finding.at("message").get<std::string>(),
          finding.value("details", nlohmann::ordered_json::object())});
    }
  } catch (const nlohmann::ordered_json::exception &error) {
    throw unreadable(std::string{"a finding of a completed phase is malformed ("} + error.what() +
                     ")");
  } catch (const ConfigError &error) {
    throw unreadable(error.what());
  }
  memory.section = details.value("section", nlohmann::ordered_json{});
  return memory;
}

} // namespace pgparity::migrate
