#include "core/error.hpp"
#include "report/waiver.hpp"

#include <fnmatch.h>

#include <ctime>
#include <fstream>

namespace pgparity::report {

namespace {

std::string required_text(const nlohmann::json &item, const char *field, const std::string &path,
                          std::size_t index) {
  if (!item.contains(field) || !item[field].is_string() || item[field].get<std::string>().empty()) {
    throw ConfigError("waivers file " + path + ": waiver " + std::to_string(index + 1) +
                          " has no \"" + field + "\"",
                      "each waiver needs id, reason and accepted_by; object and expires "
                      "(YYYY-MM-DD) are optional");
  }
  return item[field].get<std::string>();
}

} // namespace

std::vector<Waiver> read_waivers(const std::string &path) {
  std::ifstream in{path};
  if (!in) {
    throw ConfigError("cannot read the waivers file " + path);
  }
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception &e) {
    throw ConfigError("waivers file " + path + " is not valid JSON: " + e.what());
  }
  if (!document.contains("waivers") || !document["waivers"].is_array()) {
    throw ConfigError("waivers file " + path + " has no \"waivers\" list");
  }
  std::vector<Waiver> waivers;
  for (std::size_t i = 0; i < document["waivers"].size(); ++i) {
    const auto &item = document["waivers"][i];
    Waiver waiver;
    waiver.id = required_text(item, "id", path, i);
    waiver.reason = required_text(item, "reason", path, i);
    waiver.accepted_by = required_text(item, "accepted_by", path, i);
    if (item.contains("object")) {
      waiver.object = required_text(item, "object", path, i);
    }
    if (item.contains("expires")) {
      waiver.expires = required_text(item, "expires", path, i);
      std::tm parsed{};
      if (strptime(waiver.expires->c_str(), "%Y-%m-%d", &parsed) == nullptr) {
        throw ConfigError("waivers file " + path + ": waiver " + std::to_string(i + 1) +
                          " expires on \"" + *waiver.expires + "\", not a YYYY-MM-DD date");
      }
    }
    waivers.push_back(std::move(waiver));
  }
  return waivers;
}

Severity parse_severity(const std::string &text) {
  if (text == "error") {
    return Severity::error;
  }
  if (text == "warning") {
    return Severity::warning;
  }
  if (text == "info") {
    return Severity::info;
  }
  throw ConfigError("unknown severity \"" + text + "\"", "use error, warning or info");
}

std::pair<std::string, Severity> parse_severity_override(const std::string &text) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw ConfigError("--severity takes ID=SEVERITY, e.g. index.extra=error, not \"" + text + "\"");
  }
  return {text.substr(0, equals), parse_severity(text.substr(equals + 1))};
}

const Waiver *waiver_for(const std::string &id, const std::string &object,
                         const std::vector<Waiver> &waivers, const std::string &today) {
  for (const auto &waiver : waivers) {
    if (waiver.id == id && fnmatch(waiver.object.c_str(), object.c_str(), 0) == 0 &&
        (!waiver.expires || *waiver.expires >= today)) {
      return &waiver;
    }
  }
  return nullptr;
}

std::string utc_date(std::chrono::system_clock::time_point at) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
  return text;
}

} // namespace pgparity::report
