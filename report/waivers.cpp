#include "core/error.hpp"
#include "report/waiver.hpp"

#include <fmt/format.h>
#include <fnmatch.h>

#include <fstream>
#include <regex>

namespace pgparity::report {

namespace {

// "waivers file W: waiver 2 (index.missing)" — which entry of which file, for every error.
std::string entry_name(const std::string &path, std::size_t index, const nlohmann::json &item) {
  std::string name = "waivers file " + path + ": waiver " + std::to_string(index + 1);
  if (item.is_object() && item.contains("id") && item["id"].is_string()) {
    name += " (" + item["id"].get<std::string>() + ")";
  }
  return name;
}

std::string required_text(const nlohmann::json &item, const char *field, const std::string &path,
                          std::size_t index) {
  if (!item.is_object() || !item.contains(field) || !item[field].is_string() ||
      item[field].get<std::string>().empty()) {
    throw ConfigError(entry_name(path, index, item) + " has no \"" + field + "\"",
                      "each waiver needs id, object (a schema.table pattern; \"*\" for every "
                      "object), reason and accepted_by; expires (YYYY-MM-DD) is optional");
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
    // Without an object a bare id would waive that finding on every table: refused.
    waiver.object = required_text(item, "object", path, i);
    if (item.contains("expires")) {
      const std::string text = required_text(item, "expires", path, i);
      waiver.expires = parse_iso_date(text);
      if (!waiver.expires) {
        throw ConfigError(entry_name(path, i, item) + " expires on \"" + text +
                              "\", not a date of the form YYYY-MM-DD",
                          "write the date zero-padded, e.g. 2026-01-05");
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

std::optional<std::chrono::year_month_day> parse_iso_date(const std::string &text) {
  static const std::regex k_date{R"(^(\d{4})-(\d{2})-(\d{2})$)"};
  std::smatch parts;
  if (!std::regex_match(text, parts, k_date)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{
      std::chrono::year{std::stoi(parts[1])},
      std::chrono::month{static_cast<unsigned>(std::stoi(parts[2]))},
      std::chrono::day{static_cast<unsigned>(std::stoi(parts[3]))}};
  if (!date.ok()) {
    return std::nullopt;
  }
  return date;
}

std::string iso_date(const std::chrono::year_month_day &date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

bool expired(const Waiver &waiver, const std::chrono::year_month_day &today) {
  return waiver.expires && std::chrono::sys_days{*waiver.expires} < std::chrono::sys_days{today};
}

const Waiver *waiver_for(const std::string &id, const std::string &object,
                         const std::vector<Waiver> &waivers,
                         const std::chrono::year_month_day &today) {
  for (const auto &waiver : waivers) {
    if (waiver.id == id && fnmatch(waiver.object.c_str(), object.c_str(), 0) == 0 &&
        !expired(waiver, today)) {
      return &waiver;
    }
  }
  return nullptr;
}

std::chrono::year_month_day utc_date(std::chrono::system_clock::time_point at) {
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(at)};
}

} // namespace pgparity::report
